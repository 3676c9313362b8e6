package metadata

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// The parser's limits as the metadata check reports them: xml.parse fails
// in one line, at once (the parser's own tests are xmlsafe's).
func TestCheckRefusesHostileXML(t *testing.T) {
	var bomb *Report
	doc := samltest.AttrBombMetadata(t, 100_000, true)
	enginetest.WithinDeadline(t, 10*time.Second, "metadata.Check of 100,000 namespace declarations", func() { bomb = Check(doc, Options{Now: testNow}) })
	if f := firstFinding(bomb.Findings, samlcheck.IDXMLParse); f.Severity != samlcheck.SeverityFail || !strings.Contains(f.Message, "over the limit of 256") {
		t.Errorf("metadata.Check did not fail xml.parse: %+v", f)
	}
	le := []byte("\xff\xfe<\x00a\x00/\x00>\x00") // <a/> in UTF-16, little-endian, with a byte order mark
	if f := firstFinding(Check(le, Options{Now: testNow}).Findings, samlcheck.IDXMLParse); f.Severity != samlcheck.SeverityFail || !strings.Contains(f.Message, "UTF-16") {
		t.Errorf("UTF-16: xml.parse = %+v", f)
	}
}

// The costliest document under the cap (every element at MaxXMLAttrs, up
// to the 5 MiB cap) is checked in well under a second here; the bound is
// generous so that only a return of quadratic work fails it.
func TestCheckFullElementsIsBounded(t *testing.T) {
	for _, ns := range []bool{false, true} {
		doc := samltest.FullElementsMetadata(t, xmlsafe.MaxInputBytes, xmlsafe.MaxXMLAttrs, ns)
		enginetest.WithinDeadline(t, 10*time.Second, fmt.Sprintf("metadata.Check of elements of %d attributes (ns %t)", xmlsafe.MaxXMLAttrs, ns), func() {
			if r := Check(doc, Options{Now: testNow}); firstFinding(r.Findings, samlcheck.IDXMLParse).Severity != samlcheck.SeverityPass {
				t.Errorf("ns %t: %+v", ns, firstFinding(r.Findings, samlcheck.IDXMLParse))
			}
		})
	}
}

// Signed metadata without a KeyInfo listing 6,000 certificates took 15 s
// (goxmldsig copied the whole document for each); past
// xmlsafe.MaxSignatureCandidates it is now refused without a try.
func TestSignatureCandidatesAreBounded(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	doc := samltest.CertBombMetadata(t, kp, samltest.DecoyCerts(t, 5999, nil), true)
	var r *Report
	enginetest.WithinDeadline(t, 5*time.Second, "metadata.Check of 6,000 candidate certificates", func() {
		r = Check(doc, Options{Now: testNow})
	})
	f := firstFinding(r.Findings, samlcheck.IDMetadataSignature)
	if f.Severity != samlcheck.SeverityFail || !strings.Contains(f.Message, "lists 6000 signing certificates; jcsso tries at most 16") {
		t.Errorf("metadata.signature = %+v", f)
	}
}

// inspect --metadata trusts at most response.MaxTrustedCerts certificates of
// the metadata, since each is a verification of every signature.
func TestTrustMetadataIsBounded(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	md := Check(samltest.CertBombMetadata(t, kp, samltest.DecoyCerts(t, 40, nil), false), Options{Now: testNow})
	var o response.Options
	if trusted, left := o.TrustMetadata(md.IdP); trusted != response.MaxTrustedCerts || left != 41-response.MaxTrustedCerts || len(o.TrustedCerts) != response.MaxTrustedCerts {
		t.Errorf("trusted %d (%d), left out %d; want %d and %d", trusted, len(o.TrustedCerts), left, response.MaxTrustedCerts, 41-response.MaxTrustedCerts)
	}
}

// firstFinding is the first finding with the id, or a zero one.
func firstFinding(fs samlcheck.Findings, id string) samlcheck.Finding {
	if got := fs.ByID(id); len(got) > 0 {
		return got[0]
	}
	return samlcheck.Finding{}
}
