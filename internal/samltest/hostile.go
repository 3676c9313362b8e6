package samltest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
)

// Hostile documents, for the tests of the engine's limits (the parser's,
// the metadata check's, the signature verification's) and for timing the
// built binary by hand. The limits themselves are the engine's; they are
// passed in, since this package may not import the engine its tests use.

// AttrBombMetadata is JumpCloud-shaped metadata whose root element carries
// n extra attributes; with ns they are namespace declarations
// (xmlns:pN="urn:N"), which encoding/xml and etree both track.
func AttrBombMetadata(tb testing.TB, n int, ns bool) []byte {
	tb.Helper()
	md := string(Metadata(NewKeyPair(tb, 0, CertOptions{}), MetadataOptions{}))
	var b strings.Builder
	for i := range n {
		if ns {
			fmt.Fprintf(&b, ` xmlns:p%d="urn:p%d"`, i, i)
		} else {
			fmt.Fprintf(&b, ` a%d="v"`, i)
		}
	}
	const at = `<md:EntityDescriptor `
	i := strings.Index(md, at) + len(at) - 1
	return []byte(md[:i] + b.String() + md[i:])
}

// FullElementsMetadata is JumpCloud-shaped metadata with an Extensions
// element holding elements of attrs attributes each (the parser's limit),
// as many as fit in size bytes: the costliest document under the attribute
// cap. With ns the attributes are namespace declarations, each element's
// prefixes its own, so no two start tags share a shape.
func FullElementsMetadata(tb testing.TB, size, attrs int, ns bool) []byte {
	tb.Helper()
	md := string(Metadata(NewKeyPair(tb, 0, CertOptions{}), MetadataOptions{}))
	var b strings.Builder
	b.WriteString("<md:Extensions>")
	for e := 0; b.Len() < size-len(md)-64<<10; e++ {
		b.WriteString("<md:X")
		for i := range attrs {
			if ns {
				fmt.Fprintf(&b, ` xmlns:e%dp%d="u"`, e, i)
			} else {
				fmt.Fprintf(&b, ` a%d="v"`, i)
			}
		}
		b.WriteString("/>")
	}
	b.WriteString("</md:Extensions>")
	const at = "<md:IDPSSODescriptor"
	i := strings.Index(md, at)
	return []byte(md[:i] + b.String() + md[i:])
}

// DecoyCerts makes n self-signed certificates for one key: distinct
// certificates, as an attacker would list them, at a signature each rather
// than a key generation each. A nil key means a P-256 key of their own,
// whose certificates are small enough for 6,000 to fit under the engine's
// 5 MiB cap; the signer's key makes every one of them pass the signature
// over SignedInfo, so only the digest of the whole document can tell them
// apart (the costly case).
func DecoyCerts(tb testing.TB, n int, key crypto.Signer) []*x509.Certificate {
	tb.Helper()
	if key == nil {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			tb.Fatal(err)
		}
		key = k
	}
	out := make([]*x509.Certificate, n)
	for i := range out {
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(int64(i) + 50000),
			Subject:      pkix.Name{CommonName: fmt.Sprintf("decoy-%d", i)},
			NotBefore:    DefaultNotBefore,
			NotAfter:     DefaultNotBefore.AddDate(5, 0, 0),
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
		if err != nil {
			tb.Fatal(err)
		}
		if out[i], err = x509.ParseCertificate(der); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// CertBombMetadata is metadata signed by kp whose Signature has no
// KeyInfo, listing decoys as signing certificates before kp's own, so a
// checker that tries each certificate in turn tries them all. With tamper
// the entityID is changed after signing, so no certificate verifies it.
func CertBombMetadata(tb testing.TB, kp KeyPair, decoys []*x509.Certificate, tamper bool) []byte {
	tb.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(Metadata(kp, MetadataOptions{})); err != nil {
		tb.Fatal(err)
	}
	root := doc.Root()
	root.CreateAttr("ID", "_jcsso-metadata")
	idp := root.SelectElement("IDPSSODescriptor")
	for i, c := range decoys {
		kd := etree.NewElement("md:KeyDescriptor")
		kd.CreateAttr("use", "signing")
		ki := kd.CreateElement("ds:KeyInfo")
		ki.CreateAttr("xmlns:ds", "http://www.w3.org/2000/09/xmldsig#")
		ki.CreateElement("ds:X509Data").CreateElement("ds:X509Certificate").SetText(base64.StdEncoding.EncodeToString(c.Raw))
		idp.InsertChildAt(i, kd)
	}
	// SignEnveloped detaches the element first, which goxmldsig refuses
	// past 1,000 elements; the root declares every namespace it uses, so
	// it is signed as it stands.
	sc, err := dsig.NewSigningContext(kp.Key, [][]byte{kp.Cert.Raw})
	if err != nil {
		tb.Fatal(err)
	}
	sc.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	sig, err := sc.ConstructSignature(root, true)
	if err != nil {
		tb.Fatal(err)
	}
	sig.RemoveChild(sig.SelectElement("KeyInfo"))
	root.InsertChildAt(0, sig)
	if tamper {
		root.CreateAttr("entityID", "jumpcloud-changed")
	}
	out, err := doc.WriteToBytes()
	if err != nil {
		tb.Fatal(err)
	}
	return out
}
