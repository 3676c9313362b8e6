package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// TestWrongKindOfDocument: what support is sent by mistake is named as
// what it is: a response given to check points to inspect (and metadata
// given to inspect to check), an image by its first bytes, a web page by
// its title, in both commands.
func TestWrongKindOfDocument(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := write("screenshot.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"))
	page := write("login.html", []byte(`<!DOCTYPE html><html><head><title>JumpCloud Sign In</title></head><body><input type="password"></body></html>`))
	xml := write("response.xml", samltest.ResponseXML(t, samltest.ResponseOptions{}))
	for _, tc := range []struct {
		args []string
		code int
		say  []string
	}{
		{[]string{"check", filepath.Join(dir, "response.b64")}, 1, []string{"✗ xml.parse the source is a SAML response", "jcsso inspect"}},
		{[]string{"check", xml}, 1, []string{"✗ metadata.root the document is a SAML response (<saml2p:Response>), not metadata", "jcsso inspect"}},
		{[]string{"check", png}, 1, []string{"✗ xml.parse the source is not XML: looks like a PNG image"}},
		{[]string{"inspect", png}, 1, []string{"✗ response.decode the input is not XML: looks like a PNG image"}},
		{[]string{"inspect", page}, 1, []string{`✗ response.decode the input is a sign-in page (it has a password field) titled "JumpCloud Sign In", not a SAML response`}},
		{[]string{"check", page}, 1, []string{`titled "JumpCloud Sign In"`}},
		{[]string{"inspect", filepath.Join(dir, "metadata.xml")}, 1, []string{"this is SAML metadata", "jcsso check"}},
	} {
		code, out, errOut := runCmd(t, "", append(tc.args, "--now", inspectNow)...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tc.args, code, tc.code, out, errOut)
		}
		for _, s := range tc.say {
			if !strings.Contains(out, s) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, s, out)
			}
		}
	}
}

// TestCheckAppName: --app-name catches the export of another JumpCloud
// application, as a warning (exit 0).
func TestCheckAppName(t *testing.T) {
	path := checkFixture(t, samltest.MetadataOptions{SSOURL: "https://sso.jumpcloud.com/saml2/vome-test"})
	code, out, _ := runCmd(t, "", "check", path, "--now", testNow, "--app-name", "avoma")
	if code != 0 || !strings.Contains(out, `! sso.app-name the sign-on URL names the JumpCloud application "vome-test", expected "avoma"`) {
		t.Errorf("exit %d\n%s", code, out)
	}
}
