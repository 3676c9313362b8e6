package samlcheck

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// The parser's limits as the metadata check reports them: xml.parse fails
// in one line, at once (the parser's own tests are xmlsafe's).
func TestCheckRefusesHostileXML(t *testing.T) {
	for _, ns := range []bool{false, true} {
		doc := samltest.AttrBombMetadata(t, 100_000, ns)
		var r *MetadataReport
		enginetest.WithinDeadline(t, 10*time.Second, fmt.Sprintf("CheckMetadata of 100,000 attributes (ns %t)", ns), func() {
			r = CheckMetadata(doc, MetadataOptions{Now: testNow})
		})
		if f := firstFinding(r.Findings, IDXMLParse); f.Severity != SeverityFail || !strings.Contains(f.Message, "over the limit of 256") {
			t.Errorf("ns %t: CheckMetadata did not fail xml.parse: %+v", ns, f)
		}
	}
	u := utf16.Encode([]rune(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`))
	le := []byte{0xFF, 0xFE}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
	}
	if f := firstFinding(CheckMetadata(le, MetadataOptions{Now: testNow}).Findings, IDXMLParse); f.Severity != SeverityFail || !strings.Contains(f.Message, "UTF-16") {
		t.Errorf("UTF-16: xml.parse = %+v", f)
	}
}

// The costliest document under the cap (every element at MaxXMLAttrs, up
// to MaxInputBytes) is checked in well under a second here; the bound is
// generous so that only a return of quadratic work fails it.
func TestCheckFullElementsIsBounded(t *testing.T) {
	for _, ns := range []bool{false, true} {
		doc := samltest.FullElementsMetadata(t, MaxInputBytes, xmlsafe.MaxXMLAttrs, ns)
		enginetest.WithinDeadline(t, 10*time.Second, fmt.Sprintf("CheckMetadata of elements of %d attributes (ns %t)", xmlsafe.MaxXMLAttrs, ns), func() {
			if r := CheckMetadata(doc, MetadataOptions{Now: testNow}); firstFinding(r.Findings, IDXMLParse).Severity != SeverityPass {
				t.Errorf("ns %t: %+v", ns, firstFinding(r.Findings, IDXMLParse))
			}
		})
	}
}

// Signed metadata without a KeyInfo listing 6,000 certificates took 15 s
// (goxmldsig copied the whole document for each); past
// MaxSignatureCandidates it is now refused without a try.
func TestSignatureCandidatesAreBounded(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	doc := samltest.CertBombMetadata(t, kp, samltest.DecoyCerts(t, 5999, nil), true)
	var r *MetadataReport
	enginetest.WithinDeadline(t, 5*time.Second, "CheckMetadata of 6,000 candidate certificates", func() {
		r = CheckMetadata(doc, MetadataOptions{Now: testNow})
	})
	f := firstFinding(r.Findings, IDMetadataSignature)
	if f.Severity != SeverityFail || !strings.Contains(f.Message, "lists 6000 signing certificates; jcsso tries at most 16") {
		t.Errorf("metadata.signature = %+v", f)
	}
}

// inspect --metadata trusts at most MaxSignatureCandidates certificates of
// the metadata, since each is a verification of every signature.
func TestTrustMetadataIsBounded(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	md := CheckMetadata(samltest.CertBombMetadata(t, kp, samltest.DecoyCerts(t, 40, nil), false), MetadataOptions{Now: testNow})
	var o InspectOptions
	if left := o.TrustMetadata(md); left != 41-MaxSignatureCandidates || len(o.TrustedCerts) != MaxSignatureCandidates {
		t.Errorf("trusted %d, left out %d; want %d and %d", len(o.TrustedCerts), left, MaxSignatureCandidates, 41-MaxSignatureCandidates)
	}
}

// firstFinding is the first finding with the id, or a zero one.
func firstFinding(fs Findings, id string) Finding {
	if got := fs.ByID(id); len(got) > 0 {
		return got[0]
	}
	return Finding{}
}
