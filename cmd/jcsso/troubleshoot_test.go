package main

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"github.com/jcsso/jcsso/samlcheck"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// troubleshootJSON is what `jcsso troubleshoot --json` prints.
type troubleshootJSON struct {
	Symptom   string `json:"symptom"`
	Diagnosis struct {
		Cause     *string  `json:"cause"`
		Title     string   `json:"title"`
		Fix       string   `json:"fix"`
		Evidence  []string `json:"evidence"`
		Confirmed bool     `json:"confirmed"`
	} `json:"diagnosis"`
	Causes []struct {
		ID       string   `json:"id"`
		Status   string   `json:"status"`
		Evidence []string `json:"evidence"`
	} `json:"causes"`
	NextQuestion *string `json:"next_question"`
	Findings     []struct {
		ID string `json:"id"`
	} `json:"findings"`
}

// scenarioArgs is the command line of a scenario: its symptom, profile,
// files and answers.
func scenarioArgs(sc casefiles.Scenario, f *casefiles.Files, answers bool) []string {
	args := []string{"troubleshoot", "--symptom", sc.Symptom, "--profile", sc.Profile}
	for _, name := range sc.Files {
		args = append(args, casefiles.Flag(name), f.Path(name))
	}
	if answers {
		for q, a := range sc.Answers {
			args = append(args, "--answer", q+"="+a)
		}
	}
	return args
}

func runTroubleshootJSON(t *testing.T, args ...string) (int, troubleshootJSON, string) {
	t.Helper()
	code, out, errOut := runCmd(t, "", append(args, "--json")...)
	var r troubleshootJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: not JSON (%v):\n%s%s", args, err, out, errOut)
	}
	return code, r, out
}

// TestTroubleshootScenarios is the "done" table: for each symptom
// and each cause, the test IdP's fault behind it, the files the customer
// sends (written as the browser and jcsso setup write them) and the
// answers support gets lead `jcsso troubleshoot --symptom … --json` to that
// cause, exit 0, with the fix in the profile's words; without the answers
// it stops at a question it needed, exit 1.
func TestTroubleshootScenarios(t *testing.T) {
	var symptoms, causes []string
	for _, sc := range casefiles.Scenarios() {
		symptoms, causes = append(symptoms, sc.Symptom), append(causes, sc.Cause)
		t.Run(sc.Name, func(t *testing.T) {
			f := sc.Case(t)
			code, r, out := runTroubleshootJSON(t, scenarioArgs(sc, f, true)...)
			if code != exitOK || r.Diagnosis.Cause == nil || *r.Diagnosis.Cause != sc.Cause || r.Symptom != sc.Symptom || r.NextQuestion != nil {
				t.Fatalf("exit %d, want %s:\n%s", code, sc.Cause, out)
			}
			for _, say := range sc.FixSays {
				if !strings.Contains(r.Diagnosis.Fix, say) {
					t.Errorf("fix lacks %q: %s", say, r.Diagnosis.Fix)
				}
			}
			if len(sc.Answers) == 0 {
				return
			}
			code, r, out = runTroubleshootJSON(t, scenarioArgs(sc, f, false)...)
			if code != exitFailed || r.NextQuestion == nil || sc.Answers[*r.NextQuestion] == "" {
				t.Errorf("without answers: exit %d, want 1 and one of the scenario's questions next:\n%s", code, out)
			}
		})
	}
	for _, id := range slices.Concat(diagnose.SymptomIDs(), diagnose.CauseIDs()) {
		if !slices.Contains(symptoms, id) && !slices.Contains(causes, id) {
			t.Errorf("no scenario leads to %s", id)
		}
	}
}

// TestTroubleshootStaleMetadataAsSupportSeesIt: "signature errors", a HAR
// file and the saved configuration: the diagnosis names both fingerprints,
// as the text a support engineer reads.
func TestTroubleshootStaleMetadataAsSupportSeesIt(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	code, out, errOut := runCmd(t, "", "troubleshoot", "--symptom", "signature-error", "--response", f.HAR, "--config", f.Config)
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"Diagnosis: Stale metadata: the certificate was regenerated (old fingerprint " + fingerprint(f.IdP.PublishedCertificate()) + ", new " + fingerprint(f.IdP.SigningCertificate()) + ") (stale-metadata, confirmed)",
		"Fix: In JumpCloud admin console → SSO Applications → the app → SSO tab, click Copy Metadata URL"} {
		if !strings.Contains(flat, want) {
			t.Errorf("exit %d, output lacks %q:\n%s%s", code, want, out, errOut)
		}
	}
	if code != exitOK {
		t.Errorf("exit %d", code)
	}
}

