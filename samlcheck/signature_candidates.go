package samlcheck

import (
	"context"
	"crypto/x509"
	"fmt"

	"github.com/beevik/etree"
)

// errDigestMismatch is goxmldsig's text for a digest that does not match
// the signed element (and for a Signature with no SignatureValue): the
// only verdicts that depend on the element's content rather than on the
// Signature and the certificate.
const errDigestMismatch = "Signature could not be verified"

// tooManyCandidates says why a signature that names no certificate is not
// tried against n certificates, or "" when n is within the limit.
func tooManyCandidates(n int) string {
	if n <= MaxSignatureCandidates {
		return ""
	}
	return fmt.Sprintf("its Signature names no certificate (no KeyInfo) and the metadata lists %d signing certificates; jcsso tries at most %d (an IdP lists one, or two during a rotation)", n, MaxSignatureCandidates)
}

// verifyCandidates verifies el's enveloped signature with each candidate
// in turn until one verifies, and returns nil, or the last candidate's
// error, as verifying with each in turn would; verify is that one
// verification. It stops with ctx's error when ctx ends.
//
// Verifying with goxmldsig copies the whole element, and with a key that
// signed the SignedInfo it also canonicalises and digests it all, so a
// document listing a thousand certificates of one key, changed after it
// was signed, cost a thousand digests of a megabyte. Here each candidate
// is first tried on a probe: el's start tag and its Signature, nothing
// else. goxmldsig checks the certificate's dates and the signature over
// SignedInfo before it looks at the content, so a probe that fails for
// any other reason than the digest gives the whole element's verdict for
// that candidate at the cost of copying the Signature. Only a candidate
// that gets past that is verified on the whole element, and since the
// digest does not depend on the certificate, a digest mismatch found once
// stands for every later candidate too: at most one whole verification
// per document.
func verifyCandidates(ctx context.Context, el *etree.Element, candidates []*x509.Certificate, verify func(*etree.Element, *x509.Certificate) error) error {
	probe := signatureProbe(el)
	var err, digestErr error
	for _, cert := range candidates {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if probe != nil {
			err = verify(probe, cert)
			if err != nil && err.Error() != errDigestMismatch {
				continue
			}
		}
		if digestErr != nil {
			err = digestErr
			continue
		}
		if err = verify(el, cert); err == nil {
			return nil
		}
		if err.Error() == errDigestMismatch {
			digestErr = err
		}
	}
	return err
}

// signatureProbe is el with its attributes (namespace declarations
// included) and a copy of its own ds:Signature as its only child, or nil
// when el has no Signature child.
func signatureProbe(el *etree.Element) *etree.Element {
	sig := childNamed(el, dsigNS, "Signature")
	if sig == nil {
		return nil
	}
	probe := etree.NewElement(el.Tag)
	probe.Space = el.Space
	for _, a := range el.Attr {
		probe.CreateAttr(a.FullKey(), a.Value)
	}
	probe.AddChild(sig.Copy())
	return probe
}
