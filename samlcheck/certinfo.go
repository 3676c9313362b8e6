package samlcheck

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // SHA-1 fingerprints are what consoles still display; never used for trust.
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"strings"
	"time"
)

// CertInfo describes a certificate the way an admin compares it with
// JumpCloud's console: names, validity and fingerprints.
type CertInfo struct {
	Subject   string    `json:"subject"`
	Issuer    string    `json:"issuer"`
	NotBefore time.Time `json:"not_before"`
	NotAfter  time.Time `json:"not_after"`
	// SHA256 and SHA1 are colon-separated upper-case hex fingerprints of
	// the DER certificate.
	SHA256 string `json:"sha256"`
	SHA1   string `json:"sha1"`
	// Key names the public key's algorithm and size, such as "RSA-4096".
	Key string `json:"key"`
	// Cert is the parsed certificate, for verification; not serialised.
	Cert *x509.Certificate `json:"-"`
}

// NewCertInfo describes a parsed certificate.
func NewCertInfo(c *x509.Certificate) CertInfo {
	return CertInfo{
		Subject:   c.Subject.String(),
		Issuer:    c.Issuer.String(),
		NotBefore: c.NotBefore.UTC(),
		NotAfter:  c.NotAfter.UTC(),
		SHA256:    FingerprintSHA256(c),
		SHA1:      FingerprintSHA1(c),
		Key:       KeyDescription(c),
		Cert:      c,
	}
}

// CertName names a certificate in a message: "CN=JumpCloudSAMLUser" when
// its subject has a common name, else the whole distinguished name
// ("O=Acme Corp,C=US"), so a subject without a CN never reads "CN=O=…".
func CertName(c *x509.Certificate) string {
	switch {
	case c.Subject.CommonName != "":
		return "CN=" + c.Subject.CommonName
	case c.Subject.String() != "":
		return c.Subject.String()
	}
	return "an empty subject"
}

// FingerprintSHA256 is the certificate's SHA-256 fingerprint as AA:BB:….
func FingerprintSHA256(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return colonHex(sum[:])
}

// FingerprintSHA1 is the certificate's SHA-1 fingerprint as AA:BB:….
func FingerprintSHA1(c *x509.Certificate) string {
	sum := sha1.Sum(c.Raw) //nolint:gosec // display only.
	return colonHex(sum[:])
}

func colonHex(b []byte) string {
	h := strings.ToUpper(hex.EncodeToString(b))
	var sb strings.Builder
	sb.Grow(len(h) + len(h)/2)
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// KeyDescription names a certificate's public key: "RSA-4096", "EC-P256",
// "Ed25519", or the algorithm's name for anything else.
func KeyDescription(c *x509.Certificate) string {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA-%d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "EC-" + strings.ReplaceAll(k.Curve.Params().Name, "-", "")
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return c.PublicKeyAlgorithm.String()
}

// ParseBase64Cert parses the text of a ds:X509Certificate element: base64
// DER, with any whitespace (metadata files wrap it at 64 or 76 columns).
func ParseBase64Cert(text string) (*x509.Certificate, error) {
	der, err := CertDER(text)
	if err != nil {
		return nil, fmt.Errorf("the certificate is not valid base64: %w", err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("the certificate cannot be parsed: %w", err)
	}
	return c, nil
}

// CertPEM encodes a certificate as a PEM block.
func CertPEM(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}

// ParseCertsPEM reads every CERTIFICATE block of a PEM file. A file that
// holds a bare base64 certificate (as copied from metadata) is accepted too.
func ParseCertsPEM(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("a CERTIFICATE block cannot be parsed: %w", err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		if c, err := ParseBase64Cert(string(data)); err == nil {
			return []*x509.Certificate{c}, nil
		}
		return nil, fmt.Errorf("no certificate found: expected a PEM block starting with -----BEGIN CERTIFICATE-----")
	}
	return certs, nil
}

// CertDER decodes the text of a ds:X509Certificate element: standard
// base64 with any ASCII whitespace inside (metadata files wrap it at 64 or
// 76 columns) and with or without padding. ParseBase64Cert parses what it
// gives.
func CertDER(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			return -1
		}
		return r
	}, s)
	clean = strings.TrimRight(clean, "=")
	return base64.RawStdEncoding.DecodeString(clean)
}
