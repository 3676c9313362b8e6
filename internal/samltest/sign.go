package samltest

import (
	"crypto"
	"crypto/x509"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// SignOptions shape an enveloped signature made by SignEnveloped. The zero
// value is what JumpCloud does: exclusive canonicalisation, RSA-SHA256 with
// a SHA-256 digest, and the signing certificate in KeyInfo.
type SignOptions struct {
	// SHA1 signs with RSA-SHA1 and a SHA-1 digest (old IdPs, weak-algorithm cases).
	SHA1 bool
	// KeyInfoCert, when set, is the certificate written into KeyInfo instead
	// of the signer's own (a "stale metadata" or "untrusted KeyInfo" case).
	KeyInfoCert *x509.Certificate
	// IDAttribute names the attribute the Reference URI points at; default "ID".
	// An element without it is referenced with URI="".
	IDAttribute string
}

// SignEnveloped adds an enveloped XML signature by kp to el, in place, and
// returns el. The element keeps its place in its document, so an Assertion
// inside a Response can be signed first and the Response afterwards. The
// Signature is placed where the SAML schemas want it: right after a child
// Issuer when there is one, otherwise as the first child (metadata). Its
// position does not change the digest: the enveloped transform removes it.
func SignEnveloped(tb testing.TB, kp KeyPair, el *etree.Element, opts SignOptions) *etree.Element {
	tb.Helper()
	keyInfo := kp.Cert
	if opts.KeyInfoCert != nil {
		keyInfo = opts.KeyInfoCert
	}
	ctx, err := dsig.NewSigningContext(kp.Key, [][]byte{keyInfo.Raw})
	if err != nil {
		tb.Fatalf("signing context: %v", err)
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
		tb.Fatalf("namespaces around <%s>: %v", el.Tag, err)
	}
	detached, err := etreeutils.NSDetatch(parent, el)
	if err != nil {
		tb.Fatalf("detach <%s>: %v", el.Tag, err)
	}
	sig, err := ctx.ConstructSignature(detached, true)
	if err != nil {
		tb.Fatalf("sign <%s>: %v", el.Tag, err)
	}
	at := 0
	for i, child := range el.Child {
		if ce, ok := child.(*etree.Element); ok && ce.Tag == "Issuer" {
			at = i + 1
			break
		}
	}
	el.InsertChildAt(at, sig)
	return el
}

// SignedMetadata returns a JumpCloud-shaped metadata document (see Metadata)
// with an enveloped signature by kp on its root. JumpCloud does not sign its
// exports; this is for the metadata.signature checks.
func SignedMetadata(tb testing.TB, kp KeyPair, o MetadataOptions, so SignOptions) []byte {
	tb.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(Metadata(kp, o)); err != nil {
		tb.Fatalf("read generated metadata: %v", err)
	}
	root := doc.Root()
	if root.SelectAttr("ID") == nil {
		root.CreateAttr("ID", "_jcsso-metadata")
	}
	SignEnveloped(tb, kp, root, so)
	out, err := doc.WriteToBytes()
	if err != nil {
		tb.Fatalf("write signed metadata: %v", err)
	}
	return out
}
