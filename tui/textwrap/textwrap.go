// Package textwrap is jcsso's one line-breaking rule, shared by the shell
// (tui.Wrap: the wizard, troubleshoot, the live login) and the command
// line's report writer (cmd/jcsso termwrap.go): a line breaks only at a
// space, never inside a word, so a value the admin types
// ("jumpcloud-acmecorp"), a finding id ("admin-missing"), a flag
// ("--cert"), a URL or a fingerprint pair stays whole. A word wider than
// the line is split, as a last resort, and nothing is ever dropped.
//
// It is a leaf package (x/ansi only) rather than part of tui because the
// command line's printed reports are not a terminal UI: cmd/jcsso wraps
// them with the same rule without reaching into the shell, and the rule's
// property test runs without Bubble Tea.
//
// x/ansi's own Wrap and Wordwrap are not used: both always break after a
// hyphen, which splits exactly the ids, flags and entity IDs jcsso's texts
// are full of.
package textwrap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap wraps text (styled or not) to width cells at its spaces. Each
// line's own newlines stay; a line's leading indent stays on its first
// line; the spaces where a line is broken are dropped, so no line ends in
// spaces past the edge (a line one column too wide makes a terminal break
// it again). A word wider than width starts a line of its own and is
// split, preferably just after a ':', '/', '-' or other separator (so a
// fingerprint breaks between two pairs and a URL after a slash), else at
// the width. Escape sequences take no room and are all kept, in order.
func Wrap(text string, width int) string {
	width = max(width, 1)
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = wrapLine(l, width)
		}
	}
	return strings.Join(lines, "\n")
}

// piece is one grapheme or escape sequence of a line.
type piece struct {
	s     string
	w     int
	space bool // a breaking space: ' ' or a tab
}

func pieces(line string) []piece {
	var out []piece
	var state byte
	for len(line) > 0 {
		seq, w, n, next := ansi.DecodeSequence(line, state, nil)
		if n <= 0 { // never expected; keeps the loop finite
			n, seq = 1, line[:1]
		}
		state = next
		out = append(out, piece{s: seq, w: w, space: seq == " " || seq == "\t"})
		line = line[n:]
	}
	return out
}

// token is a word or the run of spaces before it, with the escape
// sequences inside; a space run's escapes survive when its spaces are
// dropped at a break.
type token struct {
	text  string
	w     int
	space bool
	esc   string // a space run's escape sequences alone
	parts []piece
}

func tokens(ps []piece) []token {
	var out []token
	for _, p := range ps {
		isSpace := p.space || (p.w == 0 && len(out) > 0 && out[len(out)-1].space && ansi.HasEscPrefix(p.s))
		if len(out) == 0 || out[len(out)-1].space != isSpace {
			out = append(out, token{space: isSpace})
		}
		t := &out[len(out)-1]
		t.text += p.s
		t.w += p.w
		t.parts = append(t.parts, p)
		if isSpace && p.w == 0 {
			t.esc += p.s
		}
	}
	return out
}

// wrapLine greedily fills lines of width cells from one line's words.
func wrapLine(line string, width int) string {
	var b strings.Builder
	cur := 0          // cells on the current output line
	lineStart := true // nothing written on it yet (the line's first word)
	var gap *token    // the spaces before the next word (first: the indent)
	for _, t := range tokens(pieces(line)) {
		if t.space {
			gap = &t
			continue
		}
		gw := 0
		if gap != nil {
			gw = gap.w
		}
		switch {
		case cur+gw+t.w <= width:
			if gap != nil {
				b.WriteString(gap.text)
			}
			b.WriteString(t.text)
			cur += gw + t.w
		case t.w > width && lineStart && (width-gw)*2 >= width && firstWidth(t.parts) <= width-gw:
			// The line's first word, wider than any line: split after
			// the indent, when that leaves half the line.
			if gap != nil {
				b.WriteString(gap.text)
			}
			cur = splitWord(&b, t.parts, width, width-gw)
		default:
			// A break: the spaces go (their escapes stay).
			if gap != nil {
				b.WriteString(gap.esc)
			}
			if !lineStart {
				b.WriteByte('\n')
			}
			if t.w <= width {
				b.WriteString(t.text)
				cur = t.w
			} else {
				// Wider than any line: a line of its own, split.
				cur = splitWord(&b, t.parts, width, width)
			}
		}
		lineStart = false
		gap = nil
	}
	if gap != nil { // spaces ending the line: kept as far as they fit
		for _, p := range gap.parts {
			if p.w == 0 || cur+p.w <= width {
				b.WriteString(p.s)
				cur += p.w
			}
		}
	}
	return b.String()
}

// separators are where a word wider than the line is best split: just
// after one of them, so a fingerprint breaks between pairs ("AB:|CD"), a
// URL or path after a slash, an id after its dash or dot.
const separators = ":/-._?&=,;@"

// splitWord writes a word wider than width as lines of at most width
// cells, the first at most room (a grapheme wider than that alone on its
// line), and returns the cells on its last line.
func splitWord(b *strings.Builder, parts []piece, width, room int) int {
	for len(parts) > 0 {
		// The longest prefix that fits, and the last separator in it
		// (one that leaves the line at least half full).
		fit, cells, cut := 0, 0, 0
		for fit < len(parts) && (cells+parts[fit].w <= room || fit == 0) {
			cells += parts[fit].w
			fit++
			if strings.Contains(separators, parts[fit-1].s) && cells*2 >= room {
				cut = fit
			}
		}
		for fit < len(parts) && parts[fit].w == 0 { // escapes go with what they follow
			fit++
		}
		if fit == len(parts) {
			writeParts(b, parts)
			return cells
		}
		if cut == 0 {
			cut = fit
		}
		writeParts(b, parts[:cut])
		b.WriteByte('\n')
		parts, room = parts[cut:], width
	}
	return 0
}

// firstWidth is the width of a word's first grapheme.
func firstWidth(parts []piece) int {
	for _, p := range parts {
		if p.w > 0 {
			return p.w
		}
	}
	return 0
}

func writeParts(b *strings.Builder, parts []piece) {
	for _, p := range parts {
		b.WriteString(p.s)
	}
}
