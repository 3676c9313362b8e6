package main

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/samlcheck"
)

// The closing count line reads as English: worst first, plural only for more than one.
func TestTally(t *testing.T) {
	f := func(s samlcheck.Severity) samlcheck.Finding { return samlcheck.Finding{ID: "x", Severity: s} }
	for _, tc := range []struct {
		fs   samlcheck.Findings
		want string
	}{
		{samlcheck.Findings{f("pass"), f("warn"), f("fail")}, "\n1 failed, 1 warning, 1 passed\n"},
		{samlcheck.Findings{f("warn"), f("warn"), f("info")}, "\n2 warnings, 1 info\n"},
		{nil, "no checks ran\n"},
	} {
		if got := ansi.Strip(tally(tc.fs, newReportStyles())); got != tc.want {
			t.Errorf("tally = %q, want %q", got, tc.want)
		}
	}
}
