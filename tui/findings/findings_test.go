package findings

import (
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

func fd(id string, s samlcheck.Severity) samlcheck.Finding {
	return samlcheck.Finding{ID: id, Severity: s, Message: id + " message", Fix: id + " fix"}
}

func TestMarks(t *testing.T) {
	for s, want := range map[samlcheck.Severity]string{
		samlcheck.SeverityPass: "✓", samlcheck.SeverityInfo: "i", samlcheck.SeverityWarn: "!", samlcheck.SeverityFail: "✗",
	} {
		if got := Mark(s); got != want {
			t.Errorf("Mark(%s) = %q, want %q", s, got, want)
		}
	}
}

// The count line reads as English: worst first, zero counts left out,
// plural only for more than one.
func TestCountLine(t *testing.T) {
	for _, tc := range []struct {
		fs   samlcheck.Findings
		want string
	}{
		{samlcheck.Findings{fd("a", "pass"), fd("b", "warn"), fd("c", "fail")}, "1 failed, 1 warning, 1 passed"},
		{samlcheck.Findings{fd("a", "warn"), fd("b", "warn"), fd("c", "info"), fd("d", "fail"), fd("e", "fail")}, "2 failed, 2 warnings, 1 info"},
		{nil, "no checks ran"},
	} {
		if got := CountLine(tc.fs, nil); got != tc.want {
			t.Errorf("CountLine = %q, want %q", got, tc.want)
		}
	}
	painted := CountLine(samlcheck.Findings{fd("a", "fail")}, func(s samlcheck.Severity, text string) string { return "<" + string(s) + ":" + text + ">" })
	if painted != "<fail:1 failed>" {
		t.Errorf("painted = %q", painted)
	}
}

// A screen lists failures first, each with the same mark the CLI prints
// and its fix; passes last, without one.
func TestRowsWorstFirst(t *testing.T) {
	fs := samlcheck.Findings{fd("p", "pass"), fd("i", "info"), fd("f", "fail"), fd("w", "warn")}
	rows := Rows(&tui.Context{}, fs, 60)
	var marks []string
	for _, r := range rows {
		if !strings.HasPrefix(r, " ") {
			marks = append(marks, r[:strings.IndexByte(r, ' ')])
		}
	}
	if got := strings.Join(marks, ""); got != "✗!i✓" {
		t.Errorf("marks in order %q, want ✗!i✓:\n%s", got, strings.Join(rows, "\n"))
	}
	all := strings.Join(rows, "\n")
	if !strings.Contains(all, "Fix: f fix") || !strings.Contains(all, "Fix: w fix") || strings.Contains(all, "Fix: p fix") {
		t.Errorf("fixes:\n%s", all)
	}
}
