package ssoconfig

import (
	"strings"
	"testing"
)

// Label), gives SHA-1 beside SHA-256, and holds the support message as data.
func TestNextStepsRecheckFieldsAndMessage(t *testing.T) {
	b := build(t, "avoma", avomaAnswers())
	doc := string(b.NextSteps)
	for _, want := range []string{
		"jcsso check --config sso-config.yaml 'https://sso.jumpcloud.com/saml2/metadata/0123abcd'",
		"catches a regenerated certificate",
		"fails naming both fingerprints",
		"re-checks only the copy saved here",
		"| Declare Redirect Endpoint | ticked |",
		"| Attribute: Service Provider Attribute Name `firstname` | JumpCloud Attribute Name `firstname` |",
		"| Display Label | Avoma |",
		"add `http://127.0.0.1:8741/saml/acs` on the app's SSO tab as an extra ACS URL",
		"run `jcsso test-login --config sso-config.yaml`",
		b.Config.IdentityProvider.Certificates[0].SHA256,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("NEXT-STEPS.md lacks %q:\n%s", want, doc)
		}
	}
	if !b.Config.SAML.DeclareRedirectEndpoint || b.Config.IdentityProvider.Certificates[0].SHA1 == "" {
		t.Errorf("config: redirect %v, sha1 %q", b.Config.SAML.DeclareRedirectEndpoint, b.Config.IdentityProvider.Certificates[0].SHA1)
	}
	if m := b.Next.Message; !strings.Contains(m, "IdP Entity ID: jumpcloud-acmecorp") || !strings.Contains(m, "Metadata URL: https://sso.jumpcloud.com/saml2/metadata/0123abcd") || !strings.Contains(doc, m) {
		t.Errorf("message %q", m)
	}
	vome := build(t, "vome", vomeAnswers())
	sha1 := vome.Config.IdentityProvider.Certificates[0].SHA1
	if !strings.Contains(string(vome.NextSteps), "SHA-1 fingerprint, for service providers that still show SHA-1: `"+sha1+"`") {
		t.Errorf("vome: no SHA-1 fingerprint:\n%s", vome.NextSteps)
	}
	if vome.Next.Message != "" || !strings.Contains(string(vome.NextSteps), "export it again on the app's SSO tab") {
		t.Errorf("vome: message %q", vome.Next.Message)
	}
}
