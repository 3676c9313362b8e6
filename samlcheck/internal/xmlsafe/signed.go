package xmlsafe

import (
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// Signed is an element readied for goxmldsig to digest exactly what its
// signer digested (see Prepare), and the one way the engine verifies an
// enveloped XML signature, for metadata and responses alike: Verify with
// one certificate, VerifyAny with candidates. Every verification is
// guarded (a panic inside goxmldsig on hostile input is
// ErrSignaturePanic, never a crash) and ends early with the context.
// Restore puts the document back as it was; call it once every
// verification of the element is done. A Signed is not safe for
// concurrent use: it changes the document it was prepared on.
type Signed struct {
	// el is what goxmldsig is given (the element itself, or a copy of
	// it), sig el's own Signature.
	el, sig *etree.Element
	undo    []func()
	// byKey are the verdicts so far, one per public key (see Verify).
	byKey []keyVerdict
	// made counts the verifications goxmldsig was asked for.
	made int
}

// keyVerdict is goxmldsig's verdict with one public key.
type keyVerdict struct {
	cert *x509.Certificate
	out  *etree.Element
	err  error
}

// Restore undoes every change Prepare made to the document, last first.
func (s *Signed) Restore() {
	for i := len(s.undo) - 1; i >= 0; i-- {
		s.undo[i]()
	}
	s.undo = nil
}

// Verifications is how many verifications goxmldsig was asked for so far:
// what the shortcuts of Verify and VerifyAny save is counted here.
func (s *Signed) Verifications() int { return s.made }

// Verify verifies the enveloped signature trusting exactly cert, with the
// certificate's dates compared to at, and returns the element goxmldsig
// parsed back from the bytes it digested: values are read from there,
// never from the document. It returns ctx's error, without a try, once ctx
// is done.
//
// One RSA verification is most of the cost of a signature, and goxmldsig
// does all its other work again for every certificate it is given. Its
// verdict with a certificate valid at at depends on the certificate only
// through its public key, so a key already tried (the same certificate
// given twice, or a renewal that kept the key) gives its verdict again
// instead of a second verification. A certificate not valid at at is
// refused before any verification, and that verdict says nothing of its
// key, so it is neither kept nor reused.
func (s *Signed) Verify(ctx context.Context, cert *x509.Certificate, at time.Time) (*etree.Element, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !ValidAt(cert, at) {
		return s.verify(s.el, s.sig, cert, at)
	}
	if v := s.sameKey(cert); v != nil {
		return v.out, v.err
	}
	out, err := s.verify(s.el, s.sig, cert, at)
	s.byKey = append(s.byKey, keyVerdict{cert: cert, out: out, err: err})
	return out, err
}

// sameKey returns the verdict made with cert's public key, or nil.
func (s *Signed) sameKey(cert *x509.Certificate) *keyVerdict {
	pub, ok := cert.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return nil
	}
	for i := range s.byKey {
		if pub.Equal(s.byKey[i].cert.PublicKey) {
			return &s.byKey[i]
		}
	}
	return nil
}

// ErrSignaturePanic stands for a panic inside the signature library on
// hostile input: reported as a broken signature, never a crash.
var ErrSignaturePanic = errors.New("the signature could not be processed")

// verify is the one call into goxmldsig: el's enveloped signature sig,
// trusting exactly cert at the clock at, counted and guarded.
func (s *Signed) verify(el, sig *etree.Element, cert *x509.Certificate, at time.Time) (out *etree.Element, err error) {
	s.made++
	defer func() {
		if recover() != nil {
			out, err = nil, ErrSignaturePanic
		}
	}()
	return verifyEnveloped(el, sig, cert, at)
}

// ValidAt reports whether t is inside c's validity, as goxmldsig checks it.
func ValidAt(c *x509.Certificate, t time.Time) bool {
	return !t.Before(c.NotBefore) && !t.After(c.NotAfter)
}

