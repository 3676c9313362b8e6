package xmlsafe

import (
	"bytes"
	"html"
	"strings"

	"github.com/jcsso/jcsso/samlcheck/internal/words"
)

// htmlSniffBytes is how much of the input is searched for HTML's tell-tale
// start and title; a login or error page shows both early.
const htmlSniffBytes = 64 << 10

// sniffHTML reports whether data is an HTML page rather than XML metadata,
// and if so describes it ("a sign-in page titled …"). It runs before the
// XML parse, because HTML usually is not well-formed XML and the parse
// error would hide what actually went wrong (a URL that needs a login, an
// error page, the console page saved instead of the export).
func SniffHTML(data []byte) (bool, string) {
	head := bytes.TrimPrefix(data[:min(len(data), htmlSniffBytes)], utf8BOM)
	// Only the start decides, compared without regard to case and without
	// a copy: this runs on every metadata document and every response; the
	// lower-case copy of the head is made for pages only.
	rest := htmlSkipPrologue(head[:min(len(head), 1024)])
	isHTML := false
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if len(rest) >= len(p) && bytes.EqualFold(rest[:len(p)], []byte(p)) && (len(rest) == len(p) || !htmlNameByte(asciiLower(rest[len(p)]))) {
			isHTML = true
			break
		}
	}
	if !isHTML {
		return false, ""
	}
	lower := bytes.ToLower(head)
	kind := "a web page"
	switch {
	case bytes.Contains(lower, []byte(`type="password"`)) || bytes.Contains(lower, []byte(`type='password'`)) || bytes.Contains(lower, []byte(`type=password`)):
		kind = "a sign-in page (it has a password field)"
	case bytes.Contains(lower, []byte("not found")) || bytes.Contains(lower, []byte("error")):
		kind = "an error page"
	}
	if title := htmlTitle(head, lower); title != "" {
		return true, kind + ` titled "` + title + `"`
	}
	return true, kind
}

// htmlSkipPrologue skips whitespace, an XML declaration and comments.
func htmlSkipPrologue(b []byte) []byte {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return nil
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return nil
			}
			b = b[4+i+3:]
		default:
			return b
		}
	}
}

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func htmlNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// htmlTitle returns the page's <title> text, one line, at most 80 runes.
func htmlTitle(head, lower []byte) string {
	i := bytes.Index(lower, []byte("<title"))
	if i < 0 {
		return ""
	}
	j := bytes.IndexByte(lower[i:], '>')
	if j < 0 {
		return ""
	}
	start := i + j + 1
	k := bytes.Index(lower[start:], []byte("</title"))
	if k < 0 {
		return ""
	}
	t := html.UnescapeString(string(head[start : start+k]))
	return words.Truncate(strings.Join(strings.Fields(t), " "), 80)
}
