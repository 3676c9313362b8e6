// Package steps is the setup wizard's content: one file per step, the
// answers that flow between them, and Run, which starts the wizard.
package steps

import (
	"context"
	"time"

	"github.com/jcsso/jcsso/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/ssoconfig"
)

// Options start the wizard.
type Options struct {
	// Answers pre-filled from flags (or from a resumed session).
	Answers ssoconfig.Answers
	// Profile is the chosen profile; nil lets the admin pick on step 1.
	Profile *profile.Profile
	// Resume continues the saved session.
	Resume bool
	// Format is "yaml" or "json" for sso-config.
	Format string
	// Force replaces an existing output folder without asking.
	Force bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Load is used to fetch or read metadata.
	Load samlcheck.LoadOptions
}

// Run opens the full-screen wizard on the terminal and returns when the
// admin finishes or quits.
func Run(ctx context.Context, opts Options) error {
	panic("not implemented yet")
}
