package samlcheck

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"jumpcloud-acmecorp":          "jumpcloud-acmecorp",
		"tab\tand\nnewline stay":      "tab\tand\nnewline stay",
		"\x1b]52;c;aGVsbG8=\x07":      `\x1b]52;c;aGVsbG8=\x07`,
		"\x1b[2J\x1b]0;owned\x07":     `\x1b[2J\x1b]0;owned\x07`,
		"over\rwrite":                 `over\x0dwrite`,
		"del\x7f":                     `del\x7f`,
		"c1 \u009b31m and \u0085":     `c1 \u009b31m and \u0085`,
		"bad \xff\xfe utf-8":          `bad \xff\xfe utf-8`,
		"ünïcödé ✓ and a real \ufffd": "ünïcödé ✓ and a real \ufffd",
		"\x00nul":                     `\x00nul`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintableJSON(t *testing.T) {
	raw, err := json.Marshal(map[string]string{"v": "a\x1bb\x7fc\u009bd é"})
	if err != nil {
		t.Fatal(err)
	}
	got := PrintableJSON(raw)
	if !terminalSafe(string(got)) {
		t.Fatalf("PrintableJSON left a control character: %q", got)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["v"] != "a\x1bb\x7fc\u009bd é" {
		t.Errorf("the JSON changed meaning: %q, %v", back["v"], err)
	}
}

// terminalSafe reports whether s holds no byte a terminal acts on: none
// below 0x20 but tab and newline, no DEL, no C1 control, only UTF-8.
func terminalSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || isC1(r) {
			return false
		}
	}
	return true
}

// FuzzPrintable: whatever the input, the output is terminal-safe; input
// that already is comes back unchanged; and the visible form keeps every
// printable character in order.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mred", "\u009b", "\xff", "a\tb\nc", "\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if !terminalSafe(got) {
			t.Fatalf("Printable(%q) = %q, not terminal-safe", s, got)
		}
		if terminalSafe(s) && got != s {
			t.Fatalf("Printable changed safe text %q to %q", s, got)
		}
		if raw, err := json.Marshal(s); err == nil && !terminalSafe(string(PrintableJSON(raw))) {
			t.Fatalf("PrintableJSON(%q) is not terminal-safe", raw)
		}
		keep := func(r rune) rune {
			if r < 0x20 || r == 0x7f || isC1(r) || r == utf8.RuneError {
				return -1
			}
			return r
		}
		if want := strings.Map(keep, strings.ToValidUTF8(s, "")); !subsequence(want, got) {
			t.Fatalf("Printable(%q) = %q lost printable text", s, got)
		}
	})
}

// subsequence reports whether every rune of a appears in b, in order.
func subsequence(a, b string) bool {
	rb := []rune(b)
	j := 0
	for _, r := range a {
		for j < len(rb) && rb[j] != r {
			j++
		}
		if j == len(rb) {
			return false
		}
		j++
	}
	return true
}
