package testidp

import (
	"crypto"
	"crypto/x509"
	"fmt"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// SignOptions shape an enveloped signature made by SignEnveloped. The zero
// value is what JumpCloud does: exclusive canonicalisation, RSA-SHA256 with
// a SHA-256 digest, and the signing certificate in KeyInfo.
type SignOptions struct {
	// SHA1 signs with RSA-SHA1 and a SHA-1 digest (JumpCloud's RSA-SHA1
	// choice; the weak-algorithm cases).
	SHA1 bool
	// KeyInfoCert, when set, is the certificate written into KeyInfo instead
	// of the signer's own (a "stale metadata" or "untrusted KeyInfo" case).
	KeyInfoCert *x509.Certificate
	// IDAttribute names the attribute the Reference URI points at; default "ID".
	// An element without it is referenced with URI="".
	IDAttribute string
}

// SignEnveloped adds an enveloped XML signature by kp to el, in place, with
// goxmldsig's signer. The element keeps its place in its document, so an
// Assertion inside a Response can be signed first and the Response
// afterwards. The Signature is placed where the SAML schemas want it: right
// after a child Issuer when there is one, otherwise as the first child
// (metadata). Its position does not change the digest: the enveloped
// transform removes it.
func SignEnveloped(kp KeyPair, el *etree.Element, opts SignOptions) error {
	if el == nil {
		return fmt.Errorf("sign: no element to sign")
	}
	if kp.Key == nil || kp.Cert == nil {
		return fmt.Errorf("sign <%s>: no signing key and certificate given", el.Tag)
	}
	keyInfo := kp.Cert
	if opts.KeyInfoCert != nil {
		keyInfo = opts.KeyInfoCert
	}
	ctx, err := dsig.NewSigningContext(kp.Key, [][]byte{keyInfo.Raw})
	if err != nil {
		return fmt.Errorf("signing context: %w", err)
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	if opts.IDAttribute != "" {
		ctx.IdAttribute = opts.IDAttribute
	}
	ctx.Hash = crypto.SHA256
	if opts.SHA1 {
		ctx.Hash = crypto.SHA1
	}
	// goxmldsig canonicalises in place and sees only the element's own
	// namespace declarations, so sign a detached copy that carries every
	// declaration in scope; the caller's tree is left as it was.
	parent, err := etreeutils.NSBuildParentContext(el)
	if err != nil {
		return fmt.Errorf("namespaces around <%s>: %w", el.Tag, err)
	}
	detached, err := etreeutils.NSDetatch(parent, el)
	if err != nil {
		return fmt.Errorf("detach <%s>: %w", el.Tag, err)
	}
	sig, err := ctx.ConstructSignature(detached, true)
	if err != nil {
		return fmt.Errorf("sign <%s>: %w", el.Tag, err)
	}
	at := 0
	for i, child := range el.Child {
		if ce, ok := child.(*etree.Element); ok && ce.Tag == "Issuer" {
			at = i + 1
			break
		}
	}
	el.InsertChildAt(at, sig)
	return nil
}

// SignedMetadata returns a JumpCloud-shaped metadata document (see Metadata)
// with an enveloped signature by kp on its root. JumpCloud does not sign its
// exports; this is for the checks of signed metadata.
func SignedMetadata(kp KeyPair, o MetadataOptions, so SignOptions) ([]byte, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(Metadata(kp, o)); err != nil {
		return nil, fmt.Errorf("read generated metadata: %w", err)
	}
	root := doc.Root()
	if root.SelectAttr("ID") == nil {
		root.CreateAttr("ID", "_jcsso-metadata")
	}
	if err := SignEnveloped(kp, root, so); err != nil {
		return nil, err
	}
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("write signed metadata: %w", err)
	}
	return out, nil
}
