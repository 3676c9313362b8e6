package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
)

// check validates every flag of setup before anything is read and before
// the terminal is asked for, so one run shows every mistake, one line each:
// the shared flags, the profile, and the answers (all of them with --yes;
// with the wizard, those given as flags, since it asks for the rest). The
// "needs a terminal" line comes last, after the mistakes it would have hidden.
// It returns the profile (nil when none was given to the wizard) and the
// clock.
func (f *setupFlags) check(cmd *cobra.Command) (*profile.Profile, time.Time, error) {
	var lines []string
	fail := func(err error) {
		if err != nil {
			lines = append(lines, err.Error())
		}
	}
	if f.format != "yaml" && f.format != "json" {
		fail(usageError("--format must be yaml or json, got %q", f.format))
	}
	now, err := parseNow(f.now)
	fail(err)
	fail(checkTimeout(f.timeout))
	if f.yes && f.resume {
		fail(usageError("--resume continues the wizard and cannot be combined with --yes"))
	}
	var p *profile.Profile
	switch {
	case f.profile != "":
		p, err = profile.Resolve(f.profile)
		fail(err)
	case f.yes:
		fail(usageError("--profile is required with --yes: one of %s, or a profile file (see jcsso profiles)", strings.Join(profile.BuiltinIDs(), ", ")))
	}
	if p != nil {
		given := func(flag string) bool { return f.yes || cmd.Flags().Changed(strings.TrimPrefix(flag, "--")) }
		lines = append(lines, answerProblems(p, f.answers(p), f, given)...)
	}
	if problem := screenProblem(cmd); !f.yes && problem != "" {
		lines = append(lines, needsScreen("jcsso setup", problem, "pass --yes with the answers as flags (see --help)"))
	}
	if len(lines) > 0 {
		return nil, now, usageError("%s", strings.Join(lines, "\n"))
	}
	if now.IsZero() {
		now = time.Now()
	}
	return p, now, nil
}
