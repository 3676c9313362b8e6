package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/creack/pty"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// checkFixture writes JumpCloud-shaped metadata and returns its path.
func checkFixture(t *testing.T, o samltest.MetadataOptions) string {
	t.Helper()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	path := filepath.Join(t.TempDir(), "JumpCloud-avoma-metadata.xml")
	if err := os.WriteFile(path, samltest.Metadata(kp, o), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckGoodExportExitsZero(t *testing.T) {
	path := checkFixture(t, samltest.MetadataOptions{})
	code, out, errOut := runCmd(t, "", "check", path, "--now", testNow, "--idp-entity-id", "jumpcloud-acmecorp", "--sp-entity-id", "https://app.avoma.com")
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"✓ entityid.mismatch", "i metadata.signature", "IdP entity ID: jumpcloud-acmecorp", "https://sso.jumpcloud.com/saml2/acmecorp (HTTP-POST, HTTP-Redirect)", "RSA-4096, SHA-256 ", "Expires:", "2030-01-01", "OK: no failures"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") || strings.Contains(out, `\x1b`) {
		t.Error("escape codes written to a non-terminal, raw or made visible")
	}
}

// TestCheckPlaceholderExport is the "done" case: an export made
// before the app was saved exits 1 and says to save and export again.
func TestCheckPlaceholderExport(t *testing.T) {
	path := checkFixture(t, samltest.MetadataOptions{EntityID: "IdP Entity ID"})
	code, out, _ := runCmd(t, "", "check", path, "--now", testNow)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "✗ entityid.placeholder") || !strings.Contains(out, "save the application in JumpCloud and export fresh metadata") {
		t.Errorf("output does not explain the placeholder:\n%s", out)
	}
	if !strings.Contains(out, "fix: Save the application in JumpCloud") {
		t.Errorf("no fix line:\n%s", out)
	}
	// The verdict is jcsso's own coloured text: in a pipe its colours are
	// dropped, never printed as \x1b text by the sanitiser.
	if !strings.Contains(out, "Result:        FAILED: fix the ✗ items above") || strings.Contains(out, `\x1b`) {
		t.Errorf("the verdict is not plain text in a pipe:\n%s", out)
	}
}

func TestCheckJSON(t *testing.T) {
	path := checkFixture(t, samltest.MetadataOptions{PostOnly: true})
	code, out, _ := runCmd(t, "", "check", path, "--now", testNow, "--json", "--idp-entity-id", "jumpcloud-other")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var r struct {
		Source string `json:"source"`
		OK     bool   `json:"ok"`
		IdP    struct {
			EntityID      string               `json:"entity_id"`
			SSO           []samlcheck.Endpoint `json:"sso"`
			NameIDFormats []string             `json:"nameid_formats"`
			WantSigned    *bool                `json:"want_authn_requests_signed"`
			Certificates  []map[string]string  `json:"certificates"`
		} `json:"idp"`
		Findings []map[string]string `json:"findings"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("output is not the documented object: %v\n%s", err, out)
	}
	if r.Source != path || r.OK || r.IdP.EntityID != "jumpcloud-acmecorp" || len(r.IdP.SSO) != 1 || r.IdP.WantSigned == nil || len(r.IdP.NameIDFormats) != 1 {
		t.Errorf("unexpected report: %+v", r)
	}
	c := r.IdP.Certificates[0]
	for _, k := range []string{"subject", "issuer", "not_before", "not_after", "sha256", "sha1", "key"} {
		if c[k] == "" {
			t.Errorf("certificate has no %s: %v", k, c)
		}
	}
	if c["not_after"] != "2030-01-01T00:00:00Z" || c["key"] != "RSA-4096" {
		t.Errorf("certificate = %v", c)
	}
	found := false
	for _, f := range r.Findings {
		if f["id"] == "entityid.mismatch" && f["severity"] == "fail" && f["fix"] != "" {
			found = true
		}
		if len(f) != 4 {
			t.Errorf("finding has keys %v, want id, severity, message, fix", f)
		}
	}
	if !found {
		t.Error("no entityid.mismatch fail in JSON")
	}
}

func TestCheckStdin(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	code, out, _ := runCmd(t, string(samltest.Metadata(kp, samltest.MetadataOptions{})), "check", "-", "--now", testNow)
	if code != 0 || !strings.Contains(out, "standard input") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestCheckExitStatuses(t *testing.T) {
	notXML := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notXML, []byte("the metadata is attached\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		say  string // on stdout for 1, on stderr for 2
	}{
		{"missing file", []string{"check", filepath.Join(t.TempDir(), "nope.xml")}, 2, "no such file"},
		{"bad now", []string{"check", notXML, "--now", "yesterday"}, 2, "--now \"yesterday\" is not an RFC3339 time"},
		{"no source", []string{"check"}, 2, "needs SOURCE"},
		{"http url refused", []string{"check", "http://sso.example.com/metadata"}, 2, "plain http is refused"},
		{"not xml", []string{"check", notXML, "--now", testNow}, 1, "✗ xml.parse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			text := out
			if tc.code == 2 {
				text = errOut
				if n := strings.Count(strings.TrimSpace(errOut), "\n"); n > 0 && tc.name != "no source" {
					t.Errorf("reason is %d lines, want one: %q", n+1, errOut)
				}
			}
			if !strings.Contains(text, tc.say) {
				t.Errorf("output lacks %q: %q", tc.say, text)
			}
		})
	}
}

// TestCheckHelpTeaches: --help shows the sources, examples and exit statuses.
func TestCheckHelpTeaches(t *testing.T) {
	_, out, _ := runCmd(t, "", "check", "--help")
	for _, want := range []string{"https URL", "file path", "standard input", "Exit status", "2  the source could not be read", "--warn-days", "--now", "--json", "entityid.placeholder"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// TestRenderColour: colour appears on a terminal and NO_COLOR removes it.
func TestRenderColour(t *testing.T) {
	fs := samlcheck.Findings{{ID: "a.b", Severity: samlcheck.SeverityFail, Message: "bad", Fix: "do x"}}
	render := func(t *testing.T) string {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pty: %v", err)
		}
		defer ptmx.Close()
		renderFindings(colorWriter(tty), fs)
		tty.Close()
		b, _ := io.ReadAll(ptmx)
		return string(b)
	}
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR")
	if out := render(t); !strings.Contains(out, "\x1b[") || !strings.Contains(out, "fix:") {
		t.Errorf("no colour on a terminal: %q", out)
	}
	t.Setenv("NO_COLOR", "1")
	if out := render(t); strings.Contains(out, "\x1b[3") || !strings.Contains(out, "✗") {
		t.Errorf("colour despite NO_COLOR: %q", out)
	}
	var plain bytes.Buffer
	w := &colorprofile.Writer{Forward: &plain, Profile: colorprofile.NoTTY}
	renderFindings(w, fs)
	if strings.Contains(plain.String(), "\x1b") {
		t.Errorf("escape codes in plain output: %q", plain.String())
	}
}
