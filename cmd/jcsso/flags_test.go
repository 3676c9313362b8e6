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

// A number or duration flag given something else says what it takes, in
// one line, never the Go parser's words ("strconv.ParseInt: parsing",
// "time: missing unit in duration") (review item 16).
func TestBadNumbersAndDurationsSayWhatTheFlagTakes(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"inspect", md, "--pick", "abc"}, `--pick "abc" is not a whole number, such as 1 (see jcsso inspect --help)`},
		{[]string{"doctor", md, "--parallel", "abc"}, `--parallel "abc" is not a whole number`},
		{[]string{"doctor", md, "--parallel", "99999999999999999999"}, `--parallel "99999999999999999999" is too large a number`},
		{[]string{"check", md, "--warn-days", "x"}, `--warn-days "x" is not a whole number, such as 60`},
		{[]string{"idp", "--key-bits", "abc"}, `--key-bits "abc" is not a whole number, such as 4096`},
		{[]string{"check", md, "--timeout", "5"}, `--timeout "5" is not a duration: give a number and a unit, such as 30s, 2m or 1h30m (see jcsso check --help)`},
		{[]string{"inspect", md, "--skew", "5"}, `--skew "5" is not a duration`},
		{[]string{"check", md, "--json=maybe"}, `--json "maybe" is not true or false`},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.say) || strings.Contains(errOut, "strconv") || strings.Contains(errOut, "time:") {
			t.Errorf("jcsso %s: exit %d, stderr %q; want 2 and %q", strings.Join(tc.args, " "), code, errOut, tc.say)
		}
	}
	// With --json the same words, as the one JSON error.
	code, out, _ := runCmd(t, "", "check", md, "--warn-days", "x", "--json")
	if code != exitUsage || !strings.Contains(out, `"kind":"usage"`) || !strings.Contains(out, `is not a whole number`) {
		t.Errorf("--json: exit %d, %s", code, out)
	}
}
