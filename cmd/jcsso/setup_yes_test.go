package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
)

// metadataServer serves body at /md on loopback, and a JumpCloud-like
// sign-in page at /login.
func metadataServer(t *testing.T, body []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/md":
			w.Header().Set("Content-Type", "application/xml")
			w.Write(body)
		case "/login":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(samltest.LoginPage))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// setup --yes fetches the Metadata URL Avoma's support is sent, when the
// metadata came from a file, and compares it with the file as the wizard
// does: a URL serving other metadata writes nothing (exit 1, saying how it
// differs); one serving the same goes on, saying so; one that cannot be
// checked is said to be unchecked (review item 2).
func TestSetupYesComparesTheSentMetadataURL(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	file, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	same := metadataServer(t, file)
	other := metadataServer(t, samltest.Metadata(samltest.NewKeyPair(t, 1, samltest.CertOptions{}), samltest.MetadataOptions{EntityID: "IdP Entity ID"}))
	for _, tc := range []struct {
		name string
		url  string
		code int
		say  []string
	}{
		{"other metadata", other.URL + "/md", 1, []string{"serves other metadata than --metadata", `its entityID is "IdP Entity ID", the imported metadata's "jumpcloud-acmecorp"`, "another signing certificate", "Nothing was written"}},
		{"the same", same.URL + "/md", 0, []string{"serves the same metadata as --metadata"}},
		{"a sign-in page", same.URL + "/login", 0, []string{"could not be checked: it answered with a sign-in page", "unchecked"}},
		{"not found", same.URL + "/gone", 0, []string{"could not be checked: fetching it failed", "404", "unchecked"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errOut := runCmd(t, "", "setup", "--yes", "--profile", "avoma", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
				"--metadata", md, "--metadata-url", tc.url, "--users-notified", "--out", dir, "--now", testNow)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			for _, w := range tc.say {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			_, statErr := os.Stat(dir)
			if written := statErr == nil; written != (tc.code == 0) {
				t.Errorf("folder written: %v, want %v", written, tc.code == 0)
			}
		})
	}
}

// An export made before the app was saved is one failure for setup --yes,
// in the profile's words, as the wizard shows it, and one --override
// continues past it, recording what the wizard's o records (review item 3).
func TestSetupYesPlaceholderIsOneFailure(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	srv := metadataServer(t, samltest.Metadata(kp, samltest.MetadataOptions{EntityID: "IdP Entity ID"}))
	args := []string{"setup", "--yes", "--profile", "avoma", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--metadata", srv.URL + "/md", "--users-notified", "--now", testNow}

	code, out, errOut := runCmd(t, "", append(args, "--out", filepath.Join(t.TempDir(), "out"))...)
	if code != 1 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, w := range []string{"1 failed", "not the IdP Entity ID you chose", "Avoma's support gets that URL and jumpcloud-acmecorp", "add --override entityid.placeholder.\n"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, samlcheck.IDEntityIDMismatch) {
		t.Errorf("the mismatch the placeholder implies is a failure of its own:\n%s", out)
	}

	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut = runCmd(t, "", append(args, "--out", dir, "--override", samlcheck.IDEntityIDPlaceholder)...)
	if code != 0 || strings.Contains(errOut, "matches no failed check") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	cfg, err := ssoconfig.Read(filepath.Join(dir, ssoconfig.ConfigYAML))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Validation.Overridden; !slices.Equal(got, []string{samlcheck.IDEntityIDPlaceholder, samlcheck.IDEntityIDMismatch}) &&
		!slices.Equal(got, []string{samlcheck.IDEntityIDMismatch, samlcheck.IDEntityIDPlaceholder}) {
		t.Errorf("overridden %v, want both ids, as the wizard's o records", got)
	}
	ns, _ := os.ReadFile(filepath.Join(dir, ssoconfig.NextStepsMD))
	if n := strings.Count(string(ns), "- `entityid."); n != 1 {
		t.Errorf("NEXT-STEPS.md lists %d failures still wrong, want 1:\n%s", n, ns)
	}
}

// sentURL serves the metadata file at path on loopback, as JumpCloud's
// Copy Metadata URL serves the export, and returns that URL: setup --yes
// fetches it to compare it with the file.
func sentURL(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return metadataServer(t, data).URL + "/md"
}

// setup --yes names a generic app and sets its SSO tab as the wizard
// does: --app-name (needed: it is the Display Label and NEXT-STEPS names
// it), --nameid, --nameid-format, --sign, --attribute and --no-attributes;
// a fixed profile refuses them, naming the flag (review item 21).
func TestSetupYesGenericChoices(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	base := []string{"setup", "--yes", "--profile", "generic", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--metadata", md, "--sp-entity-id", "https://crm.acme.test", "--acs-url", "https://crm.acme.test/saml/acs", "--now", testNow}
	run := func(t *testing.T, extra ...string) (string, int, string) {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "out")
		code, out, errOut := runCmd(t, "", append(append(base, "--out", dir), extra...)...)
		return dir, code, out + errOut
	}

	dir, code, out := run(t, "--app-name", "Acme CRM", "--nameid", "username", "--nameid-format", profile.NameIDFormatUnspecified,
		"--sign", profile.SignAssertion, "--attribute", "mail=email", "--attribute", "groups = memberOf")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	cfg, err := ssoconfig.Read(filepath.Join(dir, ssoconfig.ConfigYAML))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.SAML
	if cfg.ServiceProvider.Name != "Acme CRM" || s.NameID != "username" || s.NameIDFormat != profile.NameIDFormatUnspecified || s.Sign != profile.SignAssertion ||
		len(s.Attributes) != 2 || s.Attributes["mail"] != "email" || s.Attributes["groups"] != "memberOf" {
		t.Errorf("config %+v %+v", cfg.ServiceProvider, s)
	}
	ns, _ := os.ReadFile(filepath.Join(dir, ssoconfig.NextStepsMD))
	for _, w := range []string{"Upload the metadata to Acme CRM", "| Display Label | Acme CRM |", "| Sign | Assertion |", "| SAMLSubject NameID | username |", "`groups` | JumpCloud Attribute Name `memberOf`"} {
		if !strings.Contains(string(ns), w) {
			t.Errorf("NEXT-STEPS.md lacks %q", w)
		}
	}
	if strings.Contains(string(ns), "Generic SAML app") {
		t.Error("NEXT-STEPS.md names the profile, not the app")
	}

	dir, code, out = run(t, "--app-name", "Acme CRM", "--no-attributes")
	if cfg, err := ssoconfig.Read(filepath.Join(dir, ssoconfig.ConfigYAML)); code != 0 || err != nil || len(cfg.SAML.Attributes) != 0 {
		t.Errorf("--no-attributes: exit %d, %v\n%s", code, err, out)
	}

	for _, tc := range []struct {
		name  string
		extra []string
		say   string
	}{
		{"no app name", nil, "--app-name: The app's name in JumpCloud is needed"},
		{"a bad Sign", []string{"--app-name", "Acme CRM", "--sign", "both"}, "--sign: Sign must be"},
		{"a bad attribute", []string{"--app-name", "Acme CRM", "--attribute", "mail"}, "--attribute: The attribute \"mail\" needs the JumpCloud user field after the ="},
		// Each message names the part that is wrong, and quotes what was typed.
		{"an attribute without a name", []string{"--app-name", "Acme CRM", "--attribute", "=x"}, "--attribute: The attribute \"=x\" needs the SP's attribute name before the ="},
		{"a space in the field", []string{"--app-name", "Acme CRM", "--attribute", "mail=no such field"}, "--attribute: The attribute \"mail=no such field\" has a space in its JumpCloud user field \"no such field\""},
		{"both attribute flags", []string{"--app-name", "Acme CRM", "--attribute", "mail=email", "--no-attributes"}, "--no-attributes: sends no attributes and cannot be combined"},
		{"a fixed profile", []string{"--profile", "vome", "--sign", profile.SignAssertion}, "--sign: Vome's Sign setting is fixed by its profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, code, out := run(t, tc.extra...)
			if code != exitUsage || !strings.Contains(out, tc.say) {
				t.Errorf("exit %d, want 2 saying %q:\n%s", code, tc.say, out)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Error("the folder was written")
			}
		})
	}
}

// The Metadata URL Avoma's support is sent cannot carry a password: the
// message would hold xxxxx in its place (jcsso never writes one) and the
// support could not use it. setup --yes refuses it, naming --metadata-url
// and never the password, as the wizard's field does (review item 24).
func TestSetupYesRefusesASentURLWithAPassword(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	srv := metadataServer(t, nil)
	withCreds := strings.Replace(srv.URL, "http://", "http://support:s3cr3t-pw@", 1) + "/md"
	base := []string{"setup", "--yes", "--profile", "avoma", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp", "--users-notified", "--now", testNow}
	for _, tc := range []struct {
		name string
		args []string
		// blamed is the flag the message names: the one given.
		blamed string
	}{
		{"as --metadata-url", []string{"--metadata", md, "--metadata-url", withCreds}, "--metadata-url"},
		{"as --metadata", []string{"--metadata", withCreds}, "--metadata"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errOut := runCmd(t, "", append(append(base, "--out", dir), tc.args...)...)
			if code != exitUsage || !strings.HasPrefix(errOut, tc.blamed+": The metadata URL carries a user name or password") {
				t.Errorf("exit %d, want 2 naming %s\nstdout:\n%s\nstderr:\n%s", code, tc.blamed, out, errOut)
			}
			if strings.Contains(out+errOut, "s3cr3t") {
				t.Errorf("the password is shown:\n%s%s", out, errOut)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Error("the folder was written")
			}
		})
	}
}
