package main

import (
	"strings"
	"testing"
)

// --now and --timeout are parsed once: every command refuses a bad value
// with the same exit status and the same line.
func TestSharedFlagsRefuseAlike(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	for _, base := range [][]string{
		{"check", md},
		{"inspect", md, "--cert", md},
		{"setup", "--yes", "--profile", "avoma"},
		{"doctor", md},
	} {
		for _, tc := range []struct{ flag, value, say string }{
			{"--now", "yesterday", `--now "yesterday" is not an RFC3339 time such as 2026-03-04T10:00:00Z`},
			{"--timeout", "0s", "--timeout must be positive, got 0s"},
		} {
			args := append(append([]string{}, base...), tc.flag, tc.value)
			code, _, errOut := runCmd(t, "", args...)
			// setup lists every other mistake too, on the lines after.
			first, _, _ := strings.Cut(errOut, "\n")
			if code != 2 || first != tc.say {
				t.Errorf("%s: exit %d, stderr %q; want 2 and %q", strings.Join(args, " "), code, errOut, tc.say)
			}
		}
	}
}
