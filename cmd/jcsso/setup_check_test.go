package main

import (
	"strings"
	"testing"
)

// Without --yes and without a terminal, every mistake in the flags is named
// before "needs a terminal", one line each (issue 10, item 18): the admin
// fixes them all in one go instead of meeting them one run at a time.
func TestSetupValidatesFlagsBeforeNeedingATerminal(t *testing.T) {
	code, out, errOut := runCmd(t, "", "setup", "--profile", "vome", "--format", "toml", "--now", "yesterday",
		"--timeout", "0s", "--exclude-admin", "owner@acmecorp", "--acs-url", "http://vome.test/acs")
	want := []string{
		`--format must be yaml or json, got "toml"`,
		`--now "yesterday" is not an RFC3339 time`,
		`--timeout must be positive, got 0s`,
		`--acs-url: The ACS URL`,
		`--exclude-admin: Excluded admins are e-mail addresses; "owner@acmecorp" is not one.`,
		`jcsso setup needs a terminal; pass --yes`,
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != exitUsage || out != "" || len(lines) != len(want) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %d lines", code, out, errOut, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start %q", i+1, lines[i], w)
		}
	}
	// Answers the wizard would ask for are not demanded: only given flags
	// are judged, so a bare `jcsso setup` in a pipe still says one thing.
	code, _, errOut = runCmd(t, "", "setup", "--profile", "avoma")
	if code != exitUsage || strings.TrimSpace(errOut) != "jcsso setup needs a terminal; pass --yes with the answers as flags (see --help)" {
		t.Errorf("setup --profile avoma: exit %d, stderr %q", code, errOut)
	}
	// A mistyped profile is named too, with its suggestion.
	_, _, errOut = runCmd(t, "", "--profile", "avomaa", "--format", "xml")
	if !strings.Contains(errOut, "did you mean avoma?") || !strings.Contains(errOut, "--format") || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("root: stderr %q", errOut)
	}
}
