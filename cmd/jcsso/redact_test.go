package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// A metadata URL with a password is fetched with it, but the password is
// in no output, message, written file or report: the check's title and
// JSON, an error line, sso-config.yaml and NEXT-STEPS.md.
func TestURLPasswordsAreRedacted(t *testing.T) {
	md := samltest.Metadata(samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.MetadataOptions{})
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); ok {
			auth = append(auth, u+":"+p)
		}
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write(md)
	}))
	defer srv.Close()
	withCreds := strings.Replace(srv.URL, "http://", "http://support:s3cr3t-pw@", 1)

	var all []string
	for _, args := range [][]string{
		{"check", withCreds + "/md.xml", "--now", testNow},
		{"check", withCreds + "/md.xml", "--now", testNow, "--json"},
		{"check", withCreds + "/missing"},
	} {
		_, out, errOut := runCmd(t, "", args...)
		all = append(all, out, errOut)
		if !strings.Contains(out+errOut, "support:xxxxx@") {
			t.Errorf("%v: the redacted URL is not shown:\n%s%s", args, out, errOut)
		}
	}

	// Vome: the URL is recorded, redacted, for the re-check, which says the
	// credentials are not written (Avoma refuses such a URL: see
	// TestSetupYesRefusesASentURLWithAPassword).
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runCmd(t, "", "setup", "--yes", "--profile", "vome", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--sp-entity-id", "https://vome.test/sp/acme", "--acs-url", "https://vome.test/sp/acme/acs",
		"--metadata", withCreds+"/md.xml", "--out", dir, "--now", testNow)
	if code != 0 {
		t.Fatalf("setup exit %d:\n%s%s", code, out, errOut)
	}
	all = append(all, out, errOut)
	redacted := strings.Replace(withCreds, "s3cr3t-pw", "xxxxx", 1) + "/md.xml"
	for _, name := range []string{ssoconfig.ConfigYAML, ssoconfig.NextStepsMD} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, string(data))
		if !strings.Contains(string(data), redacted) {
			t.Errorf("%s lacks the redacted metadata URL:\n%s", name, data)
		}
		if name == ssoconfig.NextStepsMD && !strings.Contains(string(data), "needs credentials, which jcsso never writes") {
			t.Errorf("NEXT-STEPS.md's re-check does not say the credentials are left out:\n%s", data)
		}
	}
	for _, text := range all {
		if strings.Contains(text, "s3cr3t") {
			t.Errorf("the password is shown or written:\n%s", text)
		}
	}
	if len(auth) < 3 || auth[0] != "support:s3cr3t-pw" {
		t.Errorf("the fetch did not authenticate with the URL's credentials: %v", auth)
	}
}
