package xmlsafe

import (
	"context"
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/samltest"
)

// now is inside the validity of samltest's certificates.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// countingVerify counts the verifications made on the whole element (el)
// and on anything else (the probe), each through Signed's one call into
// goxmldsig.
type countingVerify struct {
	s            *Signed
	el           *etree.Element
	whole, probe int
}

func (c *countingVerify) verify(el *etree.Element, cert *x509.Certificate) error {
	if el == c.el {
		c.whole++
	} else {
		c.probe++
	}
	_, err := c.s.verify(el, Child(el, NSDSig, "Signature"), cert, now)
	return err
}

// signedRoot parses doc and prepares its root's own signature: with its
// KeyInfo, as the metadata check does, or without, as a response's.
func signedRoot(t *testing.T, doc []byte, dropKeyInfo bool) *Signed {
	t.Helper()
	d, err := ParseXML(doc)
	if err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	s, err := Prepare(root, Child(root, NSDSig, "Signature"), dropKeyInfo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Restore)
	return s
}

// Within the cap, every candidate is tried, but the whole document is
// verified at most once: a certificate whose key did not sign the
// SignedInfo is turned down on the probe, and a digest mismatch found
// once stands for every later certificate of the same key.
func TestSignatureCandidatesVerifyTheDocumentOnce(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	for _, tc := range []struct {
		name   string
		decoys []*x509.Certificate
		tamper bool
		wantOK bool
	}{
		{"other keys, signer last", samltest.DecoyCerts(t, MaxSignatureCandidates-1, nil), false, true},
		{"signer's key, changed after signing", samltest.DecoyCerts(t, MaxSignatureCandidates-1, kp.Key), true, false},
		{"other keys, changed after signing", samltest.DecoyCerts(t, MaxSignatureCandidates-1, nil), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := signedRoot(t, samltest.CertBombMetadata(t, kp, tc.decoys, tc.tamper), false)
			// CertBombMetadata lists the decoys before the signer.
			certs := append(append([]*x509.Certificate(nil), tc.decoys...), kp.Cert)
			cv := &countingVerify{s: s, el: s.el}
			err := verifyCandidates(context.Background(), s.el, certs, cv.verify)
			switch {
			case tc.wantOK && err != nil:
				t.Fatalf("err = %v, want it verified", err)
			case !tc.wantOK && !IsDigestMismatch(err):
				t.Fatalf("err = %v, want the digest mismatch", err)
			}
			if cv.whole != 1 || cv.probe != len(certs) {
				t.Errorf("%d whole and %d probe verifications, want 1 and %d", cv.whole, cv.probe, len(certs))
			}
			// The verdict is the one trying each certificate on the whole
			// document gives, and VerifyAny gives the same.
			var each error
			for _, c := range certs {
				if _, each = s.verify(s.el, s.sig, c, now); each == nil {
					break
				}
			}
			if (each == nil) != (err == nil) || (each != nil && each.Error() != err.Error()) {
				t.Errorf("verdict %v, trying each on the whole document gives %v", err, each)
			}
			if any := s.VerifyAny(context.Background(), certs, now); (any == nil) != (err == nil) {
				t.Errorf("VerifyAny says %v, the loop %v", any, err)
			}
		})
	}
}

// Past MaxSignatureCandidates nothing is tried; a cancelled context stops
// the loop before the first verification.
func TestSignatureCandidatesBoundedAndCancelled(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	decoys := samltest.DecoyCerts(t, MaxSignatureCandidates, nil)
	s := signedRoot(t, samltest.CertBombMetadata(t, kp, decoys, false), false)
	if err := s.VerifyAny(context.Background(), append(decoys, kp.Cert), now); !errors.Is(err, ErrTooManyCandidates) || s.Verifications() != 0 {
		t.Errorf("err %v after %d verifications, want ErrTooManyCandidates before any", err, s.Verifications())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	err := verifyCandidates(ctx, s.el, []*x509.Certificate{kp.Cert}, func(*etree.Element, *x509.Certificate) error { calls++; return nil })
	if err != context.Canceled || calls != 0 {
		t.Errorf("err %v after %d verifications, want context.Canceled before any", err, calls)
	}
	if _, err := s.Verify(ctx, kp.Cert, now); err != context.Canceled || s.Verifications() != 0 {
		t.Errorf("Verify: err %v after %d verifications, want context.Canceled before any", err, s.Verifications())
	}
}

// Verify asks goxmldsig once per public key: the same certificate twice,
// or a renewal of the same key, gives the first verdict again; a
// certificate outside its validity at the clock is refused on its own.
func TestVerifyOncePerKey(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	renewed := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: samltest.DefaultNotBefore.AddDate(0, 3, 0)})
	s := signedRoot(t, samltest.SignedMetadata(t, kp, samltest.MetadataOptions{}, samltest.SignOptions{}), true)
	for i, c := range []*x509.Certificate{kp.Cert, kp.Cert, renewed.Cert} {
		if out, err := s.Verify(context.Background(), c, now); err != nil || out == nil {
			t.Fatalf("certificate %d: %v", i, err)
		}
	}
	if s.Verifications() != 1 {
		t.Errorf("%d verifications, want 1 for one key", s.Verifications())
	}
	if _, err := s.Verify(context.Background(), kp.Cert, kp.Cert.NotAfter.AddDate(1, 0, 0)); err == nil || s.Verifications() != 2 {
		t.Errorf("after expiry: err %v, %d verifications; want a refusal of its own", err, s.Verifications())
	}
}
