package samlcheck

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// detachSigned returns a copy of el, the element a same-document Reference
// names (URI="" or "#ID"), detached from its document and ready for
// goxmldsig to digest exactly what the signer digested, together with the
// copy's own Signature (the copy of sig, a direct child of el). The
// document itself is never changed, so an element inside el can be verified
// afterwards against the bytes its own signer saw.
//
// goxmldsig verifies only what the element it is given carries, so:
//
//   - every namespace in scope at el is declared on the copy, through
//     goxmldsig's own NSDetatch. Inclusive canonicalisation (c14n 1.0, 1.1,
//     or no canonicalisation transform at all) writes every one of them on
//     the apex; exclusive canonicalisation writes those visibly used or
//     named in its PrefixList. NSDetatch leaves out the placeholder default
//     namespace goxmldsig's context reports when none is in scope: declaring
//     that placeholder on the element, as jcsso once did, put
//     xmlns="http://www.w3.org/XML/1998/namespace" into every inclusive
//     digest of an element without a default namespace.
//   - comments are removed: a same-document Reference selects the element
//     "but not comments" before any transform (XML-DSig 4.3.3.3), so a
//     #WithComments canonicalisation, or none (inclusive 1.0), digests the
//     element without them, as xmlsec1 does. The Signature's own subtree
//     keeps its comments: the enveloped transform drops it from the digest,
//     and its SignedInfo is canonicalised by its own CanonicalizationMethod.
//   - whitespace inside the own SignatureValue is removed: its base64 may
//     carry line breaks, &#13; and indentation (base64Binary allows any XML
//     whitespace), and goxmldsig's decoder refuses spaces and tabs. The
//     enveloped transform drops the Signature, so no digest covers it.
//
// Comment and CDATA tricks inside a NameID are refused elsewhere, for their
// own reason (value.split); here comments simply do not count.
func detachSigned(el, sig *etree.Element) (cp, cpSig *etree.Element, err error) {
	ctx, err := etreeutils.NSBuildParentContext(el)
	if err == nil {
		cp, err = etreeutils.NSDetatch(ctx, el)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot resolve the namespaces around <%s>: %s", el.FullTag(), oneLine(err.Error()))
	}
	if i := sig.Index(); sig.Parent() == el && i >= 0 && i < len(cp.Child) {
		cpSig, _ = cp.Child[i].(*etree.Element)
	}
	if cpSig == nil {
		return nil, nil, fmt.Errorf("the Signature is not a child of <%s>", el.FullTag())
	}
	dropComments(cp, cpSig)
	if sv := childNamed(cpSig, dsigNS, "SignatureValue"); sv != nil {
		if clean := stripXMLSpace(wholeText(sv)); len(sv.Child) != 1 || sv.Text() != clean {
			for len(sv.Child) > 0 {
				sv.RemoveChildAt(0)
			}
			sv.SetText(clean)
		}
	}
	return cp, cpSig, nil
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
