package tuitest

import (
	"strings"
	"unicode"
)

// HyphenBreaks lists the places where screen (escapes stripped) breaks a
// word after one of its hyphens: a line whose last word ends in "-" and
// whose next line goes on with the word ("jumpcloud-" / "acmecorp",
// "--" / "cert"). The product's wrapping rule (tui/textwrap) breaks only at
// spaces, so a screen has none; box borders and padding are looked
// through.
func HyphenBreaks(screen string) []string {
	lines := strings.Split(screen, "\n")
	trim := func(l string) string {
		return strings.TrimFunc(l, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("│┃║", r) })
	}
	var out []string
	for i := 0; i+1 < len(lines); i++ {
		l, next := trim(lines[i]), trim(lines[i+1])
		if !strings.HasSuffix(l, "-") || next == "" {
			continue
		}
		words := strings.Fields(l)
		last := words[len(words)-1]
		if strings.Trim(last, "-") == "" && !strings.HasPrefix(last, "--") {
			continue // a dash standing alone, as punctuation
		}
		if r := []rune(next)[0]; unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			out = append(out, last+"|"+strings.Fields(next)[0])
		}
	}
	return out
}
