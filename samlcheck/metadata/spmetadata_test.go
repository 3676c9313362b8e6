package metadata

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// spDoc is a service provider's metadata with the given ACS elements.
func spDoc(entityID, acs string) []byte {
	return []byte(`<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + entityID + `">
  <md:SPSSODescriptor AuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    ` + acs + `
  </md:SPSSODescriptor>
</md:EntityDescriptor>`)
}

const (
	acsPOST     = `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://crm.acme.example/saml/acs" index="1"/>`
	acsArtifact = `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="https://crm.acme.example/saml/art" index="0"/>`
	acsDefault  = `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://eu.crm.acme.example/saml/acs" index="2" isDefault="true"/>`
)

func TestReadSPMetadata(t *testing.T) {
	md, err := ReadSPMetadata(spDoc("https://crm.acme.example/saml", acsPOST+acsArtifact+acsDefault))
	if err != nil {
		t.Fatal(err)
	}
	if md.EntityID != "https://crm.acme.example/saml" || !md.AuthnRequestsSigned || md.OtherBindings != 1 ||
		!slices.Equal(md.ACSURLs, []string{"https://eu.crm.acme.example/saml/acs", "https://crm.acme.example/saml/acs"}) {
		t.Errorf("read %+v", md)
	}
	group := []byte(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">` +
		strings.TrimPrefix(string(spDoc("https://crm.acme.example/saml", acsPOST)), `<?xml version="1.0"?>`) + `</md:EntitiesDescriptor>`)
	if md, err := ReadSPMetadata(group); err != nil || md.EntityID != "https://crm.acme.example/saml" {
		t.Errorf("one SP in a group: %+v, %v", md, err)
	}
}

// What is not a service provider's metadata is refused with the reason,
// and the parser's guards apply (a DOCTYPE never reaches the reader).
func TestReadSPMetadataRefusals(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	for name, c := range map[string]struct {
		doc  []byte
		want string
	}{
		"JumpCloud's own": {samltest.Metadata(kp, samltest.MetadataOptions{EntityID: "jumpcloud-acme"}), "describes an identity provider"},
		"artifact only":   {spDoc("https://crm.acme.example/saml", acsArtifact), "no AssertionConsumerService with the HTTP-POST binding"},
		"no entityID":     {spDoc("", acsPOST), "has no entityID"},
		"a web page":      {[]byte("<!doctype html><html><body>Sign in</body></html>"), "not a service provider's"},
		"another root":    {[]byte(`<foo/>`), "expected the root md:EntityDescriptor, got <foo>"},
		"doctype":         {[]byte(`<!DOCTYPE x [<!ENTITY a "b">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`), "DOCTYPE"},
		"not xml at all":  {[]byte("hello"), ""},
	} {
		_, err := ReadSPMetadata(c.doc)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
		if c.want == "DOCTYPE" && !errors.Is(err, xmlsafe.ErrUnsafeXML) {
			t.Errorf("%s: %v is not xmlsafe.ErrUnsafeXML", name, err)
		}
	}
}
