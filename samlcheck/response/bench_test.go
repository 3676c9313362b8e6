package response_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// BenchmarkInspect inspects a JumpCloud-shaped response, Assertion and
// Response both signed with RSA-4096 (SHA-256), in its POST form and with
// every expected value given: the whole path `jcsso inspect` takes.
func BenchmarkInspect(b *testing.B) {
	benchmarkInspect(b, samltest.ResponseOptions{SignAssertion: true, SignResponse: true})
}

// BenchmarkInspectAssertionSigned is the shape seen from JumpCloud with
// only "Sign Assertion" set: one RSA-4096 signature to verify.
func BenchmarkInspectAssertionSigned(b *testing.B) {
	benchmarkInspect(b, samltest.ResponseOptions{SignAssertion: true})
}

// BenchmarkInspectRotation is the assertion-signed shape during a
// certificate rotation: the metadata lists the old certificate and then
// the new one, which signed the response and which its KeyInfo names.
func BenchmarkInspectRotation(b *testing.B) {
	old := samltest.NewKeyPair(b, 1, samltest.CertOptions{})
	benchmarkInspect(b, samltest.ResponseOptions{SignAssertion: true}, old.Cert)
}

func benchmarkInspect(b *testing.B, o samltest.ResponseOptions, alsoTrusted ...*x509.Certificate) {
	kp := samltest.NewKeyPair(b, 0, samltest.CertOptions{})
	o.Signer = kp
	input := samltest.PostForm(samltest.ResponseXML(b, o))
	opts := jumpCloudOptions(kp)
	opts.TrustedCerts = append(alsoTrusted, kp.Cert)
	opts.RequireSigning = response.RequireEither
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		if r := response.Inspect(input, opts); !r.OK {
			b.Fatalf("not ok: %s", dumpFindings(r.Findings))
		}
	}
}

// BenchmarkRSA4096Verify is the floor under the figures above: one
// RSA-4096 PKCS#1 v1.5 verification in Go's crypto/rsa, which every
// signature costs however the XML around it is handled.
func BenchmarkRSA4096Verify(b *testing.B) {
	key := samltest.Key(b, 4096, 0)
	sum := sha256.Sum256([]byte("SignedInfo"))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}
