package metadata

import (
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// entityDescriptors collects every md:EntityDescriptor under an
// md:EntitiesDescriptor, nested groups included (saml-metadata §2.3.1).
func entityDescriptors(el *etree.Element, out []*etree.Element) []*etree.Element {
	for _, c := range el.ChildElements() {
		switch {
		case xmlsafe.IsElem(c, xmlsafe.NSMetadata, "EntityDescriptor"):
			out = append(out, c)
		case xmlsafe.IsElem(c, xmlsafe.NSMetadata, "EntitiesDescriptor"):
			out = entityDescriptors(c, out)
		}
	}
	return out
}

// idpDescriptor returns the entity's IDPSSODescriptor that supports SAML
// 2.0, and whether it has any IDPSSODescriptor at all.
func idpDescriptor(entity *etree.Element) (saml2 *etree.Element, any bool) {
	for _, d := range xmlsafe.Children(entity, xmlsafe.NSMetadata, "IDPSSODescriptor") {
		any = true
		for _, p := range strings.Fields(d.SelectAttrValue("protocolSupportEnumeration", "")) {
			if p == xmlsafe.NSProtocol {
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
	for _, kd := range xmlsafe.Children(desc, xmlsafe.NSMetadata, "KeyDescriptor") {
		use := strings.TrimSpace(kd.SelectAttrValue("use", ""))
		if use != "" && use != "signing" {
			sawEncryption = true
			continue
		}
		anySigning = true
		for _, ki := range xmlsafe.Children(kd, xmlsafe.NSDSig, "KeyInfo") {
			for _, xd := range xmlsafe.Children(ki, xmlsafe.NSDSig, "X509Data") {
				for _, xc := range xmlsafe.Children(xd, xmlsafe.NSDSig, "X509Certificate") {
					texts = append(texts, xc.Text())
				}
			}
		}
	}
	return texts, anySigning, sawEncryption && !anySigning
}
