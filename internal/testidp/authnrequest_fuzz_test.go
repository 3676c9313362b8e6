package testidp

import (
	"encoding/base64"
	"testing"
)

// FuzzDecodeRequest: whatever a client sends as SAMLRequest, by either
// binding, the decoder returns a request with an ID or an error, and
// never panics.
func FuzzDecodeRequest(f *testing.F) {
	req := `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" AssertionConsumerServiceURL="https://sp.example/acs"><saml:Issuer>https://sp.example</saml:Issuer></samlp:AuthnRequest>`
	redirect, err := RedirectForm([]byte(req))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base64.StdEncoding.EncodeToString([]byte(req)))
	f.Add(string(redirect))
	f.Add("")
	f.Add("PCFET0NUWVBFIHg+")
	f.Fuzz(func(t *testing.T, value string) {
		for _, decode := range []func(string) (*authnRequest, error){decodePostRequest, decodeRedirectRequest} {
			r, err := decode(value)
			if err == nil && (r == nil || r.ID == "") {
				t.Fatalf("accepted a request with no ID: %+v", r)
			}
		}
	})
}
