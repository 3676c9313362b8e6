package samltest

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// validate checks el's enveloped signature with goxmldsig, as the engine does.
func validate(t *testing.T, kp KeyPair, el *etree.Element) error {
	t.Helper()
	vc := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{kp.Cert}})
	vc.Clock = dsig.NewFakeClockAt(DefaultNotBefore.Add(24 * time.Hour))
	_, err := vc.Validate(el)
	return err
}

func TestSignedMetadataVerifies(t *testing.T) {
	kp := NewKeyPair(t, 0, CertOptions{Bits: 2048})
	for _, sha1 := range []bool{false, true} {
		doc := etree.NewDocument()
		if err := doc.ReadFromBytes(SignedMetadata(t, kp, MetadataOptions{}, SignOptions{SHA1: sha1})); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, kp, doc.Root()); err != nil {
			t.Errorf("sha1=%t: signed metadata does not verify: %v", sha1, err)
		}
		doc.Root().CreateAttr("entityID", "changed")
		if err := validate(t, kp, doc.Root()); err == nil {
			t.Errorf("sha1=%t: a changed document still verifies", sha1)
		}
	}
}

func TestSignEnvelopedNestedElement(t *testing.T) {
	kp := NewKeyPair(t, 0, CertOptions{Bits: 2048})
	doc := etree.NewDocument()
	err := doc.ReadFromString(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r"><saml:Issuer>x</saml:Issuer><saml:Assertion ID="_a"><saml:Issuer>x</saml:Issuer><saml:Subject/></saml:Assertion></samlp:Response>`)
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Root().SelectElement("Assertion")
	SignEnveloped(t, kp, a, SignOptions{})
	if got := a.ChildElements()[1].Tag; got != "Signature" {
		t.Errorf("signature placed as child %q, want right after Issuer", got)
	}
	if doc.Root().SelectElement("Assertion") != a {
		t.Fatal("the signed assertion is no longer in its document")
	}
	// Verify through a re-read document, as a service provider would.
	s, _ := doc.WriteToString()
	doc2 := etree.NewDocument()
	if err := doc2.ReadFromString(s); err != nil {
		t.Fatal(err)
	}
	a2 := doc2.Root().SelectElement("Assertion")
	parent, err := etreeutils.NSBuildParentContext(a2)
	if err != nil {
		t.Fatal(err)
	}
	detached, err := etreeutils.NSDetatch(parent, a2)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(t, kp, detached); err != nil {
		t.Errorf("signed assertion does not verify: %v", err)
	}
}
