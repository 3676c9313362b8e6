package setup

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
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

// TestWriteFixture writes a generated export for trying the wizard by hand:
// JCSSO_FIXTURE=/tmp/md.xml go test ./steps -run TestWriteFixture
func TestWriteFixture(t *testing.T) {
	path := os.Getenv("JCSSO_FIXTURE")
	if path == "" {
		t.Skip("set JCSSO_FIXTURE to a path")
	}
	if err := os.WriteFile(path, jumpcloudMetadata(t, "jumpcloud-acmecorp"), 0o600); err != nil {
		t.Fatal(err)
	}
}
