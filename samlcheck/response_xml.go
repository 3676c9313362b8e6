package samlcheck

import (
	"strings"

	"github.com/beevik/etree"
)

// Namespaces of the elements a SAML 2.0 response is made of (SAML 2.0
// core, sections 2 and 3; XML Signature, section 4).
const (
	samlpNS  = "urn:oasis:names:tc:SAML:2.0:protocol"
	samlNS   = "urn:oasis:names:tc:SAML:2.0:assertion"
	saml1pNS = "urn:oasis:names:tc:SAML:1.0:protocol"
	dsigNS   = "http://www.w3.org/2000/09/xmldsig#"
	// statusSuccess is the top-level StatusCode of a successful response.
	statusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success"
)

// isElem reports whether el is the element ns:local, resolving its prefix
// through the declarations in scope (never by the prefix's spelling).
func isElem(el *etree.Element, ns, local string) bool {
	return el != nil && el.Tag == local && el.NamespaceURI() == ns
}

// childrenNamed returns the child elements of el named ns:local, in document order.
func childrenNamed(el *etree.Element, ns, local string) []*etree.Element {
	if el == nil {
		return nil
	}
	var out []*etree.Element
	for _, t := range el.Child { // not ChildElements: it allocates a slice per call
		if c, ok := t.(*etree.Element); ok && isElem(c, ns, local) {
			out = append(out, c)
		}
	}
	return out
}

// childNamed returns the first child element of el named ns:local, or nil.
func childNamed(el *etree.Element, ns, local string) *etree.Element {
	if el == nil {
		return nil
	}
	for _, t := range el.Child {
		if c, ok := t.(*etree.Element); ok && isElem(c, ns, local) {
			return c
		}
	}
	return nil
}

// descendPath follows a chain of child elements in one namespace.
func descendPath(el *etree.Element, ns string, locals ...string) *etree.Element {
	for _, l := range locals {
		el = childNamed(el, ns, l)
	}
	return el
}

// wholeText returns all the character data directly inside el, trimmed:
// text split by a comment or a CDATA section is read whole, so
// "ross@octolabs.io<!---->.evil.com" is never cut at the comment (the
// trick that broke several SAML libraries).
func wholeText(el *etree.Element) string {
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

// attrOf returns the value of an unprefixed attribute, or "".
func attrOf(el *etree.Element, key string) string {
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

// hasAttrOf reports whether el has an unprefixed attribute key.
func hasAttrOf(el *etree.Element, key string) bool {
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

// walkElements calls fn for el and every element below it, in document order.
func walkElements(el *etree.Element, fn func(*etree.Element)) {
	fn(el)
	for _, c := range el.ChildElements() {
		walkElements(c, fn)
	}
}

// describeElem names an element for a message as the document spells it.
func describeElem(el *etree.Element) string {
	if el == nil {
		return "the document"
	}
	return "<" + el.FullTag() + ">"
}
