// Package samltest makes the fixtures jcsso's tests need: keys, self-signed
// certificates shaped like JumpCloud's, metadata documents and signed SAML
// responses. Everything is generated at test time; nothing is copied from
// another project.
package samltest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"sync"
	"testing"
	"time"
)

// KeyPair is a private key with its self-signed certificate.
type KeyPair struct {
	Key  *rsa.PrivateKey
	Cert *x509.Certificate
}

// CertBase64 is the certificate's DER in base64, as in ds:X509Certificate.
func (kp KeyPair) CertBase64() string {
	return base64.StdEncoding.EncodeToString(kp.Cert.Raw)
}

// CertOptions shapes a generated certificate. Zero values give JumpCloud's
// shape: RSA-4096, SHA-256, valid five years from 2025-01-01.
type CertOptions struct {
	Bits      int
	NotBefore time.Time
	NotAfter  time.Time
	// SigAlg is the certificate's own signature algorithm; x509.SHA1WithRSA
	// gives the "weak signature" case. Default SHA256WithRSA.
	SigAlg x509.SignatureAlgorithm
	// Org is the subject's O; default "JumpCloud".
	Org string
}

// DefaultNotBefore is the start of validity of generated certificates.
var DefaultNotBefore = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	keyMu    sync.Mutex
	keyCache = map[int][]*rsa.PrivateKey{}
)

// Key returns the n-th cached RSA key of the given size, generating it on
// first use. RSA-4096 generation takes about a second, so tests share keys;
// different n give different keys (for "rotated certificate" cases).
func Key(tb testing.TB, bits, n int) *rsa.PrivateKey {
	tb.Helper()
	keyMu.Lock()
	defer keyMu.Unlock()
	for len(keyCache[bits]) <= n {
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			tb.Fatalf("generate RSA-%d key: %v", bits, err)
		}
		keyCache[bits] = append(keyCache[bits], k)
	}
	return keyCache[bits][n]
}

// NewKeyPair makes a self-signed certificate for the n-th cached key of
// opts.Bits, shaped like a JumpCloud IdP certificate.
func NewKeyPair(tb testing.TB, n int, opts CertOptions) KeyPair {
	tb.Helper()
	if opts.Bits == 0 {
		opts.Bits = 4096
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
	key := Key(tb, opts.Bits, n)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(n) + 1000),
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
		tb.Fatalf("create certificate: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatalf("parse generated certificate: %v", err)
	}
	return KeyPair{Key: key, Cert: cert}
}