// TestTroubleshootList: every id, by table, as text and as JSON, in the
// profile's words.
func TestTroubleshootList(t *testing.T) {
	code, out, _ := runCmd(t, "", "troubleshoot", "--list", "--profile", "vome")
	for _, id := range slices.Concat(diagnose.SymptomIDs(), diagnose.CauseIDs(), diagnose.QuestionIDs()) {
		if !strings.Contains(out, id) {
			t.Errorf("--list lacks %s", id)
		}
	}
	if code != 0 || !strings.Contains(out, "The admin does not exist in Vome yet") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "troubleshoot", "--list", "--json")
	var l struct {
		Symptoms  []struct{ ID, Title string }
		Causes    []struct{ ID, Title, Fix string }
		Questions []struct {
			ID, Ask, Where string
			Choices        []struct{ Value string }
		}
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil || code != 0 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if len(l.Symptoms) != len(diagnose.SymptomIDs()) || len(l.Causes) != len(diagnose.CauseIDs()) || len(l.Questions) != len(diagnose.QuestionIDs()) {
		t.Errorf("--list --json: %d symptoms, %d causes, %d questions", len(l.Symptoms), len(l.Causes), len(l.Questions))
	}
	for _, q := range l.Questions {
		if q.Ask == "" || q.Where == "" || len(q.Choices) != 3 {
			t.Errorf("question %+v", q)
		}
	}
}

// TestTroubleshootRefuses: bad usage and unreadable input exit 2, as one
// JSON error with --json.
func TestTroubleshootRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args       []string
		kind, says string
	}{
		{[]string{"--symptom", "signature-eror"}, kindUsage, "use one of placeholder-entity-id"},
		{[]string{"--symptom", "unknown", "--answer", "sign-setting=maybe"}, kindUsage, "answer yes, no or unsure"},
		{[]string{"--symptom", "unknown", "--answer", "sign-setting"}, kindUsage, "QUESTION=yes"},
		{[]string{"--symptom", "unknown", "--answer", "nope=yes"}, kindUsage, `"nope" is not a question`},
		{[]string{"--symptom", "unknown", "--answer", "sign-setting=yes", "--answer", "sign-setting=no"}, kindUsage,
			"--answer sign-setting is given twice (--answer sign-setting=yes, then --answer sign-setting=no)"},
		{[]string{"--symptom", "unknown", "--response", filepath.Join(dir, "missing.har")}, kindInput, "missing.har"},
		{[]string{"--symptom", "unknown", "--config", filepath.Join(dir, "missing.yaml")}, kindInput, "cannot use --config"},
		{[]string{"--symptom", "unknown", "--now", "yesterday"}, kindUsage, "RFC3339"},
		{[]string{"--symptom", "unknown", "--response", "-", "--metadata", "-"}, kindUsage, "standard input"},
	} {
		code, out, _ := runCmd(t, "", append(append([]string{"troubleshoot"}, tc.args...), "--json")...)
		var e jsonError
		if err := json.Unmarshal([]byte(out), &e); err != nil || code != exitUsage || e.OK || e.Error.Kind != tc.kind || !strings.Contains(e.Error.Message, tc.says) {
			t.Errorf("%v: exit %d, %s", tc.args, code, out)
		}
	}
	code, _, errOut := runCmd(t, "", "troubleshoot")
	if code != exitUsage || !strings.Contains(errOut, "needs a terminal") || !strings.Contains(errOut, "--symptom") {
		t.Errorf("no terminal, no symptom: exit %d %s", code, errOut)
	}
}

