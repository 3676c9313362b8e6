package testidp

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"time"
)

// JumpCloudKeyBits is the size of the RSA key JumpCloud generates when an
// application is activated.
const JumpCloudKeyBits = 4096

// MinServerKeyBits is the smallest signing key a Server accepts: what fast
// tests use. The generators go lower (1024 bits) for "weak key" fixtures.
const MinServerKeyBits = 2048

// MaxServerKeyBits is the largest signing key a Server makes: twice
// JumpCloud's size, beyond which generating one takes minutes (and a
// mistyped size would take all memory) for nothing a test could learn.
const MaxServerKeyBits = 8192

// KeyPair is a private key with its self-signed certificate.
type KeyPair struct {
	Key  *rsa.PrivateKey
	Cert *x509.Certificate
}

// CertBase64 is the certificate's DER in base64, as in ds:X509Certificate.
func (kp KeyPair) CertBase64() string {
	return base64.StdEncoding.EncodeToString(kp.Cert.Raw)
}

// CertPEM is the certificate as a PEM block, as a service provider's
// "upload the IdP certificate" field takes it.
func (kp KeyPair) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: kp.Cert.Raw})
}

// CertOptions shapes a generated certificate. Zero values give JumpCloud's
// shape: RSA-4096, SHA-256, valid exactly five years from DefaultNotBefore.
type CertOptions struct {
	// Bits is the key size used when a key is generated; default
	// JumpCloudKeyBits. It is ignored when a key is given.
	Bits      int
	NotBefore time.Time
	NotAfter  time.Time
	// SigAlg is the certificate's own signature algorithm; x509.SHA1WithRSA
	// gives the "weak signature" case. Default SHA256WithRSA.
	SigAlg x509.SignatureAlgorithm
	// Org is the subject's O; default "JumpCloud" (older consoles; newer
	// ones write the customer's organisation).
	Org string
}

// DefaultNotBefore is the start of validity of generated fixture
// certificates (a fixed date, so reports made from fixtures are stable).
// Treat it as a constant.
var DefaultNotBefore = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// GenerateKey makes a new RSA key of the given size. RSA-4096 takes a second
// or more; callers that need many keys should keep them (internal/samltest
// caches them per test process).
func GenerateKey(bits int) (*rsa.PrivateKey, error) {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return nil, fmt.Errorf("generate RSA-%d key: %w", bits, err)
	}
	return k, nil
}

// NewKeyPair makes a self-signed certificate for key shaped like a JumpCloud
// IdP certificate (subject OU=JumpCloudSAMLIdP, CN=JumpCloudSAMLUser). serial
// is the certificate's serial number; a nil key generates one of opts.Bits.
func NewKeyPair(key *rsa.PrivateKey, serial int64, opts CertOptions) (KeyPair, error) {
	if opts.Bits == 0 {
		opts.Bits = JumpCloudKeyBits
	}
	if opts.NotBefore.IsZero() {
		opts.NotBefore = DefaultNotBefore
	}
	if opts.NotAfter.IsZero() {
		opts.NotAfter = opts.NotBefore.AddDate(5, 0, 0)
	}
	if opts.SigAlg == x509.UnknownSignatureAlgorithm {
		opts.SigAlg = x509.SHA256WithRSA
	}
	if opts.Org == "" {
		opts.Org = "JumpCloud"
	}
	if key == nil {
		var err error
		if key, err = GenerateKey(opts.Bits); err != nil {
			return KeyPair{}, err
		}
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject: pkix.Name{
			Organization:       []string{opts.Org},
			OrganizationalUnit: []string{"JumpCloudSAMLIdP"},
			CommonName:         "JumpCloudSAMLUser",
			Country:            []string{"US"},
		},
		NotBefore:          opts.NotBefore,
		NotAfter:           opts.NotAfter,
		SignatureAlgorithm: opts.SigAlg,
		KeyUsage:           x509.KeyUsageDigitalSignature,
	}
	tmpl.Issuer = tmpl.Subject
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), crypto.Signer(key))
	if err != nil {
		return KeyPair{}, fmt.Errorf("create certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return KeyPair{}, fmt.Errorf("parse generated certificate: %w", err)
	}
	return KeyPair{Key: key, Cert: cert}, nil
}
