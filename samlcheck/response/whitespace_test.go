package response_test

import (
	"crypto/x509"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// wrapBase64 writes base64 the way Java's XML security library and some
// pretty-printers do: a &#13; line end and indentation every 64 digits.
func wrapBase64(s, indent string) string {
	var b strings.Builder
	for len(s) > 64 {
		b.WriteString(s[:64] + "&#13;\n" + indent)
		s = s[64:]
	}
	b.WriteString(s)
	return b.String()
}

// TestSignatureValueWhitespace: a SignatureValue with &#13;, line breaks
// and indentation inside is genuine (xmlsec1 agrees); it lies outside
// every digest, so jcsso verifies it without touching the signed bytes.
func TestSignatureValueWhitespace(t *testing.T) {
	kp := testKey(t, 0)
	for _, o := range []samltest.ResponseOptions{
		{SignAssertion: true, Signer: kp},
		{SignResponse: true, Signer: kp},
	} {
		xml := string(samltest.ResponseXML(t, o))
		i := strings.Index(xml, "<ds:SignatureValue>") + len("<ds:SignatureValue>")
		j := strings.Index(xml, "</ds:SignatureValue>")
		xml = xml[:i] + "&#xd;\n        " + wrapBase64(xml[i:j], "        ") + "&#xD;\n      " + xml[j:]
		r := response.Inspect([]byte(xml), jumpCloudOptions(kp))
		if r.Signed.Assertion != o.SignAssertion || r.Signed.Response != o.SignResponse {
			t.Errorf("signed %+v, want the Assertion %v and the Response %v; %s", r.Signed, o.SignAssertion, o.SignResponse, dumpFindings(r.Findings))
		}
		wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityPass)
		if x := findXMLSec1(t, kp); x != nil {
			xpath := ""
			if o.SignAssertion {
				xpath = xpathAssertionSig
			}
			if !x.verifyDoc(t, []byte(xml), xpath) {
				t.Error("xmlsec1 refuses the document: the test made a broken signature")
			}
		}
	}
}

// spacedDigestAssertion is a response whose Assertion is signed by signer
// with a DigestValue that holds a line break and indentation, the
// SignatureValue computed over that SignedInfo, as a signer that wraps its
// base64 writes it. With sigBy set, the SignatureValue is made by that key
// instead (a forgery). edit changes the Assertion after signing.
func spacedDigestAssertion(t *testing.T, signer, sigBy samltest.KeyPair, edit func(*etree.Element)) []byte {
	t.Helper()
	doc := samltest.ResponseDoc(t, samltest.ResponseOptions{})
	a := doc.Root().SelectElement("Assertion")
	ctx, err := dsig.NewSigningContext(signer.Key, [][]byte{signer.Cert.Raw})
	if err != nil {
		t.Fatal(err)
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	parent, err := etreeutils.NSBuildParentContext(a)
	if err != nil {
		t.Fatal(err)
	}
	detached, err := etreeutils.NSDetatch(parent, a)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := ctx.ConstructSignature(detached, true)
	if err != nil {
		t.Fatal(err)
	}
	a.InsertChildAt(1, sig)
	si := sig.SelectElement("SignedInfo")
	dv := si.FindElement(".//DigestValue")
	v := dv.Text()
	dv.SetText("\n            " + v[:20] + "\n            " + v[20:] + "\n          ")
	// SignatureValue over the canonical SignedInfo, in its place.
	siCtx, err := etreeutils.NSBuildParentContext(si)
	if err != nil {
		t.Fatal(err)
	}
	siDetached, err := etreeutils.NSDetatch(siCtx, si)
	if err != nil {
		t.Fatal(err)
	}
	canonical, err := dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("").Canonicalize(siDetached)
	if err != nil {
		t.Fatal(err)
	}
	sctx, err := dsig.NewSigningContext(sigBy.Key, [][]byte{sigBy.Cert.Raw})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sctx.SignString(string(canonical))
	if err != nil {
		t.Fatal(err)
	}
	sig.SelectElement("SignatureValue").SetText(base64.StdEncoding.EncodeToString(raw))
	if edit != nil {
		edit(a)
	}
	out, err := doc.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSpacedDigestValue: a DigestValue holding whitespace (base64Binary
// allows it; Go's decoder stops at a space) is genuine, xmlsec1 agrees,
// and jcsso verifies it; changed content still fails its digest.
func TestSpacedDigestValue(t *testing.T) {
	kp := testKey(t, 0)
	xml := spacedDigestAssertion(t, kp, kp, nil)
	r := response.Inspect(xml, jumpCloudOptions(kp))
	if !r.Signed.Assertion || r.Unverified {
		t.Fatalf("signed %+v unverified %v: %s", r.Signed, r.Unverified, dumpFindings(r.Findings))
	}
	if r.Subject.NameID != samltest.DefaultEmail {
		t.Errorf("NameID %q, read from what was digested", r.Subject.NameID)
	}
	if x := findXMLSec1(t, kp); x != nil && !x.verifyDoc(t, xml, xpathAssertionSig) {
		t.Error("xmlsec1 refuses the document: the test made a broken signature")
	}

	changed := spacedDigestAssertion(t, kp, kp, func(a *etree.Element) {
		a.FindElement(".//NameID").SetText("mallory@acmecorp.com")
	})
	r = response.Inspect(changed, jumpCloudOptions(kp))
	f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
	wantContains(t, f, "digest does not match")
}

// TestSpacedDigestValueNeedsAValidSignature pins what digestWithSpaces
// relies on: goxmldsig checks the SignatureValue before it decodes the
// DigestValue. A forged SignatureValue over a spaced DigestValue must fail
// as another key's signature, never reach the digest.
func TestSpacedDigestValueNeedsAValidSignature(t *testing.T) {
	kp, attacker := testKey(t, 0), testKey(t, 1)
	xml := spacedDigestAssertion(t, kp, attacker, func(a *etree.Element) {
		a.FindElement(".//NameID").SetText("mallory@acmecorp.com")
	})
	opts := jumpCloudOptions(kp)
	opts.TrustedCerts = []*x509.Certificate{kp.Cert}
	r := response.Inspect(xml, opts)
	f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
	wantContains(t, f, "another key")
	if r.Signed.Assertion {
		t.Fatal("a forged SignatureValue verified")
	}
}
