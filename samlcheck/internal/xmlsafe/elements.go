package xmlsafe

import (
	"strings"

	"github.com/beevik/etree"
)

// Namespaces of the elements SAML 2.0 metadata and responses are made of
// (SAML 2.0 core, sections 2 and 3; saml-metadata-2.0-os; XML Signature,
// section 4).
const (
	NSMetadata  = "urn:oasis:names:tc:SAML:2.0:metadata"
	NSProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
	NSAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"
	// NSProtocol1 is SAML 1.x's protocol, named only to be refused.
	NSProtocol1 = "urn:oasis:names:tc:SAML:1.0:protocol"
	NSDSig      = "http://www.w3.org/2000/09/xmldsig#"
)

// IsElem reports whether el is the element ns:local, resolving its prefix
// through the declarations in scope (never by the prefix's spelling).
func IsElem(el *etree.Element, ns, local string) bool {
	return el != nil && el.Tag == local && el.NamespaceURI() == ns
}

// Children returns the child elements of el named ns:local, in document order.
func Children(el *etree.Element, ns, local string) []*etree.Element {
	if el == nil {
		return nil
	}
	var out []*etree.Element
	for _, t := range el.Child { // not ChildElements: it allocates a slice per call
		if c, ok := t.(*etree.Element); ok && IsElem(c, ns, local) {
			out = append(out, c)
		}
	}
	return out
}

// Child returns the first child element of el named ns:local, or nil.
func Child(el *etree.Element, ns, local string) *etree.Element {
	if el == nil {
		return nil
	}
	for _, t := range el.Child {
		if c, ok := t.(*etree.Element); ok && IsElem(c, ns, local) {
			return c
		}
	}
	return nil
}

// Path follows a chain of first child elements in one namespace.
func Path(el *etree.Element, ns string, locals ...string) *etree.Element {
	for _, l := range locals {
		el = Child(el, ns, l)
	}
	return el
}

// Text returns all the character data directly inside el, trimmed: text
// split by a comment or a CDATA section is read whole, so
// "ross@octolabs.io<!---->.evil.com" is never cut at the comment (the
// trick that broke several SAML libraries).
func Text(el *etree.Element) string {
	if el == nil {
		return ""
	}
	var b strings.Builder
	for _, t := range el.Child {
		if cd, ok := t.(*etree.CharData); ok {
			b.WriteString(cd.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

// Attr returns the value of an unprefixed attribute, or "".
func Attr(el *etree.Element, key string) string {
	if el == nil {
		return ""
	}
	for _, a := range el.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value
		}
	}
	return ""
}

// HasAttr reports whether el has an unprefixed attribute key.
func HasAttr(el *etree.Element, key string) bool {
	if el == nil {
		return false
	}
	for _, a := range el.Attr {
		if a.Space == "" && a.Key == key {
			return true
		}
	}
	return false
}

// Walk calls fn for el and every element below it, in document order.
func Walk(el *etree.Element, fn func(*etree.Element)) {
	fn(el)
	for _, c := range el.ChildElements() {
		Walk(c, fn)
	}
}

// Describe names an element for a message as the document spells it:
// "<saml2:Assertion>", or "the document" for none.
func Describe(el *etree.Element) string {
	if el == nil {
		return "the document"
	}
	return "<" + el.FullTag() + ">"
}

// FirstSignature returns the first ds:Signature below el in document
// order, at any depth: the order goxmldsig searches in.
func FirstSignature(el *etree.Element) *etree.Element {
	for _, t := range el.Child {
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		if IsElem(c, NSDSig, "Signature") {
			return c
		}
		if s := FirstSignature(c); s != nil {
			return s
		}
	}
	return nil
}
