package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// metadataFile writes JumpCloud-shaped metadata for entityID and returns its path.
func metadataFile(t *testing.T, entityID string) string {
	t.Helper()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	path := filepath.Join(t.TempDir(), "JumpCloud-app-metadata.xml")
	if err := os.WriteFile(path, samltest.Metadata(kp, samltest.MetadataOptions{EntityID: entityID}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSetupHeadlessWritesABundleCheckCanRead(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	sent := sentURL(t, md)
	cases := []struct {
		profile string
		args    []string
		want    []string // in NEXT-STEPS.md
	}{
		{"avoma", []string{"--metadata-url", sent, "--users-notified"},
			[]string{"Metadata URL: " + sent + "\n", "IdP Entity ID: jumpcloud-acmecorp", "every session ends"}},
		{"vome", []string{"--sp-entity-id", "https://vome.test/sp/acme", "--acs-url", "https://vome.test/sp/acme/acs", "--enforce-sso", "--exclude-admin", "owner@acme.test"},
			[]string{"Upload `idp-metadata.xml`", "- owner@acme.test"}},
		{"generic", []string{"--sp-entity-id", "https://crm.acme.test", "--acs-url", "https://crm.acme.test/saml/acs", "--app-name", "Acme CRM"},
			[]string{"Upload the metadata to Acme CRM", "Upload `idp-metadata.xml`", "not to enforce SSO yet"}},
	}
	for _, c := range cases {
		t.Run(c.profile, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			args := append([]string{"setup", "--yes", "--profile", c.profile, "--org", "acmecorp",
				"--idp-entity-id", "jumpcloud-acmecorp", "--metadata", md, "--out", dir, "--now", testNow}, c.args...)
			code, out, errOut := runCmd(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			cfg, err := ssoconfig.Read(filepath.Join(dir, ssoconfig.ConfigYAML))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if cfg.Profile != c.profile || !cfg.Validation.OK || cfg.IdentityProvider.EntityID != "jumpcloud-acmecorp" {
				t.Errorf("config = %+v", cfg)
			}
			if _, err := cfg.TrustedCerts(); err != nil {
				t.Errorf("TrustedCerts: %v", err)
			}
			mdWritten, _ := os.ReadFile(cfg.MetadataPath(filepath.Join(dir, ssoconfig.ConfigYAML)))
			mdIn, _ := os.ReadFile(md)
			if !bytes.Equal(mdWritten, mdIn) {
				t.Error("idp-metadata.xml differs from the checked metadata")
			}
			ns, _ := os.ReadFile(filepath.Join(dir, ssoconfig.NextStepsMD))
			for _, w := range c.want {
				if !strings.Contains(string(ns), w) {
					t.Errorf("NEXT-STEPS.md lacks %q", w)
				}
			}
			if !strings.Contains(out, "Wrote "+dir) || !strings.Contains(out, "NEXT-STEPS.md") {
				t.Errorf("output does not list what was written:\n%s", out)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 4 {
				t.Errorf("folder holds %d entries, want 4", len(entries))
			}
			// A second run without --force refuses, naming --force.
			code, _, errOut = runCmd(t, "", args...)
			if code != 2 || !strings.Contains(errOut, "--force") {
				t.Errorf("second run: exit %d, stderr %q; want 2 naming --force", code, errOut)
			}
		})
	}
}

func TestSetupHeadlessRefusesWithoutWriting(t *testing.T) {
	wrongIssuer := metadataFile(t, "IdP Entity ID") // the unsaved-app placeholder
	good := metadataFile(t, "jumpcloud-acmecorp")
	base := []string{"setup", "--yes", "--profile", "avoma", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--metadata-url", "https://sso.jumpcloud.com/saml2/metadata/abc123", "--now", testNow}
	cases := []struct {
		name     string
		args     []string
		code     int
		inOutput string
	}{
		{"check fails", []string{"--metadata", wrongIssuer, "--users-notified"}, 1, "Nothing was written"},
		{"users not notified", []string{"--metadata", good}, 2, "--users-notified"},
		{"unreadable metadata", []string{"--metadata", filepath.Join(t.TempDir(), "missing.xml"), "--users-notified"}, 2, "missing.xml"},
		{"bad profile", []string{"--metadata", good, "--users-notified", "--profile", "avona"}, 2, "unknown profile"},
		{"fixed SP value", []string{"--metadata", good, "--users-notified", "--sp-entity-id", "https://x.test"}, 2, "--sp-entity-id"},
		{"bad format", []string{"--metadata", good, "--users-notified", "--format", "toml"}, 2, "--format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errOut := runCmd(t, "", append(append(base, "--out", dir), c.args...)...)
			if code != c.code || !strings.Contains(out+errOut, c.inOutput) {
				t.Errorf("exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", code, c.code, c.inOutput, out, errOut)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("the output folder was created (%v)", err)
			}
		})
	}
}

func TestSetupWithoutTerminalOrYes(t *testing.T) {
	code, _, errOut := runCmd(t, "", "setup", "--profile", "avoma")
	if code != 2 || !strings.Contains(errOut, "jcsso setup needs a terminal; pass --yes") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	// The root command is setup too.
	code, _, errOut = runCmd(t, "")
	if code != 2 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("root: exit %d, stderr %q", code, errOut)
	}
}

func TestSetupJSONFromStdin(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	md := string(samltest.Metadata(kp, samltest.MetadataOptions{}))
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runCmd(t, md, "setup", "--yes", "--profile", "generic", "--org", "Acme Corp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--sp-entity-id", "https://crm.acme.test", "--acs-url", "https://crm.acme.test/acs", "--app-name", "Acme CRM", "--metadata", "-", "--out", dir, "--format", "json", "--now", testNow)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := ssoconfig.Read(filepath.Join(dir, ssoconfig.ConfigJSON)); err != nil {
		t.Error(err)
	}
}

func TestProfilesCommand(t *testing.T) {
	code, out, _ := runCmd(t, "", "profiles")
	if code != 0 || !strings.Contains(out, "avoma") || !strings.Contains(out, "send to support") || !strings.Contains(out, "admins only") {
		t.Errorf("profiles: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "profiles", "show", "avoma")
	if code != 0 || !strings.Contains(out, "entity_id: https://app.avoma.com") {
		t.Errorf("profiles show avoma: exit %d\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "acme.yaml")
	os.WriteFile(bad, []byte(strings.Replace(out, "mode: sessions_end", "mode: x", 1)), 0o600)
	code, _, errOut := runCmd(t, "", "profiles", "show", bad)
	if code != 2 || !strings.Contains(errOut, bad+":") || !strings.Contains(errOut, `rollout.mode must be optional_enforcement or sessions_end, got "x"`) {
		t.Errorf("bad profile: exit %d, stderr %q", code, errOut)
	}
}

// An http(s) --metadata is fetched, and is the metadata URL Avoma's support
// receives; the root command takes setup's flags too.
func TestSetupMetadataFromURLThroughRoot(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	md := samltest.Metadata(kp, samltest.MetadataOptions{})
	agent := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case agent <- r.UserAgent():
		default:
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(md)
	}))
	defer srv.Close()
	url := srv.URL + "/saml2/metadata/app1"
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runCmd(t, "", "--yes", "--profile", "avoma", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--metadata", url, "--users-notified", "--out", dir, "--now", testNow)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	ns, _ := os.ReadFile(filepath.Join(dir, ssoconfig.NextStepsMD))
	if !strings.Contains(string(ns), "Metadata URL: "+url+"\n") {
		t.Errorf("NEXT-STEPS.md does not hand over %s", url)
	}
	written, _ := os.ReadFile(filepath.Join(dir, ssoconfig.MetadataFile))
	if !bytes.Equal(written, md) {
		t.Error("idp-metadata.xml is not the fetched bytes")
	}
	if ua := <-agent; ua != userAgent() || !strings.HasPrefix(ua, "jcsso/") {
		t.Errorf("User-Agent %q, want %q (the tool and its version)", ua, userAgent())
	}
}

// A vendor's profile text cannot crash the summary printed after writing.
func TestSetupSummarySurvivesOddProfileText(t *testing.T) {
	yml, ok := profile.BuiltinYAML("avoma")
	if !ok {
		t.Fatal("no built-in avoma profile")
	}
	text := strings.Replace(string(yml), "id: avoma", "id: avoma-odd", 1)
	text = regexp.MustCompile(`(?m)^  note: When Avoma.*$`).ReplaceAllString(text, `  note: "first\n## \nsecond"`)
	if !strings.Contains(text, `\n## \n`) {
		t.Fatal("the test did not put an empty heading into the profile")
	}
	pf := filepath.Join(t.TempDir(), "odd.yaml")
	if err := os.WriteFile(pf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	md := metadataFile(t, "jumpcloud-acmecorp")
	code, out, errOut := runCmd(t, "", "setup", "--yes", "--profile", pf, "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--metadata", md, "--metadata-url", sentURL(t, md),
		"--users-notified", "--out", dir, "--now", testNow)
	if code != 0 || !strings.Contains(out, "Next steps") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestSetupResumeWithYesIsUsage(t *testing.T) {
	code, _, errOut := runCmd(t, "", "setup", "--yes", "--resume")
	if code != 2 || !strings.Contains(errOut, "--resume") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// Without --out, setup --yes writes the wizard's default folder,
// ./jcsso-ORG (one rule: ssoconfig.DefaultOutDir).
func TestSetupHeadlessDefaultFolder(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	dir := t.TempDir()
	t.Chdir(dir)
	code, out, errOut := runCmd(t, "", "setup", "--yes", "--profile", "generic", "--org", "Acme Corp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--sp-entity-id", "https://crm.acme.test", "--acs-url", "https://crm.acme.test/acs", "--app-name", "Acme CRM", "--metadata", md, "--now", testNow)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := ssoconfig.Read(filepath.Join(dir, "jcsso-acme-corp", ssoconfig.ConfigYAML)); err != nil {
		t.Error(err)
	}
	if !strings.Contains(out, "Wrote jcsso-acme-corp") {
		t.Errorf("output does not name the folder:\n%s", out)
	}
}
