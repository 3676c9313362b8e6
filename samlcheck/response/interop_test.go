package response_test

import (
	"crypto/x509"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// Interop: responses made by an independent IdP implementation
// (crewjam/saml's IdentityProvider, test-only) pass, and tampered ones fail
// with the right id.

const (
	interopIdP = "https://idp.example.com/saml/metadata"
	interopSP  = "https://sp.example.com/saml/metadata"
	interopACS = "https://sp.example.com/saml/acs"
)

var interopNow = time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)

// crewjamResponse has crewjam's IdP answer request "id-req-1" from the SP
// spEntityID for alice, signing Assertion and Response with kp (RSA-SHA256).
func crewjamResponse(t *testing.T, kp samltest.KeyPair, spEntityID string) []byte {
	t.Helper()
	idp := &saml.IdentityProvider{
		Key:             kp.Key,
		Certificate:     kp.Cert,
		MetadataURL:     url.URL{Scheme: "https", Host: "idp.example.com", Path: "/saml/metadata"},
		SSOURL:          url.URL{Scheme: "https", Host: "idp.example.com", Path: "/saml/sso"},
		SignatureMethod: dsig.RSASHA256SignatureMethod,
	}
	acs := saml.IndexedEndpoint{Binding: saml.HTTPPostBinding, Location: interopACS, Index: 1}
	sp := &saml.EntityDescriptor{
		EntityID:         spEntityID,
		SPSSODescriptors: []saml.SPSSODescriptor{{AssertionConsumerServices: []saml.IndexedEndpoint{acs}}},
	}
	req := &saml.IdpAuthnRequest{
		IDP:                     idp,
		HTTPRequest:             httptest.NewRequest("POST", "https://idp.example.com/saml/sso", nil),
		Request:                 saml.AuthnRequest{ID: "id-req-1", IssueInstant: interopNow},
		ServiceProviderMetadata: sp,
		SPSSODescriptor:         &sp.SPSSODescriptors[0],
		ACSEndpoint:             &acs,
		Now:                     interopNow,
	}
	session := &saml.Session{
		ID: "s-1", NameID: "alice@acmecorp.com", NameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
		UserEmail: "alice@acmecorp.com", UserGivenName: "Alice", UserSurname: "Smith",
	}
	if err := (saml.DefaultAssertionMaker{}).MakeAssertion(req, session); err != nil {
		t.Fatalf("crewjam MakeAssertion: %v", err)
	}
	if err := req.MakeResponse(); err != nil {
		t.Fatalf("crewjam MakeResponse: %v", err)
	}
	doc := etree.NewDocument()
	doc.SetRoot(req.ResponseEl)
	out, err := doc.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func interopOptions(kp samltest.KeyPair) response.Options {
	return response.Options{
		TrustedCerts: []*x509.Certificate{kp.Cert},
		Admins:       []string{"alice@acmecorp.com"},
		IdPEntityID:  interopIdP,
		SPEntityID:   interopSP,
		ACSURL:       interopACS,
		RequestID:    "id-req-1",
		Now:          interopNow.Add(10 * time.Second),
	}
}

func TestInteropCrewjamIdP(t *testing.T) {
	kp, other := testKey(t, 0), testKey(t, 1)
	genuine := crewjamResponse(t, kp, interopSP)

	t.Run("genuine", func(t *testing.T) {
		for name, input := range map[string][]byte{"xml": genuine, "post": samltest.PostForm(genuine), "redirect": samltest.RedirectForm(t, genuine)} {
			r := response.Inspect(input, interopOptions(kp))
			if !r.OK || r.Findings.Worst() != samlcheck.SeverityPass || !r.Signed.Response || !r.Signed.Assertion {
				t.Fatalf("%s: ok=%v signed=%+v%s", name, r.OK, r.Signed, dumpFindings(r.Findings))
			}
			if r.Subject.Email != "alice@acmecorp.com" || r.Issuer != interopIdP || r.InResponseTo != "id-req-1" {
				t.Errorf("%s: subject %+v issuer %q", name, r.Subject, r.Issuer)
			}
		}
	})

	cases := []struct {
		name  string
		input func(t *testing.T) []byte
		trust samltest.KeyPair
		id    string
	}{
		{"NameID changed", func(t *testing.T) []byte {
			return []byte(strings.Replace(string(genuine), ">alice@acmecorp.com</saml:NameID>", ">admin@acmecorp.com</saml:NameID>", 1))
		}, kp, samlcheck.IDSignatureInvalid},
		{"assertion moved", func(t *testing.T) []byte { return moveAssertion(t, genuine) }, kp, samlcheck.IDAssertionCount},
		{"signed with another key", func(t *testing.T) []byte { return crewjamResponse(t, other, interopSP) }, kp, samlcheck.IDSignatureInvalid},
		{"audience changed after signing", func(t *testing.T) []byte {
			return []byte(strings.Replace(string(genuine), ">"+interopSP+"</saml:Audience>", ">https://evil.example/sp</saml:Audience>", 1))
		}, kp, samlcheck.IDSignatureInvalid},
		{"signed for another service provider", func(t *testing.T) []byte { return crewjamResponse(t, kp, "https://other-sp.example/metadata") }, kp, samlcheck.IDAudienceMismatch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			input := tc.input(t)
			if string(input) == string(genuine) {
				t.Fatal("the tampering changed nothing")
			}
			r := response.Inspect(input, interopOptions(tc.trust))
			if r.OK {
				t.Fatalf("accepted: %s", dumpFindings(r.Findings))
			}
			wantSeverity(t, r, tc.id, samlcheck.SeverityFail)
			if tc.name == "NameID changed" && (r.Subject.NameID != "admin@acmecorp.com" || !r.Unverified) {
				t.Errorf("the changed NameID must be reported as unverified: %q unverified=%v", r.Subject.NameID, r.Unverified)
			}
		})
	}
}

// moveAssertion is the classic wrapping attack: the signed Assertion is
// moved into an Extensions element and an unsigned copy naming another
// user takes its place.
func moveAssertion(t *testing.T, xml []byte) []byte {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(xml); err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	signed := root.SelectElement("Assertion")
	if signed == nil {
		t.Fatal("no Assertion")
	}
	evil := signed.Copy()
	for _, s := range evil.SelectElements("Signature") {
		evil.RemoveChild(s)
	}
	evil.FindElement(".//NameID").SetText("admin@acmecorp.com")
	evil.CreateAttr("ID", "id-evil")
	idx := signed.Index()
	root.RemoveChild(signed)
	ext := etree.NewElement("samlp:Extensions")
	ext.AddChild(signed)
	root.InsertChildAt(idx, ext)
	root.InsertChildAt(idx+1, evil)
	out, err := doc.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
