package xmlsafe

import (
	"context"
	"crypto/x509"
	"errors"
	"time"

	"github.com/beevik/etree"
)

// errDigestMismatch is goxmldsig's text for a digest that does not match
// the signed element (and for a Signature with no SignatureValue): the
// only verdicts that depend on the element's content rather than on the
// Signature and the certificate.
const errDigestMismatch = "Signature could not be verified"

// IsDigestMismatch reports whether err is goxmldsig's verdict on a digest
// that does not match the signed element: its content was changed after
// signing.
func IsDigestMismatch(err error) bool { return err != nil && err.Error() == errDigestMismatch }

// ErrTooManyCandidates is VerifyAny's answer, without a try, to more than
// MaxSignatureCandidates certificates.
var ErrTooManyCandidates = errors.New("too many candidate certificates")

// VerifyAny verifies the signature with each candidate in turn, at the
// clock at, until one verifies, and returns nil, or the last candidate's
// error, as verifying with each in turn would. More than
// MaxSignatureCandidates are refused with ErrTooManyCandidates before any
// is tried; it stops with ctx's error when ctx ends.
func (s *Signed) VerifyAny(ctx context.Context, candidates []*x509.Certificate, at time.Time) error {
	if len(candidates) > MaxSignatureCandidates {
		return ErrTooManyCandidates
	}
	return verifyCandidates(ctx, s.el, candidates, func(el *etree.Element, cert *x509.Certificate) error {
		_, err := s.verify(el, Child(el, NSDSig, "Signature"), cert, at)
		return err
	})
}

// verifyCandidates is VerifyAny's loop over the candidates; verify is one
// verification, of el or of a probe.
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
	sig := Child(el, NSDSig, "Signature")
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
