package metadata

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// TestCertNameWithoutCN: an uploaded certificate whose subject has no
// common name is named by its whole distinguished name, never "CN=O=…",
// in the certificate findings and in the signature's.
func TestCertNameWithoutCN(t *testing.T) {
	key := samltest.Key(t, 2048, 0)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{Organization: []string{"Acme Corp"}, Country: []string{"US"}},
		NotBefore:    samltest.DefaultNotBefore,
		NotAfter:     samltest.DefaultNotBefore.AddDate(3, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	kp := samltest.KeyPair{Key: key, Cert: cert}
	if got := samlcheck.CertName(cert); got != "O=Acme Corp,C=US" {
		t.Errorf("certName = %q", got)
	}
	if got := samlcheck.CertName(jumpCloudPair(t).Cert); got != "CN=JumpCloudSAMLUser" {
		t.Errorf("certName of JumpCloud's = %q", got)
	}
	r := Check(samltest.SignedMetadata(t, kp, samltest.MetadataOptions{}, samltest.SignOptions{}), goodOpts())
	for _, id := range []string{samlcheck.IDCertExpired, samlcheck.IDCertWeak, samlcheck.IDMetadataSignature} {
		fs := r.Findings.ByID(id)
		if len(fs) == 0 {
			t.Fatalf("no %s", id)
		}
		if m := fs[0].Message; !strings.Contains(m, "(O=Acme Corp,C=US, SHA-256") || strings.Contains(m, "CN=") {
			t.Errorf("%s: %q", id, m)
		}
	}
}
