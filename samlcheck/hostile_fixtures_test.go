package samlcheck

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
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/jcsso/jcsso/internal/samltest"
)

// Hostile documents, generated here rather than in internal/samltest
// because only the limit tests need them.

// attrBombMetadata is JumpCloud-shaped metadata whose root element carries
// n extra attributes; with ns they are namespace declarations
// (xmlns:pN="urn:N"), which encoding/xml and etree both track.
func attrBombMetadata(tb testing.TB, n int, ns bool) []byte {
	tb.Helper()
	md := string(samltest.Metadata(samltest.NewKeyPair(tb, 0, samltest.CertOptions{}), samltest.MetadataOptions{}))
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

// fullElementsMetadata is JumpCloud-shaped metadata with an Extensions
// element holding elements of MaxXMLAttrs attributes each, as many as fit
// in size bytes: the costliest document under the attribute cap. With ns
// the attributes are namespace declarations, each element's prefixes its
// own, so no two start tags share a shape.
func fullElementsMetadata(tb testing.TB, size int, ns bool) []byte {
	tb.Helper()
	md := string(samltest.Metadata(samltest.NewKeyPair(tb, 0, samltest.CertOptions{}), samltest.MetadataOptions{}))
	var b strings.Builder
	b.WriteString("<md:Extensions>")
	for e := 0; b.Len() < size-len(md)-64<<10; e++ {
		b.WriteString("<md:X")
		for i := range MaxXMLAttrs {
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

// decoyCerts makes n self-signed certificates for one key: distinct
// certificates, as an attacker would list them, at a signature each rather
// than a key generation each. A nil key means a P-256 key of their own,
// whose certificates are small enough for 6,000 to fit under
// MaxInputBytes; the signer's key makes every one of them pass the
// signature over SignedInfo, so only the digest of the whole document can
// tell them apart (the costly case).
func decoyCerts(tb testing.TB, n int, key crypto.Signer) []*x509.Certificate {
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
			NotBefore:    samltest.DefaultNotBefore,
			NotAfter:     samltest.DefaultNotBefore.AddDate(5, 0, 0),
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

// certBombMetadata is metadata signed by kp whose Signature has no
// KeyInfo, listing decoys as signing certificates before kp's own, so a
// checker that tries each certificate in turn tries them all. With tamper
// the entityID is changed after signing, so no certificate verifies it.
func certBombMetadata(tb testing.TB, kp samltest.KeyPair, decoys []*x509.Certificate, tamper bool) []byte {
	tb.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(samltest.Metadata(kp, samltest.MetadataOptions{})); err != nil {
		tb.Fatal(err)
	}
	root := doc.Root()
	root.CreateAttr("ID", "_jcsso-metadata")
	idp := root.SelectElement("IDPSSODescriptor")
	for i, c := range decoys {
		kd := etree.NewElement("md:KeyDescriptor")
		kd.CreateAttr("use", "signing")
		ki := kd.CreateElement("ds:KeyInfo")
		ki.CreateAttr("xmlns:ds", dsigNS)
		ki.CreateElement("ds:X509Data").CreateElement("ds:X509Certificate").SetText(base64.StdEncoding.EncodeToString(c.Raw))
		idp.InsertChildAt(i, kd)
	}
	// samltest.SignEnveloped detaches the element first, which goxmldsig
	// refuses past 1,000 elements; the root declares every namespace it
	// uses, so it is signed as it stands.
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

// TestWriteHostileFixtures writes the hostile documents the README's
// figures were measured with, for timing the built binary by hand. It runs
// only when JCSSO_HOSTILE_FIXTURE names an output directory.
func TestWriteHostileFixtures(t *testing.T) {
	dir := os.Getenv("JCSSO_HOSTILE_FIXTURE")
	if dir == "" {
		t.Skip("set JCSSO_HOSTILE_FIXTURE=DIR to write the hostile fixtures")
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
	}
	for _, n := range []int{50_000, 100_000} {
		write(fmt.Sprintf("attrs-%d.xml", n), attrBombMetadata(t, n, false))
		write(fmt.Sprintf("xmlns-%d.xml", n), attrBombMetadata(t, n, true))
	}
	write("attrs-full-elements.xml", fullElementsMetadata(t, MaxInputBytes, false))
	write("xmlns-full-elements.xml", fullElementsMetadata(t, MaxInputBytes, true))
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	sameKey := decoyCerts(t, 999, kp.Key)
	write("certs-1000.xml", certBombMetadata(t, kp, sameKey, false))
	write("certs-1000-tampered.xml", certBombMetadata(t, kp, sameKey, true))
	otherKey := decoyCerts(t, 5999, nil)
	write("certs-6000.xml", certBombMetadata(t, kp, otherKey, false))
	write("certs-6000-tampered.xml", certBombMetadata(t, kp, otherKey, true))
}
