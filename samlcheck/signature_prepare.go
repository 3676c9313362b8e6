package samlcheck

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// signedElement is an element readied for goxmldsig to digest exactly what
// its signer digested: el is what goxmldsig is given (the element itself,
// or a copy of it), sig el's own Signature. restore puts the document back
// as it was; call it once every verification of el is done.
type signedElement struct {
	el, sig *etree.Element
	undo    []func()
}

// restore undoes every change prepareSigned made to the document, last
// first.
func (s *signedElement) restore() {
	for i := len(s.undo) - 1; i >= 0; i-- {
		s.undo[i]()
	}
	s.undo = nil
}

// prepareSigned readies el, the element a same-document Reference names
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
func prepareSigned(el, sig *etree.Element, dropKeyInfo bool) (*signedElement, error) {
	if sig.Parent() != el {
		return nil, fmt.Errorf("the Signature is not a child of <%s>", el.FullTag())
	}
	ctx, err := etreeutils.NSBuildParentContext(el)
	if err != nil {
		return nil, fmt.Errorf("cannot resolve the namespaces around <%s>: %s", el.FullTag(), words.OneLine(err.Error()))
	}
	s := &signedElement{el: el, sig: sig}
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
			if ns != etreeutils.XMLNamespace && !hasAttrOf(s.el, "xmlns") {
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
		for _, ki := range childrenNamed(s.sig, dsigNS, "KeyInfo") {
			at, from := ki.Index(), s.sig
			from.RemoveChildAt(at)
			if inPlace {
				s.undo = append(s.undo, func() { from.InsertChildAt(at, ki) })
			}
		}
	}
	if sv := childNamed(s.sig, dsigNS, "SignatureValue"); sv != nil {
		if clean := stripXMLSpace(wholeText(sv)); len(sv.Child) != 1 || sv.Text() != clean {
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
