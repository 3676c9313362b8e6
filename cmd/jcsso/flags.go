package main

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/jcsso/jcsso/internal/ssoconfig"

	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/spf13/pflag"
)

// The flags several commands share, each with one wording and one parser,
// so --now and --timeout mean and refuse the same thing everywhere.

// addNowFlag adds --now; what is what it judges ("every date").
func addNowFlag(fl *pflag.FlagSet, p *string, what string) {
	fl.StringVar(p, "now", "", "judge "+what+" as of this RFC 3339 time, such as 2026-03-04T10:00:00Z (default: the current time)")
}

// parseNow reads --now: the zero time when it was not given (the engine
// then uses the current time), else an RFC 3339 time.
func parseNow(raw string) (time.Time, error) {
	if raw == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, usageError("--now %q is not an RFC3339 time such as 2026-03-04T10:00:00Z", raw)
	}
	return t, nil
}

// addTimeoutFlag adds --timeout; what is what it fetches ("a URL").
func addTimeoutFlag(fl *pflag.FlagSet, p *time.Duration, what string) {
	fl.DurationVar(p, "timeout", source.DefaultTimeout, "give up fetching "+what+" after this long")
}

// checkTimeout refuses a --timeout that would never let a fetch start.
func checkTimeout(d time.Duration) error {
	if d <= 0 {
		return usageError("--timeout must be positive, got %s", d)
	}
	return nil
}

// addJSONFlag adds --json; fields lists the object's main keys.
func addJSONFlag(fl *pflag.FlagSet, p *bool, fields string) {
	fl.BoolVar(p, "json", false, "print one JSON object ("+fields+") instead of the report")
}

// addWarnDaysFlag adds --warn-days: how close to its NotAfter a signing
// certificate earns cert.expiring (default 60, JumpCloud's first reminder).
func addWarnDaysFlag(fl *pflag.FlagSet, p *int) {
	fl.IntVar(p, "warn-days", metadata.DefaultWarnDays, "warn when a certificate expires within this many days")
}

// checkWarnDays refuses a negative --warn-days.
func checkWarnDays(n int) error {
	if n < 0 {
		return usageError("--warn-days must be 0 or more, got %d", n)
	}
	return nil
}

// checkOutputFile refuses, before any work, a file flag (--report,
// --metrics) that could not be written: found only after the whole run,
// the mistake would cost it (a night's doctor, a walk through every
// check). example is the file name to suggest when path is a folder.
func checkOutputFile(flag, path, example string) error {
	err := ssoconfig.CheckWritable(path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ssoconfig.ErrIsFolder):
		return usageError("%s %s is a folder; give a file name such as %s", flag, path, filepath.Join(path, example))
	}
	var nr *ssoconfig.NotRegularError
	if errors.As(err, &nr) {
		return usageError("%s %s is %s, not a regular file: give a file path", flag, path, nr.Kind)
	}
	return usageError("%s %s: %w", flag, path, err)
}
