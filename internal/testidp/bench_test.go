package testidp_test

import (
	"crypto/rsa"
	"net/http"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// BenchmarkSPInitiatedRoundTrip is one full SP-initiated sign-in, in
// process, with JumpCloud's RSA-4096 key and both Assertion and Response
// signed: crewjam's SP makes the AuthnRequest and redirects, the browser
// gets the login form, signs in, receives the signed response and posts it
// to the ACS, where crewjam verifies it. Key generation is outside the
// timing (the key comes from samltest's cache).
func BenchmarkSPInitiatedRoundTrip(b *testing.B) {
	sp := newTestSP(b)
	idp := connect(b, sp, testidp.Options{KeyBits: testidp.JumpCloudKeyBits})
	if bits := idp.SigningCertificate().PublicKey.(*rsa.PublicKey).N.BitLen(); bits != 4096 {
		b.Fatalf("RSA-%d, want RSA-4096", bits)
	}
	br := samltest.NewBrowser(b, idp.CertPool())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page := br.SignIn(br.Get(sp.LoginURL("redirect")), testidp.DefaultEmail, "pw")
		verdict := br.Submit(page.FormWith(b, "SAMLResponse"))
		if verdict.Status != http.StatusOK || !strings.Contains(verdict.Body, "signed in as") {
			b.Fatalf("%d %s", verdict.Status, verdict.Body)
		}
	}
}
