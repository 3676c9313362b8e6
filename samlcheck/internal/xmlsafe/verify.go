package xmlsafe

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
)

// verifyEnveloped verifies the enveloped signature of el, prepared by
// Prepare, whose own Signature is sig, trusting exactly cert at the
// clock now, and returns the element goxmldsig parsed back from the bytes
// it digested: values are read from there, never from the document.
func verifyEnveloped(el, sig *etree.Element, cert *x509.Certificate, now time.Time) (*etree.Element, error) {
	vc := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	vc.Clock = dsig.NewFakeClockAt(now)
	out, err := vc.Validate(el)
	var corrupt base64.CorruptInputError
	if err != nil && errors.As(err, &corrupt) {
		return digestWithSpaces(el, sig, err)
	}
	return out, err
}

// digestHashes are the digest methods goxmldsig accepts, by URI.
var digestHashes = map[string]crypto.Hash{
	"http://www.w3.org/2000/09/xmldsig#sha1":        crypto.SHA1,
	"http://www.w3.org/2001/04/xmlenc#sha256":       crypto.SHA256,
	"http://www.w3.org/2001/04/xmldsig-more#sha384": crypto.SHA384,
	"http://www.w3.org/2001/04/xmlenc#sha512":       crypto.SHA512,
}

// excC14nNS is the namespace of exclusive canonicalisation's
// InclusiveNamespaces element.
const excC14nNS = "http://www.w3.org/2001/10/xml-exc-c14n#"

// digestWithSpaces finishes a verification goxmldsig stopped at a
// DigestValue holding spaces or tabs (base64Binary allows any XML
// whitespace; Go's decoder skips only line breaks). goxmldsig decodes the
// DigestValue only after it has verified the SignatureValue over the
// canonical SignedInfo with the trusted certificate, and that SignedInfo is
// sig's: sig is the first Signature in el and names el, which is the one
// goxmldsig picks. TestSpacedDigestValueNeedsAValidSignature holds the
// library to that order. What is left is the Reference's digest, computed
// here with goxmldsig's own canonicalisers: el without sig (the enveloped
// transform), canonicalised as the Reference's transform says, hashed and
// compared with the DigestValue read without its whitespace. Anything
// unusual returns libErr, goxmldsig's own verdict.
func digestWithSpaces(el, sig *etree.Element, libErr error) (*etree.Element, error) {
	if FirstSignature(el) != sig {
		return nil, libErr
	}
	refs := Children(Child(sig, NSDSig, "SignedInfo"), NSDSig, "Reference")
	if len(refs) != 1 {
		return nil, libErr
	}
	ref := refs[0]
	values, methods, lists := Children(ref, NSDSig, "DigestValue"), Children(ref, NSDSig, "DigestMethod"), Children(ref, NSDSig, "Transforms")
	if len(values) != 1 || len(methods) != 1 || len(lists) > 1 {
		return nil, libErr
	}
	want, err := base64.StdEncoding.DecodeString(stripXMLSpace(Text(values[0])))
	if err != nil {
		return nil, fmt.Errorf("the DigestValue is not base64: %w", err)
	}
	hash, ok := digestHashes[Attr(methods[0], "Algorithm")]
	if !ok || !hash.Available() {
		return nil, libErr
	}
	body := el.Copy()
	canon, enveloped := dsig.MakeNullCanonicalizer(), false
	for _, t := range Children(Child(ref, NSDSig, "Transforms"), NSDSig, "Transform") {
		prefixList := Attr(Child(t, excC14nNS, "InclusiveNamespaces"), "PrefixList")
		switch alg := dsig.AlgorithmID(Attr(t, "Algorithm")); alg {
		case dsig.EnvelopedSignatureAltorithmId:
			if enveloped {
				return nil, libErr
			}
			enveloped = true
			body.RemoveChildAt(sig.Index())
		case dsig.CanonicalXML10ExclusiveAlgorithmId:
			canon = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList(prefixList)
		case dsig.CanonicalXML10ExclusiveWithCommentsAlgorithmId:
			canon = dsig.MakeC14N10ExclusiveWithCommentsCanonicalizerWithPrefixList(prefixList)
		case dsig.CanonicalXML11AlgorithmId:
			canon = dsig.MakeC14N11Canonicalizer()
		case dsig.CanonicalXML11WithCommentsAlgorithmId:
			canon = dsig.MakeC14N11WithCommentsCanonicalizer()
		case dsig.CanonicalXML10RecAlgorithmId:
			canon = dsig.MakeC14N10RecCanonicalizer()
		case dsig.CanonicalXML10WithCommentsAlgorithmId:
			canon = dsig.MakeC14N10WithCommentsCanonicalizer()
		default:
			return nil, libErr
		}
	}
	digested, err := canon.Canonicalize(body)
	if err != nil {
		return nil, err
	}
	h := hash.New()
	h.Write(digested)
	if !bytes.Equal(h.Sum(nil), want) {
		// goxmldsig's own wording for a digest that does not match.
		return nil, errors.New(errDigestMismatch)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(digested); err != nil {
		return nil, err
	}
	return doc.Root(), nil
}
