package profile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBuiltinsParseInStableOrder(t *testing.T) {
	var ids []string
	for _, p := range Builtins() {
		ids = append(ids, p.ID)
		if p.Name == "" || p.Description == "" || p.Handoff.Where == "" {
			t.Errorf("%s: name, description and handoff.where must be set", p.ID)
		}
	}
	if want := []string{"vome", "avoma", "generic"}; !slices.Equal(ids, want) {
		t.Fatalf("Builtins() ids = %v, want %v", ids, want)
	}
	if _, ok := Builtin("nope"); ok {
		t.Error("Builtin(nope) found something")
	}
}

// The built-in profiles carry the facts the wizard and NEXT-STEPS rely on.
func TestBuiltinFacts(t *testing.T) {
	avoma, _ := Builtin("avoma")
	if avoma.ServiceProvider.Generated || avoma.ServiceProvider.EntityID != "https://app.avoma.com" ||
		!slices.Equal(avoma.ServiceProvider.ACSURLs, []string{"https://prod-api.avoma.com/saml2/acs"}) ||
		avoma.ServiceProvider.DefaultRelayState != "https://app.avoma.com" || avoma.ServiceProvider.LoginURL != "https://app.avoma.com" {
		t.Errorf("avoma SP values wrong: %+v", avoma.ServiceProvider)
	}
	if avoma.Access.Scope != ScopeAllUsers || avoma.Handoff.Method != HandoffSupport || avoma.Rollout.Mode != RolloutSessionsEnd {
		t.Errorf("avoma flow wrong: %+v %+v %+v", avoma.Access, avoma.Handoff, avoma.Rollout)
	}
	if !avoma.SAML.DeclareRedirectEndpoint || avoma.SAML.Sign != SignAssertionAndResponse {
		t.Errorf("avoma SAML wrong: %+v", avoma.SAML)
	}
	vome, _ := Builtin("vome")
	if !vome.ServiceProvider.Generated || vome.Access.Scope != ScopeAdmins || !vome.Access.AdminsMustExist ||
		vome.Handoff.Method != HandoffUpload || vome.Rollout.Mode != RolloutOptional {
		t.Errorf("vome flow wrong: %+v", vome)
	}
	generic, _ := Builtin("generic")
	if !generic.ServiceProvider.Generated || generic.Access.Scope != ScopeAllUsers ||
		generic.Handoff.Method != HandoffUpload || generic.Rollout.Mode != RolloutOptional {
		t.Errorf("generic flow wrong: %+v", generic)
	}
}

func avomaWith(t *testing.T, old, repl string) []byte {
	t.Helper()
	src, _ := BuiltinYAML("avoma")
	if !strings.Contains(string(src), old) {
		t.Fatalf("avoma.yaml has no %q", old)
	}
	return []byte(strings.Replace(string(src), old, repl, 1))
}

func lineNo(t *testing.T, data []byte, needle string) int {
	t.Helper()
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, needle) {
			return i + 1
		}
	}
	t.Fatalf("no line contains %q", needle)
	return 0
}