// TestTroubleshootReportPathCheckedFirst: a --report that could not be
// written is refused before anything is read or walked (a missing
// --response is not what is reported), in one line naming the flag and the
// reason, never the temp file beside it (review item 15).
func TestTroubleshootReportPathCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	for _, tc := range []struct{ report, say string }{
		{dir, "--report " + dir + " is a folder; give a file name such as " + filepath.Join(dir, "report.md")},
		{filepath.Join(missing, "r.md"), "--report " + filepath.Join(missing, "r.md") + ": the folder " + missing + " does not exist"},
	} {
		code, out, _ := runCmd(t, "", "troubleshoot", "--symptom", "signature-error", "--response", filepath.Join(dir, "nosuch.har"), "--report", tc.report, "--json")
		var e jsonError
		if err := json.Unmarshal([]byte(out), &e); err != nil || code != exitUsage || e.Error.Kind != kindUsage || e.Error.Message != tc.say {
			t.Errorf("--report %s: exit %d, %s; want %q", tc.report, code, out, tc.say)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder holds %d entries", len(entries))
	}
}

// TestTroubleshootReport: --report writes the Markdown for the ticket,
// 0600, with the symptom, the diagnosis and its fix, each check and the
// certificates by fingerprint; never a signature value, a cookie or any
// other part of the capture; the response itself only with
// --include-response, and then without its signature values.
func TestTroubleshootReport(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	har, _ := os.ReadFile(f.HAR)
	xml := issuedXML(t, f)
	values := casefiles.SignatureValues(t, xml)
	for _, include := range []bool{false, true} {
		path := filepath.Join(f.Dir, "ticket.md")
		args := []string{"troubleshoot", "--symptom", "signature-error", "--response", f.HAR, "--config", f.Config, "--metadata", f.FreshMetadata, "--report", path, "--json"}
		if include {
			args = append(args, "--include-response")
		}
		if code, out, errOut := runCmd(t, "", args...); code != exitOK {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("report %v, %v", st, err)
		}
		data, _ := os.ReadFile(path)
		md := string(data)
		for _, want := range []string{"# jcsso troubleshooting report", "(`signature-error`)", "**Stale metadata: the certificate was regenerated",
			"Fix: In JumpCloud admin console", "### Metadata: " + f.FreshMetadata, "### Comparison with the saved configuration: " + f.Config,
			"### SAMLResponse: " + f.HAR, "fail `drift.cert-rotated`", "fail `signature.invalid`",
			"SHA-256 `" + fingerprint(f.IdP.PublishedCertificate()) + "`", "SHA-256 `" + fingerprint(f.IdP.SigningCertificate()) + "`"} {
			if !strings.Contains(md, want) {
				t.Errorf("include %v: report lacks %q:\n%s", include, want, md)
			}
		}
		for _, s := range casefiles.Secrets {
			if strings.Contains(md, s) {
				t.Errorf("include %v: the report holds %s from the capture", include, s)
			}
		}
		flat := regexp.MustCompile(`\s+`).ReplaceAllString(md, "")
		for _, v := range values {
			if strings.Contains(flat, v) {
				t.Errorf("include %v: the report holds a signature value", include)
			}
		}
		if got := strings.Contains(md, "## The SAMLResponse"); got != include {
			t.Errorf("include %v: the response is in the report: %v", include, got)
		}
		if include && !strings.Contains(md, "(removed by jcsso)") {
			t.Error("the included response keeps its signature values")
		}
	}
	if strings.Count(string(har), "SECRET-COOKIE") == 0 {
		t.Fatal("the capture holds no cookie to leak: the test proves nothing")
	}
}

// issuedXML is the response the case's HAR carries.
func issuedXML(t *testing.T, f *casefiles.Files) []byte {
	t.Helper()
	data, err := os.ReadFile(f.Response)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBase64(t, string(data))
}

// TestWriteCaseFixture writes, into $JCSSO_CASE_FIXTURE, what a customer
// with a regenerated certificate sends support, to try `jcsso
// troubleshoot` by hand: login.har (the failed login, among cookies and
// headers), jcsso-acmecorp/sso-config.yaml (what the service provider
// has), and the metadata as JumpCloud exports it now. It skips without the
// variable.
func TestWriteCaseFixture(t *testing.T) {
	dir := os.Getenv("JCSSO_CASE_FIXTURE")
	if dir == "" {
		t.Skip("set JCSSO_CASE_FIXTURE to a folder to write the fixture into")
	}
	f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	if err := os.CopyFS(dir, os.DirFS(f.Dir)); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: login.har, jcsso-acmecorp/sso-config.yaml, %s", dir, filepath.Base(f.FreshMetadata))
}

func fingerprint(c *x509.Certificate) string { return samlcheck.FingerprintSHA256(c) }

func decodeBase64(t *testing.T, s string) []byte {
	t.Helper()
	out, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
