package samlcheck

import (
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck/rules"
)

// The metadata namespace and the bindings (saml-metadata-2.0-os,
// saml-bindings-2.0-os). The other namespaces, and the element helpers
// isElem, childNamed and childrenNamed, are in response_xml.go.
const (
	nsMetadata = "urn:oasis:names:tc:SAML:2.0:metadata"
	// BindingPOST and BindingRedirect are the browser bindings a sign-on
	// service must offer (saml-bindings-2.0-os §3.4, §3.5).
	BindingPOST     = rules.BindingPOST
	BindingRedirect = rules.BindingRedirect
)

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
		case isElem(c, nsMetadata, "EntityDescriptor"):
			out = append(out, c)
		case isElem(c, nsMetadata, "EntitiesDescriptor"):
			out = entityDescriptors(c, out)
		}
	}
	return out
}

// idpDescriptor returns the entity's IDPSSODescriptor that supports SAML
// 2.0, and whether it has any IDPSSODescriptor at all.
func idpDescriptor(entity *etree.Element) (saml2 *etree.Element, any bool) {
	for _, d := range childrenNamed(entity, nsMetadata, "IDPSSODescriptor") {
		any = true
		for _, p := range strings.Fields(d.SelectAttrValue("protocolSupportEnumeration", "")) {
			if p == samlpNS {
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
	for _, kd := range childrenNamed(desc, nsMetadata, "KeyDescriptor") {
		use := strings.TrimSpace(kd.SelectAttrValue("use", ""))
		if use != "" && use != "signing" {
			sawEncryption = true
			continue
		}
		anySigning = true
		for _, ki := range childrenNamed(kd, dsigNS, "KeyInfo") {
			for _, xd := range childrenNamed(ki, dsigNS, "X509Data") {
				for _, xc := range childrenNamed(xd, dsigNS, "X509Certificate") {
					texts = append(texts, xc.Text())
				}
			}
		}
	}
	return texts, anySigning, sawEncryption && !anySigning
}
