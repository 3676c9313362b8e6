package samlcheck

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Printable returns s with every character that a terminal would act on
// instead of showing made visible, for text that came from a document or a
// server (an HTTP error body, a page title, an entity ID, a NameID, an
// attribute value, a certificate subject, a profile's text) on its way to
// a terminal: bytes below 0x20 other than tab and newline (ESC starts the
// sequences that write the clipboard with OSC 52, retitle or clear the
// screen; CR overwrites a line) and DEL as \x1b, \x7f; the C1 controls
// U+0080 to U+009F (U+009B is a CSI to some terminals) as \u009b; bytes
// that are not UTF-8 as \xff. Everything else, tabs and newlines included,
// is unchanged, and s itself is returned when nothing needs changing.
//
// Call it where such text is printed, before it is styled: styles are
// escape sequences too, and must survive.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && !isC1(r) || r == utf8.RuneError && n == 3 {
				i += n
				continue
			}
		}
		break
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f || c == '\t' || c == '\n':
			b.WriteByte(c)
			i++
		case c < utf8.RuneSelf:
			fmt.Fprintf(&b, `\x%02x`, c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				fmt.Fprintf(&b, `\x%02x`, c)
			case isC1(r):
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// PrintableJSON makes visible, in JSON written by encoding/json, the two
// kinds of control character it leaves raw inside strings: DEL and the C1
// controls (it escapes everything below 0x20 itself). Each becomes the
// JSON escape \u007f, \u009b..., so the document means the same and no
// terminal acts on it. JSON's own structure is ASCII without DEL, so only
// string contents change.
func PrintableJSON(b []byte) []byte {
	if bytes.IndexByte(b, 0x7f) < 0 && bytes.IndexByte(b, 0xc2) < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == 0x7f:
			out = append(out, `\u007f`...)
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			out = fmt.Appendf(out, `\u%04x`, b[i+1])
			i++
		default:
			out = append(out, c)
		}
	}
	return out
}
