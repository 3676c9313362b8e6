package textwrap

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The rule, as a property over random texts and widths: no line is wider
// than the width unless it is one word that is (a grapheme wider than the
// line); every word narrower than the line arrives whole, on one line; and
// the lines joined give the text back, but for the spaces where a line
// was broken.
func TestWrapProperty(t *testing.T) {
	words := []string{
		"a", "is", "the", "jumpcloud-acmecorp", "admin-missing", "--cert", "wrong-login-method",
		"https://sso.jumpcloud.com/saml2/avoma", "SHA-256", "55:F3:56:E5:62:F2:8D:4A:38:5A:2B:31:44:CF:21:E0",
		"entityid.same-as-sp", "café", "日本語", "✗", "—", "x\x1b[1my\x1b[0m", "\x1b[31mred\x1b[0m",
		strings.Repeat("z", 50), strings.Repeat("ab-", 20), "/home/admin/Downloads/JumpCloud-avoma-metadata.xml",
	}
	spaces := []string{" ", " ", " ", "  ", "\t", " \x1b[0m ", "\n", "\n  "}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString("   ") // an indent
		}
		for i := range rng.IntN(30) {
			if i > 0 {
				b.WriteString(spaces[rng.IntN(len(spaces))])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		if rng.IntN(5) == 0 {
			b.WriteString("   ")
		}
		text := b.String()
		width := 2 + rng.IntN(60)
		got := Wrap(text, width)
		checkWrapped(t, n, text, got, width)
	}
}

func checkWrapped(t *testing.T, n int, text, got string, width int) {
	t.Helper()
	for _, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > width && !(len(strings.Fields(ansi.Strip(l))) == 1 && ansi.StringWidth(strings.TrimSpace(ansi.Strip(l))) == w && w <= 2) {
			t.Fatalf("case %d, width %d: a line of %d cells %q\ntext %q\ngot:\n%s", n, width, w, l, text, got)
		}
	}
	// Every word that fits a line is whole on one line.
	gotWords := map[string]bool{}
	for _, l := range strings.Split(ansi.Strip(got), "\n") {
		for _, w := range strings.Fields(l) {
			gotWords[w] = true
		}
	}
	for _, w := range strings.Fields(ansi.Strip(text)) {
		if ansi.StringWidth(w) <= width && !gotWords[w] {
			t.Fatalf("case %d, width %d: the word %q was broken\ntext %q\ngot:\n%s", n, width, w, text, got)
		}
	}
	// Nothing is lost or added but spaces, escapes included.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(got) != squash(text) {
		t.Fatalf("case %d, width %d: the text changed\ntext %q\ngot  %q", n, width, text, got)
	}
	// The text's own line breaks stay, and only spaces became breaks.
	if strings.Count(got, "\n") < strings.Count(text, "\n") {
		t.Fatalf("case %d: a line break was lost: %q", n, got)
	}
}

// What the rule keeps whole, and how it splits a word wider than the line.
func TestWrapExamples(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  string
	}{
		// Breaks at spaces only: never after a hyphen (x/ansi would).
		{"On the SSO tab type jumpcloud-acmecorp exactly", 28, "On the SSO tab type\njumpcloud-acmecorp exactly"},
		{"ruled out: admin-missing, wrong-login-method", 20, "ruled out:\nadmin-missing,\nwrong-login-method"},
		{"re-run jcsso check with --cert", 27, "re-run jcsso check with\n--cert"},
		// The spaces at a break go; the line's indent and its own
		// newlines stay.
		{"  one two three", 9, "  one two\nthree"},
		{"a b\nc d", 3, "a b\nc d"},
		{"aaa    bbb", 5, "aaa\nbbb"},
		// A word wider than the line starts a line and splits after a
		// separator: a fingerprint between pairs, a URL after a slash.
		{"SHA-256 55:F3:56:E5:62:F2:8D:4A", 12, "SHA-256\n55:F3:56:E5:\n62:F2:8D:4A"},
		{"see https://sso.jumpcloud.com/saml2/avoma", 20, "see\nhttps://sso.\njumpcloud.com/saml2/\navoma"},
		// No separator: cut at the width, nothing dropped.
		{"xxxxxxxxxx", 4, "xxxx\nxxxx\nxx"},
		// Short enough: unchanged, trailing spaces and all.
		{"fits  ", 8, "fits  "},
		// Escapes take no room and are kept.
		{"\x1b[1mbold\x1b[0m word here", 9, "\x1b[1mbold\x1b[0m word\nhere"},
	} {
		if got := Wrap(tc.text, tc.width); got != tc.want {
			t.Errorf("Wrap(%q, %d) =\n%q\nwant\n%q", tc.text, tc.width, got, tc.want)
		}
	}
}

func BenchmarkWrap(b *testing.B) {
	text := strings.Repeat("The sign-on URL names the JumpCloud application avoma, expected jumpcloud-acmecorp: with several applications in JumpCloud, this is likely another application's metadata. ", 4)
	b.ReportAllocs()
	for b.Loop() {
		Wrap(text, 76)
	}
}

// A fingerprint too long for the line breaks only between pairs, SHA-256
// never at its hyphen, a URL with a colon after it stays whole; nothing is
// lost (from steps/troubleshoot's own wrap, folded into this rule).
func TestWrapKeepsFingerprintsReadable(t *testing.T) {
	fp := "55:F3:56:E5:62:F2:8D:4A:38:5A:2B:31:44:CF:21:E0:91:EC:F9:6A:47:EA:70:18:31:9B:66:BD:C8:24:2B:0D"
	text := "Avoma still trusts the old certificate (SHA-256 " + fp + "); see https://sso.jumpcloud.com/saml2/avoma: now"
	out := Wrap(text, 40)
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line over 40 cells: %q", l)
		}
		if strings.HasSuffix(l, "SHA-") || strings.HasPrefix(l, "256") {
			t.Errorf("SHA-256 broken: %q", l)
		}
		for _, f := range strings.Fields(l) {
			if strings.Count(f, ":") > 2 && !strings.HasPrefix(f, "https") {
				for _, pair := range strings.Split(strings.Trim(f, ":);"), ":") {
					if len(pair) != 2 {
						t.Errorf("a pair broken: %q", l)
					}
				}
			}
		}
	}
	rejoined := regexp.MustCompile(`:\n([0-9A-F]{2})`).ReplaceAllString(out, ":$1")
	if strings.Join(strings.Fields(rejoined), " ") != text {
		t.Errorf("text changed:\n%s", out)
	}
	if !strings.Contains(out, "https://sso.jumpcloud.com/saml2/avoma:") {
		t.Errorf("the URL was broken:\n%s", out)
	}
}
