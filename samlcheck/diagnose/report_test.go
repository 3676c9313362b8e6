package diagnose_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/drift"
)

// squash drops whitespace, so a value wrapped across lines is still found.
var squash = regexp.MustCompile(`\s+`)

// TestReportForTheTicket: the report names the symptom, the diagnosis
// with both fingerprints and the fix, every cause, every answer, every
// check with its findings and the certificates; it never holds a signature
// value, and the response itself only when asked, without them.
func TestReportForTheTicket(t *testing.T) {
	now, before := keys(t)
	r, xml := inspected(t, samltest.ResponseOptions{InResponseTo: "_req", SignAssertion: true, SignResponse: true, Signer: now}, before)
	fresh := checked(t, now, samltest.MetadataOptions{}, "")
	saved := savedFrom(before)
	ev := diagnose.Evidence{Response: r, ResponseXML: xml, ResponseSource: "login.har", Capture: &diagnose.Capture{Format: "har", Requests: 3, Responses: 1, Picked: 1},
		Metadata: fresh, MetadataSource: "https://sso.jumpcloud.example/md", Saved: saved, SavedSource: "jcsso-acmecorp/sso-config.yaml",
		Drift: drift.Compare(*saved, fresh), Expect: expect, Clock: diagnose.Clock{At: judgedAt, Source: diagnose.ClockCapture},
		Answers: []diagnose.Answer{{Question: diagnose.QuestionCertRegenerated, Value: diagnose.AnswerUnsure}}}
	w := avomaWords()
	res := walk(t, diagnose.SymptomSignatureError, ev, w)
	wantDiagnosis(t, res, diagnose.CauseStaleMetadata)
	out, err := diagnose.Report(res, ev, w, diagnose.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	md := string(out)
	for _, want := range []string{
		"Symptom: Signature errors", "`signature-error`", "Avoma (profile `avoma`)",
		"**Stale metadata: the certificate was regenerated (old fingerprint " + samlcheck.FingerprintSHA256(before.Cert) + ", new " + samlcheck.FingerprintSHA256(now.Cert) + ")**",
		"Fix: In JumpCloud admin console → SSO Applications → the app → SSO tab, click Copy Metadata URL",
		"possible `signing-setting`", "`cert-regenerated`", "**not sure**",
		"### Metadata: https://sso.jumpcloud.example/md", "### Comparison with the saved configuration: jcsso-acmecorp/sso-config.yaml",
		"### SAMLResponse: login.har (SAMLResponse 1 of 1 in the capture)", "fail `signature.invalid`", "fail `drift.cert-rotated`",
		"NameID: `" + samltest.DefaultEmail + "`", "when the browser sent it",
		"Saved in the configuration (what Avoma has): SHA-256 `" + samlcheck.FingerprintSHA256(before.Cert) + "`",
		"In the metadata: SHA-256 `" + samlcheck.FingerprintSHA256(now.Cert) + "`",
		"The response is signed with (its KeyInfo, which no trusted certificate matches): SHA-256 `" + samlcheck.FingerprintSHA256(now.Cert) + "`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	values := casefiles.SignatureValues(t, xml)
	if strings.Contains(md, "<samlp:Response") || strings.Contains(md, "The SAMLResponse") {
		t.Error("the response is in the report without being asked for")
	}
	with, err := diagnose.Report(res, ev, w, diagnose.ReportOptions{IncludeResponse: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(with), "## The SAMLResponse") || !strings.Contains(string(with), "(removed by jcsso)") || !strings.Contains(string(with), "Assertion") {
		t.Errorf("the response asked for is not there:\n%s", with)
	}
	for _, report := range [][]byte{out, with} {
		flat := squash.ReplaceAllString(string(report), "")
		for _, v := range values {
			if strings.Contains(flat, v) {
				t.Errorf("the report holds a signature value %.20s…", v)
			}
		}
	}
}

// TestReportWithoutEvidence: a walk on answers alone still reports every
// answer and says no check ran.
func TestReportWithoutEvidence(t *testing.T) {
	w := vomeWords()
	ev := diagnose.Evidence{Answers: []diagnose.Answer{{Question: diagnose.QuestionAdminExists, Value: diagnose.AnswerNo}}}
	res := walk(t, diagnose.SymptomFailsAfterLogin, ev, w)
	wantDiagnosis(t, res, diagnose.CauseAdminMissing)
	out, err := diagnose.Report(res, ev, w, diagnose.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"`admin-exists`: Does Vome already have an admin account for this person, under any e-mail? **no**",
		"None: no metadata, saved configuration or capture was given.", "None was read.", "Create the admin in Vome first"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestReportSaysWhatWasNotChecked: what could not be read is named under
// the checks, with why; a saved configuration given alone is named too,
// never reported as nothing given (review item 2).
func TestReportSaysWhatWasNotChecked(t *testing.T) {
	w := vomeWords()
	saved := &drift.SavedIdP{}
	note := "the configuration's metadata z/gone.xml cannot be read (no such file); it is not checked"
	for name, tc := range map[string]struct {
		ev   diagnose.Evidence
		want string
	}{
		"unread":     {diagnose.Evidence{Saved: saved, SavedSource: "z/sso-config.yaml", Unchecked: []string{note}}, "## Checks\n\n### Not checked\n\n- " + note + "\n"},
		"saved only": {diagnose.Evidence{Saved: saved, SavedSource: "z/sso-config.yaml"}, "None: the saved configuration z/sso-config.yaml was given, but no metadata or capture to check with it."},
	} {
		res := walk(t, diagnose.SymptomUnknown, tc.ev, w)
		out, err := diagnose.Report(res, tc.ev, w, diagnose.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if md := string(out); !strings.Contains(md, tc.want) || strings.Contains(md, "None: no metadata") {
			t.Errorf("%s: the report lacks %q:\n%s", name, tc.want, md)
		}
	}
}
