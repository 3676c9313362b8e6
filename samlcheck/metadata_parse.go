package samlcheck

import (
	"strings"
	"time"

	"github.com/beevik/etree"
)

// Namespaces and URIs of SAML 2.0 metadata (saml-metadata-2.0-os) and XML
// signatures (xmldsig-core).
const (
	nsMetadata    = "urn:oasis:names:tc:SAML:2.0:metadata"
	nsDSig        = "http://www.w3.org/2000/09/xmldsig#"
	protocolSAML2 = "urn:oasis:names:tc:SAML:2.0:protocol"
	// BindingPOST and BindingRedirect are the browser bindings a sign-on
	// service must offer (saml-bindings-2.0-os §3.4, §3.5).
	BindingPOST     = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
	BindingRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
)

// mdIs reports whether el is the element local in namespace ns.
func mdIs(el *etree.Element, ns, local string) bool {
	return el != nil && el.Tag == local && el.NamespaceURI() == ns
}

// mdChildren returns el's children named local in namespace ns.
func mdChildren(el *etree.Element, ns, local string) []*etree.Element {
	var out []*etree.Element
	for _, c := range el.Child {
		if ce, ok := c.(*etree.Element); ok && ce.Tag == local && ce.NamespaceURI() == ns {
			out = append(out, ce)
		}
	}
	return out
}

// mdChild returns el's first child named local in namespace ns, or nil.
func mdChild(el *etree.Element, ns, local string) *etree.Element {
	for _, c := range el.Child {
		if ce, ok := c.(*etree.Element); ok && ce.Tag == local && ce.NamespaceURI() == ns {
			return ce
		}
	}
	return nil
}

// mdQName is an element's name as written, for messages.
func mdQName(el *etree.Element) string {
	if el.Space != "" {
		return el.Space + ":" + el.Tag
	}
	return el.Tag
}

// entityDescriptors collects every md:EntityDescriptor under an
// md:EntitiesDescriptor, nested groups included (saml-metadata §2.3.1).
func entityDescriptors(el *etree.Element, out []*etree.Element) []*etree.Element {
	for _, c := range el.ChildElements() {
		switch {
		case mdIs(c, nsMetadata, "EntityDescriptor"):
			out = append(out, c)
		case mdIs(c, nsMetadata, "EntitiesDescriptor"):
			out = entityDescriptors(c, out)
		}
	}
	return out
}

// idpDescriptor returns the entity's IDPSSODescriptor that supports SAML
// 2.0, and whether it has any IDPSSODescriptor at all.
func idpDescriptor(entity *etree.Element) (saml2 *etree.Element, any bool) {
	for _, d := range mdChildren(entity, nsMetadata, "IDPSSODescriptor") {
		any = true
		for _, p := range strings.Fields(d.SelectAttrValue("protocolSupportEnumeration", "")) {
			if p == protocolSAML2 {
				return d, true
			}
		}
	}
	return nil, any
}

// mdParseDateTime reads an xs:dateTime such as validUntil. A value without
// a time zone is taken as UTC, as most SAML software does.
func mdParseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// signingCertTexts returns the X509Certificate texts of the descriptor's
// signing KeyDescriptors (use="signing" or no use, saml-metadata §2.4.1.1),
// and whether any signing KeyDescriptor exists (with or without a certificate).
func signingCertTexts(desc *etree.Element) (texts []string, anySigning bool, encryptionOnly bool) {
	sawEncryption := false
	for _, kd := range mdChildren(desc, nsMetadata, "KeyDescriptor") {
		use := strings.TrimSpace(kd.SelectAttrValue("use", ""))
		if use != "" && use != "signing" {
			sawEncryption = true
			continue
		}
		anySigning = true
		for _, ki := range mdChildren(kd, nsDSig, "KeyInfo") {
			for _, xd := range mdChildren(ki, nsDSig, "X509Data") {
				for _, xc := range mdChildren(xd, nsDSig, "X509Certificate") {
					texts = append(texts, xc.Text())
				}
			}
		}
	}
	return texts, anySigning, sawEncryption && !anySigning
}
