package testidp

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/google/renameio/v2"
)

// loopbackTLS is the server's own TLS identity: a self-signed certificate
// for the loopback names, which clients trust by pointing SSL_CERT_FILE (or
// curl --cacert) at its PEM.
type loopbackTLS struct {
	cert tls.Certificate
	leaf *x509.Certificate
	pem  []byte
}

// newLoopbackTLS makes the certificate. It uses the real time, never the
// IdP's clock: clients check it against their own. ECDSA P-256, so it costs
// nothing next to the RSA signing key.
func newLoopbackTLS(now time.Time) (*loopbackTLS, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate TLS key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, fmt.Errorf("TLS certificate serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{Organization: []string{"jcsso"}, CommonName: "jcsso test IdP (loopback only)"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		// A self-signed CA certificate for the server's own names: Go and
		// OpenSSL (curl) both accept it as its own trust anchor.
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("create TLS certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse TLS certificate: %w", err)
	}
	return &loopbackTLS{
		cert: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf},
		leaf: leaf,
		pem:  pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
	}, nil
}

// writeCertFile writes the certificate's PEM (never the key) to path, or to
// a new temporary folder when path is empty; it returns the file written
// and the folder to remove on Close ("" when path was given).
func (l *loopbackTLS) writeCertFile(path string) (file, tmpDir string, err error) {
	if path == "" {
		if tmpDir, err = os.MkdirTemp("", "jcsso-idp-"); err != nil {
			return "", "", fmt.Errorf("folder for the TLS certificate: %w", err)
		}
		path = filepath.Join(tmpDir, "tls-cert.pem")
	}
	if err := renameio.WriteFile(path, l.pem, 0o644); err != nil {
		if tmpDir != "" {
			_ = os.RemoveAll(tmpDir)
		}
		return "", "", fmt.Errorf("write the TLS certificate to %s: %w", path, err)
	}
	return path, tmpDir, nil
}
