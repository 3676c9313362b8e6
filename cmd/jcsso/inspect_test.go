package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// inspectNow is 20 s after the IssueInstant of samltest's responses.
const inspectNow = "2025-06-02T10:00:20Z"

// inspectFixtures writes JumpCloud-shaped metadata and a PEM for key 0, and
// a response signed (Assertion and Response) by key n, and returns the
// directory.
func inspectFixtures(t *testing.T, n int, o samltest.ResponseOptions) string {
	t.Helper()
	dir := t.TempDir()
	trusted := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	signer := samltest.NewKeyPair(t, n, samltest.CertOptions{})
	o.SignAssertion, o.SignResponse, o.Signer = true, true, signer
	files := map[string][]byte{
		"metadata.xml": samltest.Metadata(trusted, samltest.MetadataOptions{}),
		"idp.pem":      []byte(samlcheck.CertPEM(trusted.Cert)),
		"response.b64": samltest.PostForm(samltest.ResponseXML(t, o)),
		"admins.txt":   []byte("# Avoma admins\nbob@acmecorp.com\n\nALICE@acmecorp.com  # the owner\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestInspectCommandAccepts(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	code, out, errOut := runCmd(t, "", "inspect", filepath.Join(dir, "response.b64"), "--metadata", filepath.Join(dir, "metadata.xml"),
		"--sp-entity-id", samltest.DefaultSPEntityID, "--acs-url", samltest.DefaultACSURL, "--admins", filepath.Join(dir, "admins.txt"), "--now", inspectNow)
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"NameID:", "alice@acmecorp.com (unspecified)", "Issuer:", "jumpcloud-acmecorp", "Response and Assertion (verified)",
		"✓ signature.invalid", "✓ admin.unknown", "ACCEPTED"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "UNVERIFIED") || strings.Contains(out, "\x1b[") {
		t.Errorf("unexpected marker or escape codes:\n%s", out)
	}
}

// TestInspectCommandStaleMetadata is the "done" case through the
// command: a response signed by a regenerated certificate exits 1 and the
// report names both fingerprints.
func TestInspectCommandStaleMetadata(t *testing.T) {
	dir := inspectFixtures(t, 1, samltest.ResponseOptions{})
	code, out, _ := runCmd(t, "", "inspect", filepath.Join(dir, "response.b64"), "--metadata", filepath.Join(dir, "metadata.xml"), "--now", inspectNow)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	oldFP := samlcheck.FingerprintSHA256(samltest.NewKeyPair(t, 0, samltest.CertOptions{}).Cert)
	newFP := samlcheck.FingerprintSHA256(samltest.NewKeyPair(t, 1, samltest.CertOptions{}).Cert)
	for _, want := range []string{"✗ signature.invalid", oldFP, newFP, "stale", "export fresh metadata", "UNVERIFIED: no signature verified (see signature.invalid)", "REJECTED"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestInspectCommandJSONFromStdin(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{Email: "carol@acmecorp.com"})
	in, err := os.ReadFile(filepath.Join(dir, "response.b64"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "SAMLResponse="+string(in), "inspect", "-", "--cert", filepath.Join(dir, "idp.pem"), "--idp-entity-id", samltest.DefaultIdPEntityID,
		"--admin", "bob@acmecorp.com", "--require-signing", "either", "--now", inspectNow, "--json")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (carol is not an admin)\n%s%s", code, out, errOut)
	}
	var r struct {
		OK      bool                `json:"ok"`
		Issuer  string              `json:"issuer"`
		Subject map[string]string   `json:"subject"`
		Signed  map[string]bool     `json:"signed"`
		Attrs   map[string][]string `json:"attributes"`
		Cond    struct {
			Audiences []string `json:"audiences"`
		} `json:"conditions"`
		Findings []struct{ ID, Severity, Message, Fix string } `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.OK || r.Issuer != samltest.DefaultIdPEntityID || r.Subject["email"] != "carol@acmecorp.com" || !r.Signed["response"] || !r.Signed["assertion"] ||
		r.Attrs["lastname"][0] != "Smith" || r.Cond.Audiences[0] != samltest.DefaultSPEntityID {
		t.Errorf("report: %+v", r)
	}
	found := false
	for _, f := range r.Findings {
		if f.ID == "admin.unknown" && f.Severity == "fail" && strings.Contains(f.Message, "carol@acmecorp.com") && f.Fix != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no admin.unknown failure naming carol:\n%s", out)
	}
}

func TestInspectCommandUsageAndInput(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	resp := filepath.Join(dir, "response.b64")
	cases := []struct {
		name string
		code int
		args []string
		want string
	}{
		{"missing response file", 2, []string{"inspect", filepath.Join(dir, "nope.txt")}, "cannot read"},
		{"response is a directory", 2, []string{"inspect", dir}, "directory"},
		{"missing cert", 2, []string{"inspect", resp, "--cert", filepath.Join(dir, "nope.pem")}, "--cert"},
		{"cert not PEM", 2, []string{"inspect", resp, "--cert", filepath.Join(dir, "admins.txt")}, "no certificate"},
		{"missing admins file", 2, []string{"inspect", resp, "--admins", filepath.Join(dir, "nope.txt")}, "--admins"},
		{"missing metadata", 2, []string{"inspect", resp, "--metadata", filepath.Join(dir, "nope.xml")}, "--metadata"},
		{"bad --now", 2, []string{"inspect", resp, "--now", "yesterday"}, "RFC3339"},
		{"bad --require-signing", 2, []string{"inspect", resp, "--require-signing", "all"}, "assertion, response, both or either"},
		{"negative --skew", 2, []string{"inspect", resp, "--skew", "-1m"}, "--skew"},
		{"no argument", 2, []string{"inspect"}, ""},
		{"unknown flag", 2, []string{"inspect", resp, "--bogus", "x"}, ""},
		{"two standard inputs", 2, []string{"inspect", "-", "--metadata", "-"}, "standard input"},
		{"no trust source", 1, []string{"inspect", resp, "--now", inspectNow}, "not checked"},
		{"not a response", 1, []string{"inspect", filepath.Join(dir, "admins.txt"), "--cert", filepath.Join(dir, "idp.pem")}, "response.decode"},
		{"zero skew, 20s late", 1, []string{"inspect", resp, "--cert", filepath.Join(dir, "idp.pem"), "--now", "2025-06-02T10:05:20Z", "--skew", "0s"}, "time.window"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d (want %d), output lacks %q:\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}
}

func TestInspectHelpTeaches(t *testing.T) {
	code, out, _ := runCmd(t, "", "inspect", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"SAML-tracer", "Preserve log", "Exit status", "--metadata", "--cert", "not checked", "jcsso inspect saml-response.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
}
