package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
)

const (
	faultSP  = "https://sp.example"
	faultACS = "http://127.0.0.1:9000/acs"
	faultReq = "_req-1"
)

// faultIdP is a test IdP with the faults given, at the fixtures' fixed
// clock, its metadata saved to a file as the service provider's copy, and
// the response alice gets in answer to request faultReq.
type faultIdP struct {
	srv      *testidp.Server
	metadata string // path of the served metadata
	response string // path of the SAMLResponse form value
}

func newFaultIdP(t *testing.T, faults ...testidp.Fault) faultIdP {
	t.Helper()
	srv := samltest.StartIdP(t, testidp.Options{
		Clock:  func() time.Time { return testidp.DefaultIssueInstant },
		Faults: faults,
		SSO:    testidp.SSOSettings{SPEntityID: faultSP, ACSURLs: []string{faultACS}, DeclareRedirectEndpoint: true},
	})
	dir := t.TempDir()
	fi := faultIdP{srv: srv, metadata: filepath.Join(dir, "JumpCloud-testapp-metadata.xml")}
	if err := os.WriteFile(fi.metadata, srv.Metadata(), 0o600); err != nil {
		t.Fatal(err)
	}
	issued, err := srv.Issue(testidp.DefaultEmail, testidp.SignIn{RequestID: faultReq, ACSURL: faultACS})
	if err != nil {
		t.Fatal(err)
	}
	fi.response = filepath.Join(dir, "saml-response.txt")
	if err := os.WriteFile(fi.response, []byte(issued.SAMLResponse), 0o600); err != nil {
		t.Fatal(err)
	}
	return fi
}

