package setup

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// toGenericSP walks the generic profile to step 2.
func toGenericSP(t *testing.T, f *fakes) *harness {
	t.Helper()
	h := newHarness(t, Options{Services: f.services()})
	h.Keys("down", "down", "tab")
	h.Type("acmecorp")
	h.Keys("enter")
	h.WantPosition(2)
	h.WantScreen("App name")
	return h
}

// The generic profile asks the app's name and uses it for the Display
// Label and the IdP URL; the SP's own metadata fills the SP Entity ID and
// the ACS URLs; the SSO tab sets NameID, its format, Sign and the
// attributes; and all of it is written (item 14).
func TestGenericProfileAsksWhatItNeeds(t *testing.T) {
	t.Chdir(t.TempDir())
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp"), spMetadata: spMetadataDoc()}
	svc := f.services()
	svc.WriteSetup, svc.Check = ssoconfig.WriteSetup, metadata.Check
	h := newHarness(t, Options{Services: svc})
	h.Keys("down", "down", "tab")
	h.Type("acmecorp")
	h.Keys("enter")
	h.Type("Acme CRM")
	h.WantScreen("Display Label Acme CRM, IdP URL https://sso.jumpcloud.com/saml2/acme-crm")
	h.Keys("tab")
	h.Type("https://crm.acme.example/spmeta")
	h.Keys("enter")
	h.WantScreen("read the SP Entity ID and 2 ACS URLs")
	if h.w.ans.SPEntityID != "https://crm.acme.example/saml" || !slices.Equal(h.w.ans.ACSURLs, []string{"https://crm.acme.example/saml/acs", "https://eu.crm.acme.example/saml/acs"}) {
		t.Fatalf("from the SP's metadata: %q %v", h.w.ans.SPEntityID, h.w.ans.ACSURLs)
	}
	h.Keys("tab")
	h.WantScreen("2 ACS URLs; the first is the default")
	h.Keys("enter")
	h.WantPosition(3)
	h.WantScreen("Enter the Display Label “Acme CRM” (press c to copy it).")
	h.Keys("a", "enter")
	h.WantPosition(4)
	h.WantScreen("ACS URL 1", "ACS URL 2")

	// NameID, its format, Sign and the attributes.
	h.Keys("down", "down", "down", "down") // NameID
	h.Keys("e")
	for range len("email") {
		h.Keys("backspace")
	}
	h.Type("username")
	h.Keys("enter")
	h.Keys("down", "e") // format: the next of the four
	h.Keys("down", "down", "e")
	if h.w.ans.NameID != "username" || h.w.ans.NameIDFormat != profile.NameIDFormatUnspecified || h.w.ans.Sign != profile.SignAssertion {
		t.Fatalf("choices: %q %q %q", h.w.ans.NameID, h.w.ans.NameIDFormat, h.w.ans.Sign)
	}
	h.Keys("a")
	h.WantScreen("New attribute")
	h.Type("groups = group")
	h.Keys("enter")
	h.WantScreen("Attribute groups")
	for range 20 {
		h.Keys("up")
	}
	for range 12 {
		h.Keys("down")
	}
	h.WantScreen("x remove")
	h.Keys("x") // email
	h.WantScreen("IdP URL", "https://sso.jumpcloud.com/saml2/acme-crm")
	wantAttrs := []profile.Attribute{{Name: "firstname", JumpCloud: "firstname"}, {Name: "lastname", JumpCloud: "lastname"}, {Name: "groups", JumpCloud: "group"}}
	if !slices.Equal(h.w.ans.Attributes, wantAttrs) {
		t.Fatalf("attributes %v", h.w.ans.Attributes)
	}
	h.Keys("enter", "enter") // step 5, then step 6
	h.Keys("3")
	h.Send(pasteMsg(string(f.metadata)))
	h.WantScreen("The metadata is ready")
	h.Keys("enter", "s", "enter")
	h.WantPosition(9)
	h.WantScreen("jcsso setup · Acme CRM", "Acme CRM (Generic SAML app)", "NameID username; signed: Assertion; 3 attributes")
	h.Keys("enter")
	h.WantScreen("Written to jcsso-acmecorp")

	cfg, err := ssoconfig.Read(filepath.Join("jcsso-acmecorp", ssoconfig.ConfigYAML))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.SAML
	if cfg.ServiceProvider.Name != "Acme CRM" || len(cfg.ServiceProvider.ACSURLs) != 2 || s.NameID != "username" || s.Sign != profile.SignAssertion || s.Attributes["groups"] != "group" || len(s.Attributes) != 3 {
		t.Errorf("config: %+v %+v", cfg.ServiceProvider, s)
	}
	doc, _ := os.ReadFile(filepath.Join("jcsso-acmecorp", ssoconfig.NextStepsMD))
	if !strings.Contains(string(doc), "| Display Label | Acme CRM |") {
		t.Errorf("NEXT-STEPS.md:\n%s", doc)
	}
}

// SP metadata that is not an SP's is refused on its field, saying why.
func TestSPMetadataRefusals(t *testing.T) {
	f := &fakes{spMetadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toGenericSP(t, f)
	h.Keys("tab")
	h.Type("~/Downloads/spmeta.xml")
	h.Keys("enter")
	h.WantScreen("✗ not a service provider's SAML metadata: it describes an identity provider")
	if h.w.ans.SPEntityID != "" {
		t.Errorf("SP Entity ID filled from IdP metadata: %q", h.w.ans.SPEntityID)
	}
	h.Keys("backspace")
	h.Type("missing.xml")
	h.Keys("enter")
	h.WantScreen("no such file")
}
