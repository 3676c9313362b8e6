package testidp

import (
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"github.com/jcsso/jcsso/samlcheck/rules"
	"strings"
)

// SAML binding URIs used in generated metadata and accepted by the server:
// the module's one definition, in samlcheck/rules (a leaf that imports
// nothing of the module, so the engine's tests can use testidp).
const (
	BindingPOST     = rules.BindingPOST
	BindingRedirect = rules.BindingRedirect
)

// Defaults of generated metadata: the fixture organisation "acmecorp".
const (
	DefaultSSOURL = "https://sso.jumpcloud.com/saml2/acmecorp"
)

// MetadataOptions shapes a JumpCloud-like IdP metadata document. The zero
// value (plus a certificate) is what a correctly saved JumpCloud app with
// Declare Redirect Endpoint ticked exports.
type MetadataOptions struct {
	// EntityID defaults to DefaultIdPEntityID.
	EntityID string
	// SSOURL defaults to DefaultSSOURL.
	SSOURL string
	// PostOnly leaves out the HTTP-Redirect endpoint (Declare Redirect
	// Endpoint not ticked).
	PostOnly bool
	// NoSSO leaves out every SingleSignOnService.
	NoSSO bool
	// NameIDFormats defaults to the unspecified format JumpCloud exports.
	NameIDFormats []string
	// WantAuthnRequestsSigned sets the attribute to "true".
	WantAuthnRequestsSigned bool
	// CertBase64 overrides the X509Certificate text (for broken certificates).
	CertBase64 *string
	// KeyUse is the KeyDescriptor's use attribute; default "signing".
	KeyUse string
	// ValidUntil, when set, is written as the validUntil attribute.
	ValidUntil string
	// NoEntityID leaves the entityID attribute out.
	NoEntityID bool
	// NoKeyDescriptor leaves out the KeyDescriptor (no certificate at all).
	NoKeyDescriptor bool
	// ExtraSSO adds SingleSignOnService elements after the usual ones.
	ExtraSSO []SSOService
	// ExtraCerts are signing certificates listed after kp's, each in a
	// KeyDescriptor of its own: a rollover begun, a new certificate
	// published beside the old one.
	ExtraCerts []*x509.Certificate
}

// SSOService is one extra SingleSignOnService of generated metadata.
type SSOService struct {
	Binding, Location string
}

// Metadata returns a JumpCloud-shaped IdP metadata document for kp: the
// elements, their order, namespace prefixes and attributes of a real
// export; not signed, no validUntil, no SingleLogoutService.
func Metadata(kp KeyPair, o MetadataOptions) []byte {
	if o.EntityID == "" {
		o.EntityID = DefaultIdPEntityID
	}
	if o.SSOURL == "" {
		o.SSOURL = DefaultSSOURL
	}
	if o.NameIDFormats == nil {
		o.NameIDFormats = []string{NameIDUnspecified}
	}
	if o.KeyUse == "" {
		o.KeyUse = "signing"
	}
	cert := kp.CertBase64()
	if o.CertBase64 != nil {
		cert = *o.CertBase64
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"`)
	if !o.NoEntityID {
		fmt.Fprintf(&b, ` entityID="%s"`, xmlEscape(o.EntityID))
	}
	if o.ValidUntil != "" {
		fmt.Fprintf(&b, ` validUntil="%s"`, xmlEscape(o.ValidUntil))
	}
	b.WriteString(">\n")
	fmt.Fprintf(&b, `  <md:IDPSSODescriptor WantAuthnRequestsSigned="%t" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`+"\n", o.WantAuthnRequestsSigned)
	use := ""
	if o.KeyUse != "-" {
		use = fmt.Sprintf(` use="%s"`, xmlEscape(o.KeyUse))
	}
	if !o.NoKeyDescriptor {
		const kd = `    <md:KeyDescriptor%s><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` + "\n"
		fmt.Fprintf(&b, kd, use, cert)
		for _, c := range o.ExtraCerts {
			fmt.Fprintf(&b, kd, use, base64.StdEncoding.EncodeToString(c.Raw))
		}
	}
	for _, f := range o.NameIDFormats {
		fmt.Fprintf(&b, "    <md:NameIDFormat>%s</md:NameIDFormat>\n", xmlEscape(f))
	}
	if !o.NoSSO {
		fmt.Fprintf(&b, `    <md:SingleSignOnService Binding="%s" Location="%s"/>`+"\n", BindingPOST, xmlEscape(o.SSOURL))
		if !o.PostOnly {
			fmt.Fprintf(&b, `    <md:SingleSignOnService Binding="%s" Location="%s"/>`+"\n", BindingRedirect, xmlEscape(o.SSOURL))
		}
	}
	for _, s := range o.ExtraSSO {
		fmt.Fprintf(&b, `    <md:SingleSignOnService Binding="%s" Location="%s"/>`+"\n", xmlEscape(s.Binding), xmlEscape(s.Location))
	}
	b.WriteString("  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n")
	return []byte(b.String())
}

// SPMetadata is a service provider's own metadata (an SPSSODescriptor
// only): what an admin hands over by mistake instead of JumpCloud's.
func SPMetadata(entityID, acsURL string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + xmlEscape(entityID) + `">
  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:AssertionConsumerService Binding="` + BindingPOST + `" Location="` + xmlEscape(acsURL) + `" index="0"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`)
}

// Entities wraps metadata documents (their XML declarations dropped) in an
// md:EntitiesDescriptor, as federation aggregates do.
func Entities(docs ...[]byte) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" Name="aggregate">` + "\n")
	for _, d := range docs {
		s := string(d)
		if strings.HasPrefix(s, "<?xml") {
			if i := strings.Index(s, "?>"); i >= 0 {
				s = s[i+2:]
			}
		}
		b.WriteString(strings.TrimSpace(s) + "\n")
	}
	b.WriteString("</md:EntitiesDescriptor>\n")
	return []byte(b.String())
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