// jsonFindings runs a command with --json and returns its findings.
func jsonFindings(t *testing.T, args ...string) (int, samlcheck.Findings) {
	t.Helper()
	code, out, errOut := runCmd(t, "", append(args, "--json")...)
	var r struct {
		Findings samlcheck.Findings `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: not JSON (%v): %s%s", args, err, out, errOut)
	}
	return code, r.Findings
}

// TestIdPFaultsNamedByCheckAndInspect is the issue's "done" table: with
// each fault of the test IdP, jcsso check (of the metadata served) or
// jcsso inspect (of the response posted, against that metadata) names the
// cause the domain notes give for the symptom, with the severity today's
// engine gives it.
func TestIdPFaultsNamedByCheckAndInspect(t *testing.T) {
	now := testidp.DefaultIssueInstant.Add(5 * time.Second).Format(time.RFC3339)
	cases := []struct {
		fault   testidp.Fault
		command string // "check" or "inspect"
		extra   []string
		id      string
		sev     samlcheck.Severity
		say     string
	}{
		{testidp.FaultPlaceholderEntityID, "check", nil, samlcheck.IDEntityIDPlaceholder, samlcheck.SeverityFail, "not saved before the metadata was exported"},
		// Against its own metadata, which says the same placeholder.
		{testidp.FaultPlaceholderEntityID, "inspect", nil, samlcheck.IDIssuerPlaceholder, samlcheck.SeverityFail, "the application was not saved"},
		// Against the IdP Entity ID the admin meant (what Avoma is sent).
		{testidp.FaultPlaceholderEntityID, "inspect", []string{"--idp-entity-id", "jumpcloud-testapp"}, samlcheck.IDIssuerMismatch, samlcheck.SeverityFail, `"IdP Entity ID"`},
		{testidp.FaultEmailMismatch, "inspect", []string{"--admin", testidp.DefaultEmail}, samlcheck.IDAdminUnknown, samlcheck.SeverityFail, "alice.alt@acmecorp.com"},
		{testidp.FaultRotatedCert, "inspect", nil, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail, "verified by the certificate in the response's own KeyInfo"},
		{testidp.FaultAssertionOnly, "inspect", nil, samlcheck.IDSignaturePartial, samlcheck.SeverityWarn, "only the Assertion is signed"},
		{testidp.FaultResponseOnly, "inspect", nil, samlcheck.IDSignaturePartial, samlcheck.SeverityWarn, "only the Response is signed"},
		{testidp.FaultUnsigned, "inspect", nil, samlcheck.IDSignatureMissing, samlcheck.SeverityFail, "neither the Response nor its Assertion"},
		{testidp.FaultSHA1, "inspect", nil, samlcheck.IDSignatureAlgorithm, samlcheck.SeverityWarn, "SHA-1"},
		{testidp.FaultExpiredCert, "check", nil, samlcheck.IDCertExpired, samlcheck.SeverityFail, "expired on"},
		{testidp.FaultExpiredCert, "inspect", nil, samlcheck.IDSignatureCertExpired, samlcheck.SeverityFail, "expired on"},
		{testidp.FaultClockSkew, "inspect", nil, samlcheck.IDTimeWindow, samlcheck.SeverityFail, "issued 9m55s after your clock"},
		{testidp.FaultWrongAudience, "inspect", nil, samlcheck.IDAudienceMismatch, samlcheck.SeverityFail, `"https://sp.exampel"`},
		{testidp.FaultWrongACS, "inspect", nil, samlcheck.IDDestinationMismatch, samlcheck.SeverityFail, `"http://127.0.0.1:9000/asc"`},
		{testidp.FaultWrongACS, "inspect", nil, samlcheck.IDRecipientMismatch, samlcheck.SeverityFail, `"http://127.0.0.1:9000/asc"`},
		{testidp.FaultNoRedirectBinding, "check", nil, samlcheck.IDSSONoRedirect, samlcheck.SeverityWarn, "Declare Redirect Endpoint was not ticked"},
		{testidp.FaultIdPInitiatedOnly, "inspect", nil, samlcheck.IDInResponseToMismatch, samlcheck.SeverityFail, "IdP-initiated"},
	}
	for _, tc := range cases {
		t.Run(string(tc.fault)+"/"+tc.command, func(t *testing.T) {
			fi := newFaultIdP(t, tc.fault)
			var args []string
			if tc.command == "check" {
				args = []string{"check", fi.metadata, "--now", now, "--sp-entity-id", faultSP, "--acs-url", faultACS}
			} else {
				args = []string{"inspect", fi.response, "--metadata", fi.metadata, "--now", now, "--sp-entity-id", faultSP,
					"--acs-url", faultACS, "--request-id", faultReq}
			}
			code, fs := jsonFindings(t, append(args, tc.extra...)...)
			got := fs.ByID(tc.id)
			if len(got) == 0 || got[0].Severity != tc.sev || !strings.Contains(got[0].Message, tc.say) {
				t.Fatalf("want %s %s saying %q, got %+v", tc.sev, tc.id, tc.say, got)
			}
			if wantCode := map[bool]int{true: exitFailed, false: exitOK}[tc.sev == samlcheck.SeverityFail]; code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
		})
	}
}

// TestIdPWithoutFaultPassesCheckAndInspect: the baseline of the table
// above, no fault: both commands accept, with no failure.
func TestIdPWithoutFaultPassesCheckAndInspect(t *testing.T) {
	fi := newFaultIdP(t)
	now := testidp.DefaultIssueInstant.Add(5 * time.Second).Format(time.RFC3339)
	for _, args := range [][]string{
		{"check", fi.metadata, "--now", now, "--sp-entity-id", faultSP, "--acs-url", faultACS, "--idp-entity-id", "jumpcloud-testapp"},
		{"inspect", fi.response, "--metadata", fi.metadata, "--now", now, "--sp-entity-id", faultSP, "--acs-url", faultACS,
			"--request-id", faultReq, "--admin", testidp.DefaultEmail},
	} {
		code, fs := jsonFindings(t, args...)
		if code != exitOK || fs.Worst() == samlcheck.SeverityFail {
			t.Errorf("%s: exit %d, findings %+v", args[0], code, fs)
		}
	}
}
