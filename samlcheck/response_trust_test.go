package samlcheck

import (
	"context"
	"crypto"
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// preparedAssertion parses a response signed (Assertion only) by signer
// and readies its Assertion for goxmldsig, as verifyOwnSignature does.
func preparedAssertion(t *testing.T, signer samltest.KeyPair) *trustedVerifier {
	t.Helper()
	doc, err := xmlsafe.ParseXML(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: signer}))
	if err != nil {
		t.Fatal(err)
	}
	a := xmlsafe.Child(doc.Root(), xmlsafe.NSAssertion, "Assertion")
	v, err := newTrustedVerifier(context.Background(), a, xmlsafe.Child(a, xmlsafe.NSDSig, "Signature"), samltest.DefaultIssueInstant)
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
	ok, _ := v.verify(trusted, cur.Cert.Raw)
	if ok == nil || ok.cert != cur.Cert {
		t.Fatalf("verified by %v, want the new certificate", ok)
	}
	if v.signed.Verifications() != 1 {
		t.Errorf("%d verifications, want 1: the KeyInfo names the certificate to try first", v.signed.Verifications())
	}

	// Without a KeyInfo (or one naming neither) the order given is kept.
	v = preparedAssertion(t, cur)
	if ok, _ := v.verify(trusted, nil); ok == nil || ok.cert != cur.Cert || v.signed.Verifications() != 2 {
		t.Errorf("without KeyInfo: verified=%v after %d verifications, want the new certificate after 2", ok != nil, v.signed.Verifications())
	}

	// The KeyInfo only orders: naming an untrusted certificate verifies nothing.
	other := testKey(t, 2)
	v = preparedAssertion(t, other)
	if ok, _ := v.verify(trusted, other.Cert.Raw); ok != nil {
		t.Fatalf("verified by %s, which did not sign it", FingerprintSHA256(ok.cert))
	}

	// Through Inspect, with the KeyInfo as JumpCloud writes it.
	opts := jumpCloudOptions(cur)
	opts.TrustedCerts = trusted
	r := Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: cur}), opts)
	f := wantSeverity(t, r, IDSignatureInvalid, SeverityPass)
	wantContains(t, f, FingerprintSHA256(cur.Cert))
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
	ok, attempts := v.verify([]*x509.Certificate{kp.Cert, kp.Cert, renewed.Cert}, nil)
	if ok != nil {
		t.Fatal("verified by a key that did not sign it")
	}
	if v.signed.Verifications() != 1 || len(attempts) != 2 {
		t.Errorf("%d verifications and %d verdicts, want 1 and 2 (one key, two distinct certificates)", v.signed.Verifications(), len(attempts))
	}
	for _, a := range attempts {
		if a.err == nil || a.err.Error() != attempts[0].err.Error() {
			t.Errorf("verdict with %s: %v, want the same failure for one key", FingerprintSHA256(a.cert), a.err)
		}
	}

	opts := jumpCloudOptions(kp)
	opts.TrustedCerts = []*x509.Certificate{kp.Cert, kp.Cert}
	r := Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: other}), opts)
	f := wantSeverity(t, r, IDSignatureInvalid, SeverityFail)
	if n := strings.Count(f.Message, FingerprintSHA256(kp.Cert)); n != 1 {
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
	ok, _ := v.verify([]*x509.Certificate{expired.Cert, kp.Cert}, expired.Cert.Raw)
	if ok == nil || ok.cert != kp.Cert || v.signed.Verifications() != 1 {
		t.Fatalf("verified=%v after %d verifications, want by the valid certificate after 1", ok != nil, v.signed.Verifications())
	}

	// Only the expired one: genuine, and a failure of its own.
	opts := jumpCloudOptions(kp)
	opts.TrustedCerts = []*x509.Certificate{expired.Cert}
	r := Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: kp}), opts)
	wantSeverity(t, r, IDSignatureInvalid, SeverityPass)
	f := wantSeverity(t, r, IDSignatureCertExpired, SeverityFail)
	wantContains(t, f, "genuine", "expired on "+expired.Cert.NotAfter.Format(time.DateOnly), "goxmldsig", "regenerate", "fresh metadata")
	if r.OK || !r.Signed.Assertion || r.Unverified {
		t.Errorf("ok=%v signed=%+v unverified=%v: rejected, but the values are genuine", r.OK, r.Signed, r.Unverified)
	}

	// Another key in an expired certificate: still signature.invalid.
	other := testKey(t, 3)
	r = Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: other, Sign: samltest.SignOptions{KeyInfoCert: expired.Cert}}), opts)
	f = wantSeverity(t, r, IDSignatureInvalid, SeverityFail)
	wantContains(t, f, "another key", "besides, the trusted certificate expired on")
	wantSeverity(t, r, IDSignatureCertExpired, SeverityInfo)
}
