package metadata

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	dsig "github.com/russellhaering/goxmldsig"
)

// checkSignature reports metadata.signature. A ds:Signature that is a child
// of the root (or of the checked EntityDescriptor inside an aggregate) is
// verified with goxmldsig at the checker's clock.
//
// Which certificate: the one in the signature's own KeyInfo when there is
// one, and the message says whether it is also one of the IdP's signing
// certificates in the metadata (a certificate the file carries about itself
// shows the file is intact, not who signed it). Without a KeyInfo, each of
// the metadata's signing certificates is tried.
func (c *mdChecker) checkSignature(root, entity *etree.Element, mc mdCerts) {
	target := root
	sig := xmlsafe.Child(root, xmlsafe.NSDSig, "Signature")
	if sig == nil && entity != root {
		target, sig = entity, xmlsafe.Child(entity, xmlsafe.NSDSig, "Signature")
	}
	if sig == nil {
		if inner := xmlsafe.FirstSignature(root); inner != nil {
			c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityInfo, fmt.Sprintf("the metadata is not signed as a whole; a Signature inside <%s> is not checked, since it does not protect the entity ID or the certificates around it", inner.Parent().FullTag()))
			return
		}
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityInfo, "the metadata is not signed, so there is no signature to verify (JumpCloud does not sign its metadata)")
		return
	}
	// The namespaces in scope, without comments (see xmlsafe.Prepare):
	// what the signer digested.
	prep, perr := xmlsafe.Prepare(target, sig, false)
	if perr != nil {
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityFail, "the signed element cannot be prepared for verification: "+perr.Error())
		return
	}
	defer prep.Restore()

	var candidates []*x509.Certificate
	keyInfo := mdKeyInfoCertText(sig)
	var kiCert *x509.Certificate
	inMetadata := false
	if keyInfo != "" {
		cert, err := samlcheck.ParseBase64Cert(keyInfo)
		if err != nil {
			c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityFail, "the certificate in the signature's KeyInfo cannot be read: "+words.OneLine(err.Error()))
			return
		}
		kiCert = cert
		candidates = []*x509.Certificate{cert}
		inMetadata = mdHasKeyDescriptorCert(entity, cert)
	} else {
		for _, p := range mc.parsed {
			candidates = append(candidates, p.Cert)
		}
	}
	if len(candidates) == 0 {
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityFail, "the metadata is signed, but there is no certificate to verify it with: no KeyInfo certificate and no signing certificate in the metadata")
		return
	}
	err := prep.VerifyAny(c.ctx, candidates, c.now)
	if errors.Is(err, xmlsafe.ErrTooManyCandidates) {
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityFail, fmt.Sprintf("the metadata is signed but the signature is not verified: its Signature names no certificate (no KeyInfo) and the metadata lists %d signing certificates; jcsso tries at most %d (an IdP lists one, or two during a rotation)", len(candidates), xmlsafe.MaxSignatureCandidates))
		return
	}
	if err != nil {
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityFail, "the metadata is signed but the signature does not verify: "+mdSignatureReason(err, candidates, c))
		return
	}
	switch {
	case kiCert == nil:
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityPass, "the signature verifies with the IdP's signing certificate in the metadata")
	case inMetadata:
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityPass, fmt.Sprintf("the signature verifies with the certificate in its KeyInfo, which is also a KeyDescriptor certificate of the metadata (%s, SHA-256 %s)", samlcheck.CertName(kiCert), samlcheck.FingerprintSHA256(kiCert)))
	default:
		c.add(samlcheck.IDMetadataSignature, samlcheck.SeverityPass, fmt.Sprintf("the signature verifies with the certificate in its KeyInfo (%s, SHA-256 %s), which is not one of the metadata's KeyDescriptor certificates: the file is intact, but that does not show who signed it", samlcheck.CertName(kiCert), samlcheck.FingerprintSHA256(kiCert)))
	}
}

// mdHasKeyDescriptorCert reports whether cert appears in any KeyDescriptor
// of the entity's role descriptors (IdP or SP).
func mdHasKeyDescriptorCert(entity *etree.Element, cert *x509.Certificate) bool {
	for _, role := range entity.ChildElements() {
		for _, kd := range xmlsafe.Children(role, xmlsafe.NSMetadata, "KeyDescriptor") {
			for _, ki := range xmlsafe.Children(kd, xmlsafe.NSDSig, "KeyInfo") {
				for _, xd := range xmlsafe.Children(ki, xmlsafe.NSDSig, "X509Data") {
					for _, xc := range xmlsafe.Children(xd, xmlsafe.NSDSig, "X509Certificate") {
						if der, err := samlcheck.CertDER(xc.Text()); err == nil && bytes.Equal(der, cert.Raw) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// mdKeyInfoCertText returns the first X509Certificate text of a Signature's KeyInfo.
func mdKeyInfoCertText(sig *etree.Element) string {
	ki := xmlsafe.Child(sig, xmlsafe.NSDSig, "KeyInfo")
	if ki == nil {
		return ""
	}
	for _, xd := range xmlsafe.Children(ki, xmlsafe.NSDSig, "X509Data") {
		if xc := xmlsafe.Child(xd, xmlsafe.NSDSig, "X509Certificate"); xc != nil {
			return xc.Text()
		}
	}
	return ""
}

// mdSignatureReason turns goxmldsig's error into a lower-case reason.
func mdSignatureReason(err error, certs []*x509.Certificate, c *mdChecker) string {
	msg := err.Error()
	switch {
	case errors.Is(err, dsig.ErrMissingSignature):
		return "its Reference does not point at the signed element (expected URI=\"\" or the element's ID)"
	case strings.Contains(msg, "Cert is not valid at this time"):
		cert := certs[0]
		return fmt.Sprintf("the signing certificate is not valid at %s (valid %s to %s)", words.Stamp(c.now), words.Day(cert.NotBefore), words.Day(cert.NotAfter))
	case strings.Contains(msg, "Signature could not be verified"):
		return "the digest does not match, so the document was changed after it was signed"
	case errors.Is(err, rsa.ErrVerification), strings.Contains(msg, "verification error"):
		return "the signature value does not match: it was made with another key, or its SignedInfo was changed"
	case strings.Contains(msg, "Could not verify certificate against trusted certs"):
		return "the certificate in its KeyInfo is not one that can be trusted"
	case errors.Is(err, xmlsafe.ErrSignaturePanic):
		return err.Error()
	}
	if msg == "" {
		return "unknown error"
	}
	return strings.ToLower(msg[:1]) + words.OneLine(msg[1:])
}
