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
						h.key("down")
					}
				}
			}
			h.key("tab")
			h.typeText("acmecorp.com")
			h.key("enter")
			if p, _ := profile.Builtin(id); p.ServiceProvider.Generated {
				h.typeText("https://acme.example/saml/sp")
				h.key("tab")
				h.typeText("https://acme.example/saml/acs")
			}
			h.key("enter", "a", "enter", "enter", "enter")
			h.wantStep(6)
			h.key("enter")
			h.typeText(mdPath)
			h.key("enter")
			h.wantScreen("The metadata is ready")
			h.key("enter")
			p, _ := profile.Builtin(id)
			if p.Handoff.Method == profile.HandoffSupport {
				// A file was imported; the SP's support needs the URL.
				h.wantScreen("Copy Metadata URL")
				h.typeText("https://sso.jumpcloud.example/md/acme")
				h.key("enter")
			}
			h.wantStep(7)
			if p.Rollout.Mode == profile.RolloutSessionsEnd {
				h.key("space")
			}
			h.key("enter")
			h.wantStep(8)
			out := filepath.Join(dir, "out")
			for range len("./jcsso-acmecorp") {
				h.key("backspace")
			}
			h.typeText(out)
			h.key("enter")
			h.wantScreen("Written to", "NEXT-STEPS.md", "Next: ")

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
