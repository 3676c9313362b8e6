// Package userpath reads a file path the way a person gives it: typed with
// a leading ~, or pasted by a terminal after a file was dragged onto it
// (quoted, backslash-escaped, or as a file:// URL). The wizard's path
// fields and every path flag of the commands go through Clean, so a path
// that works in one works in the other.
package userpath

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Clean turns a path as typed or pasted into one the file system knows:
// surrounding space goes; one pair of matching quotes ('…' or "…") is
// removed; outside quotes, a backslash escapes the next character
// (My\ File.xml), as shells and terminals write it (not on Windows, where
// the backslash separates folders); a file:// URL becomes its path; and a
// leading ~ or ~/ becomes the home folder. URLs of other schemes, "-" and
// the empty string are returned as they are (trimmed), since the same
// fields take a metadata URL or standard input. The error says why a
// file:// URL or a ~ cannot be used.
func Clean(typed string) (string, error) {
	return clean(typed, os.UserHomeDir)
}

func clean(typed string, home func() (string, error)) (string, error) {
	s := strings.TrimSpace(typed)
	if s == "" || s == "-" {
		return s, nil
	}
	s = unquote(s)
	if isURL(s) {
		if !strings.HasPrefix(strings.ToLower(s), "file:") {
			return s, nil
		}
		return fromFileURL(s)
	}
	return expandHome(s, home)
}

// MustClean is Clean for display and comparison, where a path that cannot
// be cleaned is best shown as it was typed.
func MustClean(typed string) string {
	if p, err := Clean(typed); err == nil {
		return p
	}
	return strings.TrimSpace(typed)
}

// unquote reads s as one shell word, the form terminals paste a dragged
// file in: 'single quoted', "double quoted", or with backslash escapes
// (My\ File.xml), or a mix of them. Text that is not a
// well-formed word (an unmatched quote, as in O'Brien.xml typed as it is)
// is taken literally. On Windows, where the backslash separates folders,
// only surrounding quotes are removed.
func unquote(s string) string {
	if runtime.GOOS == "windows" {
		if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
			return s[1 : len(s)-1]
		}
		return s
	}
	if !strings.ContainsAny(s, `'"\`) {
		return s
	}
	var b strings.Builder
	var quote byte // 0 outside quotes, else the open quote
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
				continue
			}
		case quote == '"':
			switch {
			case c == '"':
				quote = 0
				continue
			case c == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`+"`", s[i+1]) >= 0:
				// Inside double quotes a shell keeps a backslash except
				// before " \ $ and `.
				i++
				c = s[i]
			}
		case c == '\'' || c == '"':
			quote = c
			continue
		case c == '\\' && i+1 < len(s):
			i++
			c = s[i]
		}
		b.WriteByte(c)
	}
	if quote != 0 {
		return s
	}
	return b.String()
}

// isURL reports a scheme before "://" (or "file:"), so "C:\x" and plain
// names are paths.
func isURL(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	if !ok {
		return strings.HasPrefix(strings.ToLower(s), "file:/")
	}
	if len(scheme) < 2 {
		return false
	}
	for i, r := range scheme {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}

// errRemoteFile is a file:// URL naming another machine.
var errRemoteFile = errors.New("names a file on another machine")

// fromFileURL is the local path of a file:// URL, percent-decoded
// (file:///Users/me/My%20File.xml is /Users/me/My File.xml).
func fromFileURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%s is not a file URL: %w", s, err)
	}
	if h := u.Host; h != "" && h != "localhost" {
		return "", fmt.Errorf("%s %w (%s); copy the file here first", s, errRemoteFile, h)
	}
	p := u.Path
	if p == "" {
		p = u.Opaque
	}
	if p == "" {
		return "", fmt.Errorf("%s names no file", s)
	}
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x is C:/x
	}
	return filepath.FromSlash(p), nil
}

// expandHome replaces a leading ~ (alone or before a separator) with the
// home folder. ~user is left alone: it is rare, and a file may be named so.
func expandHome(s string, home func() (string, error)) (string, error) {
	if s != "~" && !strings.HasPrefix(s, "~/") && !(runtime.GOOS == "windows" && strings.HasPrefix(s, `~\`)) {
		return s, nil
	}
	h, err := home()
	if err != nil || h == "" {
		return "", fmt.Errorf("cannot expand ~ in %s: no home folder is known (set HOME, or give the full path)", s)
	}
	if s == "~" {
		return h, nil
	}
	return filepath.Join(h, s[2:]), nil
}
