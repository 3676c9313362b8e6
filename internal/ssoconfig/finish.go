package ssoconfig

import (
	"context"
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck/metadata"
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

// WriteSetup is the one way a setup ends: build the bundle from the
// answers and the checked metadata (Build's refusals apply), then write it
// to the answers' folder. The wizard's review step and `setup --yes` both
// end here, so they refuse and write exactly the same things. An existing
// folder with files is ErrFolderExists unless opts.Force (WriteBundle's
// other refusals apply too); ctx stops the write before the folder is
// replaced.
func WriteSetup(ctx context.Context, p *profile.Profile, a Answers, metadata []byte, rep *metadata.Report, now time.Time, opts WriteOptions) (*Written, error) {
	b, err := Build(p, a, metadata, rep, now)
	if err != nil {
		return nil, err
	}
	// A failed write still says what it found of an earlier one (Notes).
	wr, err := WriteBundle(ctx, a.Folder(), b, opts)
	if wr.Bundle == nil { // refused before the bundle was laid out
		wr.Bundle = b
	}
	return &wr, err
}
