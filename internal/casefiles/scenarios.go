package casefiles

import (
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// The files a scenario gives troubleshooting, by name.
const (
	FileHAR      = "har"       // the capture of the failed login
	FileNoAccess = "no-access" // a capture with no SAMLResponse
	FileResponse = "response"  // the bare SAMLResponse value
	FileMetadata = "metadata"  // the metadata the service provider has
	FileFresh    = "fresh"     // JumpCloud's metadata as exported now
	FileConfig   = "config"    // the saved sso-config.yaml
)

// Scenario is a support call: what the customer reports, the fault behind
// it (the test IdP's), the files they send, the answers support gets, and
// the cause troubleshooting must name, with words its fix must hold in the
// profile's terms.
type Scenario struct {
	Name     string
	Symptom  string
	Profile  string
	Faults   []testidp.Fault
	SavedApp string
	Files    []string
	// Answers are given when asked (question id to yes, no or unsure).
	Answers map[string]string
	Cause   string
	FixSays []string
}

// Scenarios lead every symptom and every cause of the issue (and every
// fault of the test IdP that shows in a login) to its diagnosis.
func Scenarios() []Scenario {
	no, yes := diagnose.AnswerNo, diagnose.AnswerYes
	f := func(fs ...testidp.Fault) []testidp.Fault { return fs }
	files := func(fs ...string) []string { return fs }
	return []Scenario{
		{Name: "export before save", Symptom: diagnose.SymptomPlaceholderEntityID, Profile: "avoma", Faults: f(testidp.FaultPlaceholderEntityID),
			Files: files(FileMetadata), Cause: diagnose.CauseAppNotSavedBeforeExport, FixSays: []string{"IdP Entity ID", "Copy Metadata URL", "Avoma's support team"}},
		{Name: "export before save, Vome", Symptom: diagnose.SymptomPlaceholderEntityID, Profile: "vome", Faults: f(testidp.FaultPlaceholderEntityID),
			Files: files(FileHAR), Cause: diagnose.CauseAppNotSavedBeforeExport, FixSays: []string{"Export Metadata", "upload the new file to Vome"}},
		{Name: "unbound user", Symptom: diagnose.SymptomNotAssigned, Profile: "avoma", Faults: f(testidp.FaultUnboundUser),
			Files: files(FileNoAccess), Answers: map[string]string{diagnose.QuestionUserInBoundGroup: no}, Cause: diagnose.CauseUserNotBound, FixSays: []string{"User Groups tab"}},
		{Name: "another address", Symptom: diagnose.SymptomFailsAfterLogin, Profile: "avoma", Faults: f(testidp.FaultEmailMismatch),
			Files: files(FileHAR), Answers: map[string]string{diagnose.QuestionEmailMatches: no}, Cause: diagnose.CauseEmailMismatch, FixSays: []string{"the user's account in Avoma"}},
		{Name: "admin missing", Symptom: diagnose.SymptomFailsAfterLogin, Profile: "vome", Faults: f(testidp.FaultEmailMismatch),
			Files: files(FileHAR, FileConfig), Answers: map[string]string{diagnose.QuestionAdminExists: no}, Cause: diagnose.CauseAdminMissing, FixSays: []string{"Create the admin in Vome first"}},
		{Name: "certificate regenerated", Symptom: diagnose.SymptomSignatureError, Profile: "avoma", Faults: f(testidp.FaultRotatedCert),
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseStaleMetadata, FixSays: []string{"Copy Metadata URL", "Avoma still trusts the old certificate"}},
		{Name: "certificate regenerated, fresh metadata", Symptom: diagnose.SymptomSignatureError, Profile: "vome", Faults: f(testidp.FaultRotatedCert),
			Files: files(FileFresh, FileConfig), Cause: diagnose.CauseStaleMetadata, FixSays: []string{"upload the new file to Vome"}},
		{Name: "assertion only", Symptom: diagnose.SymptomSignatureError, Profile: "avoma", Faults: f(testidp.FaultAssertionOnly),
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseSigningSetting, FixSays: []string{"set Sign to Assertion and Response"}},
		{Name: "response only", Symptom: diagnose.SymptomSignatureError, Profile: "vome", Faults: f(testidp.FaultResponseOnly),
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseSigningSetting, FixSays: []string{"set Sign to Assertion and Response"}},
		{Name: "unsigned", Symptom: diagnose.SymptomSignatureError, Profile: "avoma", Faults: f(testidp.FaultUnsigned),
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseSigningSetting, FixSays: []string{"set Sign to Assertion and Response"}},
		{Name: "sha1", Symptom: diagnose.SymptomSignatureError, Profile: "avoma", Faults: f(testidp.FaultSHA1),
			Files: files(FileHAR, FileMetadata), Cause: diagnose.CauseSigningSetting, FixSays: []string{"Signature Algorithm to RSA-SHA256"}},
		{Name: "expired certificate", Symptom: diagnose.SymptomSignatureError, Profile: "avoma", Faults: f(testidp.FaultExpiredCert),
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseCertExpired, FixSays: []string{"regenerate the certificate", "Copy Metadata URL"}},
		{Name: "another app's metadata", Symptom: diagnose.SymptomSignatureError, Profile: "avoma", SavedApp: "avoma-old",
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseWrongAppMetadata, FixSays: []string{"open the app the users are bound to"}},
		{Name: "sessions end", Symptom: diagnose.SymptomSessionsEnded, Profile: "avoma",
			Cause: diagnose.CauseSessionsEndedExpected, FixSays: []string{"on Avoma's login screen, choose the SSO option"}},
		{Name: "password sign-in", Symptom: diagnose.SymptomOneUserCannotLogin, Profile: "avoma",
			Answers: map[string]string{diagnose.QuestionUserInBoundGroup: yes, diagnose.QuestionUsedSSOOption: no},
			Cause:   diagnose.CauseWrongLoginMethod, FixSays: []string{"choose the SSO option and enter your work e-mail"}},
		{Name: "Avoma not ready", Symptom: diagnose.SymptomOneUserCannotLogin, Profile: "avoma",
			Answers: map[string]string{diagnose.QuestionUserInBoundGroup: yes, diagnose.QuestionUsedSSOOption: yes, diagnose.QuestionEmailMatches: yes, diagnose.QuestionSPConfirmed: no},
			Cause:   diagnose.CauseSPNotConfirmed, FixSays: []string{"Avoma's support"}},
		{Name: "SP Entity ID typo", Symptom: diagnose.SymptomAudienceOrDestination, Profile: "avoma", Faults: f(testidp.FaultWrongAudience),
			Files: files(FileHAR), Cause: diagnose.CauseSPEntityIDTypo, FixSays: []string{`"https://app.avoma.com"`, `"https://app.avoma.cmo"`}},
		{Name: "ACS URL typo", Symptom: diagnose.SymptomAudienceOrDestination, Profile: "vome", Faults: f(testidp.FaultWrongACS),
			Files: files(FileHAR, FileConfig), Cause: diagnose.CauseACSURLTypo, FixSays: []string{`"` + GeneratedACSURL + `"`, `"https://acmecorp.sp.example/saml/asc"`}},
		{Name: "clock", Symptom: diagnose.SymptomFailsAfterLogin, Profile: "avoma", Faults: f(testidp.FaultClockSkew),
			Files: files(FileHAR), Cause: diagnose.CauseClockSkew, FixSays: []string{"NTP"}},
		{Name: "portal tile", Symptom: diagnose.SymptomFailsAfterLogin, Profile: "avoma", Faults: f(testidp.FaultIdPInitiatedOnly),
			Files: files(FileHAR), Answers: map[string]string{diagnose.QuestionWorksFromSPLogin: yes}, Cause: diagnose.CauseIdPInitiatedRejected, FixSays: []string{"Avoma's login page"}},
		{Name: "no redirect binding", Symptom: diagnose.SymptomUnknown, Profile: "avoma", Faults: f(testidp.FaultNoRedirectBinding),
			Files: files(FileMetadata), Cause: diagnose.CauseRedirectNotDeclared, FixSays: []string{"tick Declare Redirect Endpoint", "Copy Metadata URL"}},
	}
}

// Case makes the scenario's files.
func (s Scenario) Case(tb testing.TB) *Files {
	tb.Helper()
	return Make(tb, Options{Profile: s.Profile, Faults: s.Faults, SavedApp: s.SavedApp})
}

// Path is the case's file of that name (FileHAR…), or "".
func (f *Files) Path(name string) string {
	switch name {
	case FileHAR:
		return f.HAR
	case FileNoAccess:
		return f.NoResponseHAR
	case FileResponse:
		return f.Response
	case FileMetadata:
		return f.Metadata
	case FileFresh:
		return f.FreshMetadata
	case FileConfig:
		return f.Config
	}
	return ""
}

// Flag is the troubleshoot flag that gives a file of that name:
// --response, --metadata or --config.
func Flag(name string) string {
	switch name {
	case FileHAR, FileNoAccess, FileResponse:
		return "--response"
	case FileMetadata, FileFresh:
		return "--metadata"
	}
	return "--config"
}

// SignatureValues are a response's SignatureValue and DigestValue texts,
// whitespace removed: what no report may hold. It fails on an unsigned one.
func SignatureValues(tb testing.TB, xml []byte) []string {
	tb.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(xml); err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, tag := range []string{"SignatureValue", "DigestValue"} {
		for _, el := range doc.FindElements("//" + tag) {
			out = append(out, strings.Join(strings.Fields(el.Text()), ""))
		}
	}
	if len(out) == 0 {
		tb.Fatal("the response is not signed")
	}
	return out
}
