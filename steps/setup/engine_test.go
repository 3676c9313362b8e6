package setup

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// TestRealEngineWritesAConfigThatReadsBack runs the wizard with the real
// loader, check engine and writer on a generated JumpCloud export, for each
// built-in profile, and reads the written configuration back.
func TestRealEngineWritesAConfigThatReadsBack(t *testing.T) {
	md := jumpcloudMetadata(t, "jumpcloud-acmecorp")
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			dir := t.TempDir()
			mdPath := filepath.Join(dir, "JumpCloud-app-metadata.xml")
			if err := os.WriteFile(mdPath, md, 0o600); err != nil {
				t.Fatal(err)
			}
			f := &fakes{}
			svc := f.services()
			svc.Load, svc.Check, svc.WriteSetup = nil, nil, nil // the real ones
			h := newHarness(t, Options{Services: svc})
			for i, bid := range profile.BuiltinIDs() {
				if bid == id {
					for range i {
						h.Keys("down")
					}
				}
			}
			h.Keys("tab")
			h.Type("acmecorp.com")
			h.Keys("enter")
			if p, _ := profile.Builtin(id); p.ServiceProvider.Generated {
				fillSPValues(p, h.Type, h.Keys, "https://acme.example/saml/sp", "https://acme.example/saml/acs")
			}
			h.Keys("enter", "a", "enter", "enter", "enter")
			h.WantPosition(6)
			h.Keys("enter")
			h.Type(mdPath)
			h.Keys("enter")
			h.WantScreen("The metadata is ready")
			h.Keys("enter")
			p, _ := profile.Builtin(id)
			if p.Handoff.Method == profile.HandoffSupport {
				// A file was imported; the SP's support needs the URL.
				h.WantScreen("Copy Metadata URL")
				h.Type("https://sso.jumpcloud.example/md/acme")
				h.Keys("enter")
				// Nothing answers there: it is said, and a second enter
				// takes the URL unchecked.
				h.WantScreen("could not be checked")
				h.Keys("enter")
			}
			h.WantPosition(7)
			h.Keys("s") // the live test is optional
			h.WantPosition(8)
			if p.Rollout.Mode == profile.RolloutSessionsEnd {
				h.Keys("space")
			}
			h.Keys("enter")
			h.WantPosition(9)
			out := filepath.Join(dir, "out")
			for range len("./jcsso-acmecorp") {
				h.Keys("backspace")
			}
			h.Type(out)
			h.Keys("enter")
			h.WantScreen("Written to", "NEXT-STEPS.md", "Next: ")

			fi, err := os.Stat(out)
			if err != nil || fi.Mode().Perm() != 0o700 {
				t.Fatalf("folder: %v %v", fi.Mode(), err)
			}
			for _, p := range h.w.written {
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("%s: %v %v", p, fi.Mode(), err)
				}
			}
			cfg, err := ssoconfig.Read(filepath.Join(out, ssoconfig.ConfigYAML))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Profile != id || cfg.IdentityProvider.EntityID != "jumpcloud-acmecorp" || !cfg.Validation.OK {
				t.Errorf("config: profile %q idp %q ok %v", cfg.Profile, cfg.IdentityProvider.EntityID, cfg.Validation.OK)
			}
			if p.Handoff.Method == profile.HandoffSupport && cfg.IdentityProvider.MetadataURL != "https://sso.jumpcloud.example/md/acme" {
				t.Errorf("metadata URL %q", cfg.IdentityProvider.MetadataURL)
			}
		})
	}
}

// TestWriteFixture writes a generated export for trying the wizard by hand,
// the metadata of the app the wizard has the admin create, so importing it
// warns of nothing:
//
//	JCSSO_FIXTURE=/tmp/md.xml go test ./steps/setup -run TestWriteFixture
//
// JCSSO_FIXTURE_PROFILE is the profile it is for (default avoma), and
// JCSSO_FIXTURE_APP the app's name typed in the wizard, for a profile that
// asks for one (generic).
func TestWriteFixture(t *testing.T) {
	path := os.Getenv("JCSSO_FIXTURE")
	if path == "" {
		t.Skip("set JCSSO_FIXTURE to a path")
	}
	id := cmp.Or(os.Getenv("JCSSO_FIXTURE_PROFILE"), "avoma")
	p, ok := profile.Builtin(id)
	if !ok {
		t.Fatalf("JCSSO_FIXTURE_PROFILE: no built-in profile %q (%s)", id, strings.Join(profile.BuiltinIDs(), ", "))
	}
	if err := os.WriteFile(path, fixtureMetadata(t, p, os.Getenv("JCSSO_FIXTURE_APP")), 0o600); err != nil {
		t.Fatal(err)
	}
}

// fixtureMetadata is JumpCloud's export for organisation acmecorp of the
// app the wizard has the admin create for p (named app, for a profile that
// asks): its IdP Entity ID the one suggested, its sign-on URL the app's
// default IdP URL.
func fixtureMetadata(t testing.TB, p *profile.Profile, app string) []byte {
	t.Helper()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	return samltest.Metadata(kp, samltest.MetadataOptions{
		EntityID: "jumpcloud-acmecorp",
		SSOURL:   profile.DefaultIdPURL(p.AppName(app)),
	})
}

// The fixture TestWriteFixture writes (the README's way to try the
// wizard) imports without a warning for every built-in profile: its
// sign-on URL names the app the wizard had the admin create (review
// item 28).
func TestFixtureImportsWithoutWarnings(t *testing.T) {
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			p, _ := profile.Builtin(id)
			a := ssoconfig.Answers{ProfileID: id, Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp",
				SPEntityID: "https://acme.example/saml/sp", ACSURLs: []string{"https://acme.example/saml/acs"}}
			if p.Customizable {
				a.AppName = "Acme CRM"
			}
			rep := metadata.Check(fixtureMetadata(t, p, a.AppName), ssoconfig.MetadataOptions(p, a, testNow))
			appChecked := false
			for _, f := range rep.Findings {
				if f.Severity == samlcheck.SeverityWarn || f.Severity == samlcheck.SeverityFail {
					t.Errorf("%s %s: %s", f.Severity, f.ID, f.Message)
				}
				appChecked = appChecked || f.ID == samlcheck.IDSSOAppName && f.Severity == samlcheck.SeverityPass
			}
			if !appChecked {
				t.Errorf("%s did not pass: the app's name was not checked", samlcheck.IDSSOAppName)
			}
		})
	}
}
