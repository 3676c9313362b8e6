package ssoconfig

import (
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck"
)

// DefaultOutDir is the output folder when none is given: ./jcsso-ORG with
// the organisation's short name ("" when org has none).
func DefaultOutDir(org string) string {
	if n := profile.NormalizeOrg(org); n != "" {
		return "./jcsso-" + n
	}
	return ""
}

// Folder is the output folder the answers name: OutDir, else the default.
func (a Answers) Folder() string {
	if a.OutDir != "" {
		return a.OutDir
	}
	return DefaultOutDir(a.Org)
}

// Written is what a finished setup wrote.
type Written struct {
	// Dir is the output folder, as the answers name it.
	Dir string
	// Paths are the files written, in WriteBundle's order.
	Paths []string
	// Bundle is what was written.
	Bundle *Bundle
}

// WriteSetup is the one way a setup ends: build the bundle from the
// answers and the checked metadata (Build's refusals apply), then write it
// to the answers' folder. The wizard's review step and `setup --yes` both
// end here, so they refuse and write exactly the same things. An existing
// folder with files is ErrFolderExists unless opts.Force.
func WriteSetup(p *profile.Profile, a Answers, metadata []byte, rep *samlcheck.MetadataReport, now time.Time, opts WriteOptions) (*Written, error) {
	b, err := Build(p, a, metadata, rep, now)
	if err != nil {
		return nil, err
	}
	dir := a.Folder()
	paths, err := WriteBundle(dir, b, opts)
	if err != nil {
		return nil, err
	}
	return &Written{Dir: dir, Paths: paths, Bundle: b}, nil
}
