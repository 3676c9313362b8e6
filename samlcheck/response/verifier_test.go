package response_test

import (
	"context"
	"crypto"
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// preparedAssertion parses a response signed (Assertion only) by signer
// and readies its Assertion for goxmldsig, as Inspect does.
func preparedAssertion(t *testing.T, signer samltest.KeyPair) *response.Verifier {
	t.Helper()
	doc, err := xmlsafe.ParseXML(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: signer}))
	if err != nil {
		t.Fatal(err)
	}
	a := xmlsafe.Child(doc.Root(), xmlsafe.NSAssertion, "Assertion")
	v, err := response.NewVerifier(context.Background(), a, xmlsafe.Child(a, xmlsafe.NSDSig, "Signature"), samltest.DefaultIssueInstant)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestVerifyTriesKeyInfoCertFirst: during a rotation the metadata holds
// the old and the new certificate; a response that names the new one in
// its KeyInfo is verified once, with it, not first with the old one.
func TestVerifyTriesKeyInfoCertFirst(t *testing.T) {
	old, cur := testKey(t, 0), testKey(t, 1)
	trusted := []*x509.Certificate{old.Cert, cur.Cert}

	v := preparedAssertion(t, cur)
	ok, _ := v.Verify(trusted, cur.Cert.Raw)
	if ok != cur.Cert {
		t.Fatalf("verified by %v, want the new certificate", ok)
	}
	if v.Verifications() != 1 {
		t.Errorf("%d verifications, want 1: the KeyInfo names the certificate to try first", v.Verifications())
	}

	// Without a KeyInfo (or one naming neither) the order given is kept.
	v = preparedAssertion(t, cur)
	if ok, _ := v.Verify(trusted, nil); ok != cur.Cert || v.Verifications() != 2 {
		t.Errorf("without KeyInfo: verified=%v after %d verifications, want the new certificate after 2", ok != nil, v.Verifications())
	}

	// The KeyInfo only orders: naming an untrusted certificate verifies nothing.
	other := testKey(t, 2)
	v = preparedAssertion(t, other)
	if ok, _ := v.Verify(trusted, other.Cert.Raw); ok != nil {
		t.Fatalf("verified by %s, which did not sign it", samlcheck.FingerprintSHA256(ok))
	}

	// Through response.Inspect, with the KeyInfo as JumpCloud writes it.
	opts := jumpCloudOptions(cur)
	opts.TrustedCerts = trusted
	r := response.Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: cur}), opts)
	f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityPass)
	wantContains(t, f, samlcheck.FingerprintSHA256(cur.Cert))
}

// TestVerifyEachKeyOnce: the same certificate given twice (with --cert and
// in the metadata), or two certificates for one key (a renewal that kept
// the key), cost one verification of a signature, not one each, and the
// report reads the same.
func TestVerifyEachKeyOnce(t *testing.T) {
	kp, other := testKey(t, 0), testKey(t, 2)
	renewed := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: samltest.DefaultNotBefore.AddDate(0, 3, 0)})
	if !renewed.Cert.PublicKey.(interface{ Equal(crypto.PublicKey) bool }).Equal(kp.Cert.PublicKey) {
		t.Fatal("the renewed certificate should share the key")
	}

	v := preparedAssertion(t, other)
	ok, attempts := v.Verify([]*x509.Certificate{kp.Cert, kp.Cert, renewed.Cert}, nil)
	if ok != nil {
		t.Fatal("verified by a key that did not sign it")
	}
	if v.Verifications() != 1 || len(attempts) != 2 {
		t.Errorf("%d verifications and %d verdicts, want 1 and 2 (one key, two distinct certificates)", v.Verifications(), len(attempts))
	}
	for _, a := range attempts {
		if a.Err == nil || a.Err.Error() != attempts[0].Err.Error() {
			t.Errorf("verdict with %s: %v, want the same failure for one key", samlcheck.FingerprintSHA256(a.Cert), a.Err)
		}
	}

	opts := jumpCloudOptions(kp)
	opts.TrustedCerts = []*x509.Certificate{kp.Cert, kp.Cert}
	r := response.Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: other}), opts)
	f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
	if n := strings.Count(f.Message, samlcheck.FingerprintSHA256(kp.Cert)); n != 1 {
		t.Errorf("the trusted certificate is named %d times, want once: %s", n, f.Message)
	}
}

// TestVerifyExpiredCertOnlyToExplain: a certificate outside its validity
// is tried (at its own start) only when no valid one verified. When it
// verifies, the signature is genuine: signature.invalid passes and
// signature.cert-expired fails, saying so, with JumpCloud's fix.
func TestVerifyExpiredCertOnlyToExplain(t *testing.T) {
	kp := testKey(t, 0)
	expired := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: samltest.DefaultNotBefore.AddDate(-3, 0, 0), NotAfter: samltest.DefaultNotBefore.AddDate(-1, 0, 0)})

	// The expired certificate first, its renewal (same key) second: one
	// verification, with the renewal.
	v := preparedAssertion(t, kp)
	ok, _ := v.Verify([]*x509.Certificate{expired.Cert, kp.Cert}, expired.Cert.Raw)
	if ok != kp.Cert || v.Verifications() != 1 {
		t.Fatalf("verified=%v after %d verifications, want by the valid certificate after 1", ok != nil, v.Verifications())
	}

	// Only the expired one: genuine, and a failure of its own.
	opts := jumpCloudOptions(kp)
	opts.TrustedCerts = []*x509.Certificate{expired.Cert}
	r := response.Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: kp}), opts)
	wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityPass)
	f := wantSeverity(t, r, samlcheck.IDSignatureCertExpired, samlcheck.SeverityFail)
	wantContains(t, f, "genuine", "expired on "+expired.Cert.NotAfter.Format(time.DateOnly), "goxmldsig", "regenerate", "fresh metadata")
	if r.OK || !r.Signed.Assertion || r.Unverified {
		t.Errorf("ok=%v signed=%+v unverified=%v: rejected, but the values are genuine", r.OK, r.Signed, r.Unverified)
	}

	// Another key in an expired certificate: still signature.invalid.
	other := testKey(t, 3)
	r = response.Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: other, Sign: samltest.SignOptions{KeyInfoCert: expired.Cert}}), opts)
	f = wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
	wantContains(t, f, "another key", "besides, the trusted certificate expired on")
	wantSeverity(t, r, samlcheck.IDSignatureCertExpired, samlcheck.SeverityInfo)
}
