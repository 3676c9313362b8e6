package ssoconfig

import (
	"crypto/x509"
	"fmt"
	"path/filepath"

	"github.com/jcsso/jcsso/samlcheck"
)

// MetadataPath is where the validated metadata lives: metadata_file taken
// relative to the folder of the configuration file at configPath (an
// absolute metadata_file is used as it is).
func (c *Config) MetadataPath(configPath string) string {
	mf := c.IdentityProvider.MetadataFile
	if mf == "" {
		mf = MetadataFile
	}
	if filepath.IsAbs(mf) {
		return mf
	}
	p := filepath.Join(filepath.Dir(configPath), filepath.FromSlash(mf))
	if p == "-" {
		// A file named "-" beside a configuration in the current folder,
		// never standard input, which is what every reader takes "-" for.
		return "." + string(filepath.Separator) + p
	}
	return p
}

// TrustedCerts parses the recorded signing certificates, the ones
// `jcsso inspect --config` verifies response signatures against. Each PEM
// must match its recorded sha256, so a hand-edited certificate is caught
// rather than silently trusted.
func (c *Config) TrustedCerts() ([]*x509.Certificate, error) {
	if len(c.IdentityProvider.Certificates) == 0 {
		return nil, fmt.Errorf("the configuration records no signing certificate")
	}
	var out []*x509.Certificate
	for i, rec := range c.IdentityProvider.Certificates {
		certs, err := samlcheck.ParseCertsPEM([]byte(rec.PEM))
		if err != nil {
			return nil, fmt.Errorf("identity_provider.certificates[%d]: %w", i, err)
		}
		if len(certs) != 1 {
			return nil, fmt.Errorf("identity_provider.certificates[%d]: holds %d certificates, expected one", i, len(certs))
		}
		if got := samlcheck.FingerprintSHA256(certs[0]); rec.SHA256 != "" && got != rec.SHA256 {
			return nil, fmt.Errorf("identity_provider.certificates[%d]: the PEM's SHA-256 fingerprint is %s but the file records %s; the configuration was edited, run jcsso setup again", i, got, rec.SHA256)
		}
		out = append(out, certs[0])
	}
	return out, nil
}