// Prepare readies el, the element a same-document Reference names
// (URI="" or "#ID"), and sig, its own Signature (a direct child), for
// goxmldsig. goxmldsig copies what it is given before it does anything
// else and sees only what that copy carries, so:
//
//   - every namespace in scope at el is declared on el. Inclusive
//     canonicalisation (c14n 1.0, 1.1, or no canonicalisation transform at
//     all) writes every one of them on the apex; exclusive writes those
//     visibly used or named in its PrefixList. Declarations already in scope
//     are redundant, so no other digest changes. goxmldsig's context reports
//     a placeholder default namespace when none is in scope; declaring it,
//     as jcsso once did, put xmlns="http://www.w3.org/XML/1998/namespace"
//     into every inclusive digest of an element without a default namespace.
//   - comments are removed: a same-document Reference selects the element
//     "but not comments" before any transform (XML-DSig 4.3.3.3), so a
//     #WithComments canonicalisation, or none (inclusive 1.0), digests the
//     element without them, as xmlsec1 does. Comments inside sig are kept:
//     the enveloped transform drops sig from the digest, and SignedInfo is
//     canonicalised by its own CanonicalizationMethod. As the value checks
//     read the comments afterwards (value.split), a copy is made for this,
//     and only then: genuine responses carry none.
//   - with dropKeyInfo, sig's KeyInfo is taken out, so that only a trusted
//     certificate can verify it (goxmldsig would otherwise insist on the
//     certificate the KeyInfo names).
//   - whitespace inside sig's SignatureValue is removed: its base64 may
//     carry line breaks, &#13; and indentation (base64Binary allows any XML
//     whitespace), and goxmldsig's decoder refuses spaces and tabs.
//
// The last two change sig only, which the enveloped transform drops from
// el's digest; an enclosing Response's digest does cover them, which is why
// everything is restored before another element is verified. Comment and
// CDATA tricks inside a NameID are refused for their own reason
// (value.split), not here.
func Prepare(el, sig *etree.Element, dropKeyInfo bool) (*Signed, error) {
	if sig.Parent() != el {
		return nil, fmt.Errorf("the Signature is not a child of <%s>", el.FullTag())
	}
	ctx, err := etreeutils.NSBuildParentContext(el)
	if err != nil {
		return nil, fmt.Errorf("cannot resolve the namespaces around <%s>: %s", el.FullTag(), words.OneLine(err.Error()))
	}
	s := &Signed{el: el, sig: sig}
	inPlace := !hasComment(el, sig)
	if !inPlace {
		s.el = el.Copy()
		s.sig = s.el.Child[sig.Index()].(*etree.Element)
		dropComments(s.el, s.sig)
	}
	n := len(s.el.Attr)
	for prefix, ns := range ctx.Prefixes() {
		switch {
		case prefix == "xml" || prefix == "xmlns" || ns == "":
		case prefix == "":
			if ns != etreeutils.XMLNamespace && !HasAttr(s.el, "xmlns") {
				s.el.CreateAttr("xmlns", ns)
			}
		case s.el.SelectAttr("xmlns:"+prefix) == nil:
			s.el.CreateAttr("xmlns:"+prefix, ns)
		}
	}
	if inPlace && len(s.el.Attr) > n {
		s.undo = append(s.undo, func() { el.Attr = el.Attr[:n] })
	}
	if dropKeyInfo {
		for _, ki := range Children(s.sig, NSDSig, "KeyInfo") {
			at, from := ki.Index(), s.sig
			from.RemoveChildAt(at)
			if inPlace {
				s.undo = append(s.undo, func() { from.InsertChildAt(at, ki) })
			}
		}
	}
	if sv := Child(s.sig, NSDSig, "SignatureValue"); sv != nil {
		if clean := stripXMLSpace(Text(sv)); len(sv.Child) != 1 || sv.Text() != clean {
			old := sv.Child
			sv.Child = nil
			sv.CreateText(clean)
			if inPlace {
				s.undo = append(s.undo, func() { sv.Child = old })
			}
		}
	}
	return s, nil
}

// xmlSpace is the whitespace of XML (the S production): base64 in a
// signature may hold any of it.
const xmlSpace = " \t\r\n"

// stripXMLSpace removes every XML whitespace character from s.
func stripXMLSpace(s string) string {
	if !strings.ContainsAny(s, xmlSpace) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// hasComment reports whether a comment sits anywhere below el, outside skip.
func hasComment(el, skip *etree.Element) bool {
	for _, t := range el.Child {
		switch c := t.(type) {
		case *etree.Comment:
			return true
		case *etree.Element:
			if c != skip && hasComment(c, skip) {
				return true
			}
		}
	}
	return false
}

// dropComments removes every comment below el, except inside keep.
func dropComments(el, keep *etree.Element) {
	n, dropped := 0, false
	for _, t := range el.Child {
		switch c := t.(type) {
		case *etree.Comment:
			dropped = true
			continue
		case *etree.Element:
			if c != keep {
				dropComments(c, keep)
			}
		}
		el.Child[n] = t
		n++
	}
	if dropped {
		clear(el.Child[n:])
		el.Child = el.Child[:n]
		el.ReindexChildren()
	}
}