func TestParseRefusesWithLineAndReason(t *testing.T) {
	cases := []struct {
		name       string
		old, repl  string
		lineNeedle string
		want       string
	}{
		{"misspelt key", "  nameid_format:", "  nameid_fromat:", "nameid_fromat", `unknown field "nameid_fromat" (did you mean "nameid_format"?)`},
		{"bad rollout mode", "mode: sessions_end", "mode: x", "mode: x", `rollout.mode must be optional_enforcement or sessions_end, got "x"`},
		{"bad sign", "sign: assertion_and_response", "sign: both", "sign: both", `saml.sign must be assertion_and_response, assertion or response, got "both"`},
		{"wrong type", "declare_redirect_endpoint: true", "declare_redirect_endpoint: maybe", "declare_redirect_endpoint", `expected true or false, got "maybe"`},
		{"http acs", "- https://prod-api.avoma.com/saml2/acs", "- http://prod-api.avoma.com/saml2/acs", "http://prod-api", "service_provider.acs_urls[0] must use https"},
		{"missing scope", "  scope: all_users\n", "", "access:", "access.scope is required: one of admins, all_users"},
		{"generated with values", "generated: false", "generated: true\n  where_to_find: settings", "entity_id:", "must be left out when generated is true"},
		{"sp metadata of fixed values", "  generated: false\n", "  generated: false\n  sp_metadata: true\n", "sp_metadata", "service_provider.sp_metadata needs generated: true"},
		{"duplicate attribute", "    - name: firstname", "    - name: email # again", "# again", `saml.attributes[1].name "email" is already used`},
		{"duplicate key", "id: avoma\n", "id: avoma\nid: again\n", "id: again", `mapping key "id" already defined`},
		{"syntax", "name: Avoma\n", "name: Avoma\n  bad: [\n", "bad: [", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := avomaWith(t, c.old, c.repl)
			_, err := Parse(data, "avoma.yaml")
			if err == nil {
				t.Fatal("Parse accepted a bad profile")
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *profile.Error", err)
			}
			prefix := "avoma.yaml:"
			if !strings.HasPrefix(err.Error(), prefix) || pe.Line == 0 {
				t.Fatalf("error %q has no FILE:LINE prefix", err)
			}
			if c.name != "syntax" {
				if want := lineNo(t, data, c.lineNeedle); pe.Line != want {
					t.Errorf("line = %d, want %d (%q)", pe.Line, want, err)
				}
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestParseEmptyAndNonMapping(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "- a\n- b\n"} {
		if _, err := Parse([]byte(in), "x.yaml"); err == nil || !strings.HasPrefix(err.Error(), "x.yaml") {
			t.Errorf("Parse(%q) = %v, want a refusal naming the file", in, err)
		}
	}
}

func TestParseAppliesDefaults(t *testing.T) {
	minimal := `id: acme-crm
name: Acme CRM
description: test
service_provider:
  entity_id: https://crm.acme.test
  acs_urls: [https://crm.acme.test/saml/acs]
access: {scope: all_users}
handoff: {method: upload_metadata, where: Settings > SSO}
rollout: {mode: optional_enforcement}
`
	p, err := Parse([]byte(minimal), "acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.SAML.NameID != "email" || p.SAML.NameIDFormat != NameIDFormatEmail || p.SAML.Sign != SignAssertionAndResponse ||
		p.SAML.SignatureAlgorithm != SigRSASHA256 || p.IdPEntityID.Suggest != DefaultIdPEntityIDTemplate {
		t.Errorf("defaults not applied: %+v %+v", p.SAML, p.IdPEntityID)
	}
}

func TestResolve(t *testing.T) {
	if p, err := Resolve("vome"); err != nil || p.ID != "vome" {
		t.Fatalf("Resolve(vome) = %v, %v", p, err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "acme.yaml")
	src, _ := BuiltinYAML("generic")
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), "id: generic", "id: acme", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := Resolve(path); err != nil || p.ID != "acme" {
		t.Fatalf("Resolve(file) = %v, %v", p, err)
	}
	if _, err := Resolve("avona"); err == nil || !strings.Contains(err.Error(), "vome, avoma, generic") {
		t.Errorf("Resolve(avona) = %v, want the list of built-in ids", err)
	}
	if _, err := Resolve(filepath.Join(dir, "missing.yaml")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Resolve(missing file) = %v, want not-exist", err)
	}
}

func TestSuggestIdPEntityID(t *testing.T) {
	p, _ := Builtin("avoma")
	for in, want := range map[string]string{
		"acmecorp":        "jumpcloud-acmecorp",
		"Acme Corp, Inc.": "jumpcloud-acme-corp-inc",
		"acmecorp.com":    "jumpcloud-acmecorp",
		"  ACME  ":        "jumpcloud-acme",
		"éé":              "",
		"":                "",
	} {
		if got := p.SuggestIdPEntityID(in); got != want {
			t.Errorf("SuggestIdPEntityID(%q) = %q, want %q", in, got, want)
		}
	}
	custom := &Profile{IdPEntityID: IdPEntityID{Suggest: "https://idp.example/{org}"}}
	if got := custom.SuggestIdPEntityID("Acme"); got != "https://idp.example/acme" {
		t.Errorf("custom template gave %q", got)
	}
}

// TestAppSlug: the name in JumpCloud's default IdP URL for an app labelled
// with the service provider's name, which the wizard shows and then
// expects in the imported metadata (sso.app-name).
func TestAppSlug(t *testing.T) {
	for name, want := range map[string]string{"Avoma": "avoma", "Vome": "vome", "Acme CRM": "acme-crm", "app.example.io": "app-example-io", "—": "app"} {
		if got := AppSlug(name); got != want {
			t.Errorf("AppSlug(%q) = %q, want %q", name, got, want)
		}
	}
}

// The keys added for issue 10: generic describes any app and reads SP
// metadata; e-mail addresses compare as the profile says its SP does.
func TestCustomizableSPMetadataAndEmailCase(t *testing.T) {
	g, _ := Builtin("generic")
	v, _ := Builtin("vome")
	if !g.Customizable || !g.ServiceProvider.SPMetadata || v.Customizable || v.ServiceProvider.SPMetadata {
		t.Errorf("generic customizable %v sp_metadata %v; vome %v %v", g.Customizable, g.ServiceProvider.SPMetadata, v.Customizable, v.ServiceProvider.SPMetadata)
	}
	if g.AppName("Acme CRM") != "Acme CRM" || g.AppName(" ") != g.Name || v.AppName("Acme CRM") != "Vome" {
		t.Errorf("AppName: %q %q %q", g.AppName("Acme CRM"), g.AppName(" "), v.AppName("Acme CRM"))
	}
	for _, c := range []struct {
		a, b      string
		sensitive bool
		same      bool
	}{
		{"Owner@AcmeCorp.org", "owner@acmecorp.org", false, true},
		{"Owner@AcmeCorp.org", "owner@acmecorp.org", true, false},
		{"owner@AcmeCorp.org", "owner@acmecorp.org", true, true},
		{" owner@acmecorp.org", "owner@acmecorp.org", true, true},
		{"owner@acmecorp.org", "other@acmecorp.org", false, false},
		{"owner@a.org", "owner@b.org", false, false},
	} {
		p := &Profile{Access: Access{EmailCaseSensitive: c.sensitive}}
		if got := p.SameEmail(c.a, c.b); got != c.same {
			t.Errorf("SameEmail(%q, %q) with case-sensitive local part %v = %v", c.a, c.b, c.sensitive, got)
		}
	}
}
