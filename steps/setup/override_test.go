package setup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
)

// An export made before the app was saved, with the real engine and
// writer: one ✗ in the profile's words, an override that says what it
// records before it records it, and a folder that keeps both values and
// opens NEXT-STEPS.md with what is still wrong (items 3 and 4).
func TestPlaceholderExportOverriddenWithTheRealEngine(t *testing.T) {
	t.Chdir(t.TempDir())
	md := jumpcloudMetadata(t, "IdP Entity ID")
	if err := os.WriteFile("JumpCloud-vome-metadata.xml", md, 0o600); err != nil {
		t.Fatal(err)
	}
	f := &fakes{}
	svc := f.services()
	svc.Load, svc.Check, svc.WriteSetup = nil, nil, nil // the real ones
	h := toImportWith(t, svc)
	h.Keys("enter")
	h.Type("JumpCloud-vome-metadata.xml")
	h.Keys("enter")
	h.WantScreen("1 failed")
	// Wrapped lines joined again: lines break only at spaces.
	screen := strings.Join(strings.Fields(h.Screen()), " ")
	for _, want := range []string{`not the IdP Entity ID you chose, "jumpcloud-acmecorp": the app was not saved`, "type jumpcloud-acmecorp into IdP Entity ID exactly", "that file, not this one, goes to Vome"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the fix lacks %q:\n%s", want, h.Screen())
		}
	}
	if strings.Contains(screen, "give that new file to the service provider") || strings.Count(h.Screen(), "✗") != 1 {
		t.Errorf("the placeholder should be one ✗ in Vome's words:\n%s", h.Screen())
	}
	h.Keys("enter")
	h.WantPosition(6) // enter does not pass a failure
	h.Keys("o")
	h.WantScreen("Continue past 1 failure?", "entityid.placeholder:", `keeps the IdP Entity ID you chose, jumpcloud-acmecorp`, `JumpCloud's metadata says "IdP Entity ID"`)
	h.Keys("n")
	h.WantScreen("1 failed") // back to the findings, nothing recorded
	if len(h.w.ans.Overridden) != 0 {
		t.Fatalf("n recorded %v", h.w.ans.Overridden)
	}
	h.Keys("o", "y")
	h.WantPosition(7)
	h.Keys("s", "enter", "enter")
	h.WantPosition(9)
	h.Keys("enter")
	h.WantScreen("Written to jcsso-acmecorp", "Next: fix the failure you continued past")

	cfg, err := ssoconfig.Read(filepath.Join("jcsso-acmecorp", ssoconfig.ConfigYAML))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.IdentityProvider.EntityID != "jumpcloud-acmecorp" || cfg.IdentityProvider.MetadataEntityID != "IdP Entity ID" {
		t.Errorf("entity_id %q metadata_entity_id %q", cfg.IdentityProvider.EntityID, cfg.IdentityProvider.MetadataEntityID)
	}
	if got := cfg.Validation.Overridden; len(got) != 2 || got[0] != samlcheck.IDEntityIDPlaceholder {
		t.Errorf("overridden %v", got)
	}
	doc, err := os.ReadFile(filepath.Join("jcsso-acmecorp", ssoconfig.NextStepsMD))
	if err != nil {
		t.Fatal(err)
	}
	if i := strings.Index(string(doc), "## Still wrong"); i < 0 || i > strings.Index(string(doc), "## 1.") {
		t.Errorf("NEXT-STEPS.md does not open with what is still wrong:\n%s", doc)
	}
}
