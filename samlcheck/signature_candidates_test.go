package samlcheck

import (
	"context"
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/samltest"
)

// Signed metadata without a KeyInfo listing 6,000 certificates took 15 s
// (goxmldsig copied the whole document for each); past
// MaxSignatureCandidates it is now refused without a try.
func TestSignatureCandidatesAreBounded(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	doc := certBombMetadata(t, kp, decoyCerts(t, 5999, nil), true)
	var r *MetadataReport
	withinDeadline(t, 5*time.Second, "CheckMetadata of 6,000 candidate certificates", func() {
		r = CheckMetadata(doc, MetadataOptions{Now: testNow})
	})
	f := firstFinding(r.Findings, IDMetadataSignature)
	if f.Severity != SeverityFail || !strings.Contains(f.Message, "lists 6000 signing certificates; jcsso tries at most 16") {
		t.Errorf("metadata.signature = %+v", f)
	}
}

// countingVerify counts the verifications made on the whole element (el)
// and on anything else (the probe).
type countingVerify struct {
	el           *etree.Element
	whole, probe int
	now          time.Time
}

func (c *countingVerify) verify(el *etree.Element, cert *x509.Certificate) error {
	if el == c.el {
		c.whole++
	} else {
		c.probe++
	}
	return mdVerify(el, cert, &mdChecker{now: c.now})
}

// Within the cap, every candidate is tried, but the whole document is
// verified at most once: a certificate whose key did not sign the
// SignedInfo is turned down on the probe, and a digest mismatch found
// once stands for every later certificate of the same key.
func TestSignatureCandidatesVerifyTheDocumentOnce(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	root := func(doc []byte) *etree.Element {
		d, err := ParseXML(doc)
		if err != nil {
			t.Fatal(err)
		}
		return d.Root()
	}
	certsOf := func(el *etree.Element) []*x509.Certificate {
		var out []*x509.Certificate
		for _, ci := range parseSigningCerts(childNamed(el, nsMetadata, "IDPSSODescriptor")).parsed {
			out = append(out, ci.Cert)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		decoys  []*x509.Certificate
		tamper  bool
		wantErr string
	}{
		{"other keys, signer last", decoyCerts(t, MaxSignatureCandidates-1, nil), false, ""},
		{"signer's key, changed after signing", decoyCerts(t, MaxSignatureCandidates-1, kp.Key), true, errDigestMismatch},
		{"other keys, changed after signing", decoyCerts(t, MaxSignatureCandidates-1, nil), true, errDigestMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			el := root(certBombMetadata(t, kp, tc.decoys, tc.tamper))
			certs := certsOf(el)
			if len(certs) != MaxSignatureCandidates {
				t.Fatalf("%d candidates, want %d", len(certs), MaxSignatureCandidates)
			}
			cv := &countingVerify{el: el, now: testNow}
			err := verifyCandidates(context.Background(), el, certs, cv.verify)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("err = %v, want it verified", err)
			case tc.wantErr != "" && (err == nil || err.Error() != tc.wantErr):
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if cv.whole != 1 || cv.probe != len(certs) {
				t.Errorf("%d whole and %d probe verifications, want 1 and %d", cv.whole, cv.probe, len(certs))
			}
			// The verdict is the one trying each certificate on the whole
			// document gives.
			var each error
			for _, c := range certs {
				if each = mdVerify(el, c, &mdChecker{now: testNow}); each == nil {
					break
				}
			}
			if (each == nil) != (err == nil) || (each != nil && each.Error() != err.Error()) {
				t.Errorf("verdict %v, trying each on the whole document gives %v", err, each)
			}
		})
	}
}

func TestSignatureCandidatesStopWhenCancelled(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	d, err := ParseXML(certBombMetadata(t, kp, decoyCerts(t, 3, nil), false))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	err = verifyCandidates(ctx, d.Root(), []*x509.Certificate{kp.Cert}, func(*etree.Element, *x509.Certificate) error { calls++; return nil })
	if err != context.Canceled || calls != 0 {
		t.Errorf("err %v after %d verifications, want context.Canceled before any", err, calls)
	}
}

// inspect --metadata trusts at most MaxSignatureCandidates certificates of
// the metadata, since each is a verification of every signature.
func TestTrustMetadataIsBounded(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	md := CheckMetadata(certBombMetadata(t, kp, decoyCerts(t, 40, nil), false), MetadataOptions{Now: testNow})
	var o InspectOptions
	if left := o.TrustMetadata(md); left != 41-MaxSignatureCandidates || len(o.TrustedCerts) != MaxSignatureCandidates {
		t.Errorf("trusted %d, left out %d; want %d and %d", len(o.TrustedCerts), left, MaxSignatureCandidates, 41-MaxSignatureCandidates)
	}
}
