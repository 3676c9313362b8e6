package ssoconfig

import (
	"errors"
	"time"

	"github.com/jcsso/jcsso/profile"
	"github.com/jcsso/jcsso/samlcheck"
)

// File names inside the output folder.
const (
	ConfigYAML   = "sso-config.yaml"
	ConfigJSON   = "sso-config.json"
	MetadataFile = "idp-metadata.xml"
	SigningPEM   = "idp-signing.pem"
	NextStepsMD  = "NEXT-STEPS.md"
)

// ErrFolderExists is returned by WriteBundle when the folder exists and
// WriteOptions.Force is false; the caller asks the admin, then retries with
// Force.
var ErrFolderExists = errors.New("output folder already exists")

// Bundle is everything written to the output folder.
type Bundle struct {
	Config *Config
	// Metadata is the exact bytes that were validated.
	Metadata []byte
	// SigningPEM holds the signing certificate(s).
	SigningPEM []byte
	// NextSteps is NEXT-STEPS.md, written for the profile.
	NextSteps []byte
}

// WriteOptions control WriteBundle.
type WriteOptions struct {
	// Format is "yaml" (default) or "json".
	Format string
	// Force replaces an existing folder's files, keeping each as FILE.bak.
	Force bool
}

// Build assembles the bundle from the profile, the admin's answers, the
// validated metadata bytes and the check's report.
func Build(p *profile.Profile, a Answers, metadata []byte, rep *samlcheck.MetadataReport, now time.Time) (*Bundle, error) {
	panic("not implemented yet")
}

// WriteBundle writes the bundle to dir: folder 0700, files 0600, each file
// atomically (temp file in the same folder, fsync, rename, fsync of the
// folder). It returns the paths written.
func WriteBundle(dir string, b *Bundle, opts WriteOptions) ([]string, error) {
	panic("not implemented yet")
}

// Read reads sso-config.yaml or sso-config.json (by extension, falling
// back to content), refusing unknown versions.
func Read(path string) (*Config, error) {
	panic("not implemented yet")
}

// MetadataOptions derives the expectations `jcsso check` applies from the
// profile and the answers, as the wizard and `setup --yes` both use them.
func MetadataOptions(p *profile.Profile, a Answers, now time.Time) samlcheck.MetadataOptions {
	panic("not implemented yet")
}

// SPValues are the SP Entity ID and ACS URLs in force: the profile's fixed
// values, or the admin's answers for a profile whose SP generates them.
func SPValues(p *profile.Profile, a Answers) (entityID string, acsURLs []string) {
	panic("not implemented yet")
}
