package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui/findings"
	"github.com/jcsso/jcsso/tui/textwrap"
)

// minWrapWidth is the narrowest body a wrapped line keeps beside its
// hanging indent; below it the indent is dropped rather than leave a column
// of single words.
const minWrapWidth = 24

// reportWriter is where every printed report goes (check, inspect, setup
// --yes): colour only where the terminal has it (colorWriter) and, when w is
// a terminal, each line wrapped to the terminal's width between words, so
// a message never breaks mid-word at the edge. Nothing is dropped: a word
// wider than the line is split, not cut. When w is not a terminal (a file,
// a pipe, a test), lines are never wrapped, so each finding stays one line
// for grep and scripts.
func reportWriter(w io.Writer) io.Writer {
	cw := colorWriter(w)
	width := terminalWidth(w)
	if width <= 0 {
		return cw
	}
	return &wrapWriter{w: cw, width: width}
}

// printError writes an error's message to w (stderr), one problem a line.
// On a terminal each line is wrapped as a report's are, so a long message
// breaks between words and keeps paths and flags whole; elsewhere it is
// written as it is.
func printError(w io.Writer, err error) {
	// An error names what was read (a body excerpt, a page title).
	msg := samlcheck.Printable(err.Error())
	if width := terminalWidth(w); width > 0 {
		lines := strings.Split(msg, "\n")
		for i, l := range lines {
			lines[i] = wrapLine(l, width)
		}
		msg = strings.Join(lines, "\n")
	}
	fmt.Fprintln(w, msg)
}

// terminalWidth is the width of the terminal w writes to, or 0 when w is not
// a terminal or its size is unknown.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}

// wrapWriter wraps each complete line written to it to width columns. A
// line's continuation keeps its hanging indent (see hangingIndent). Every
// report ends its lines with a newline; a tail without one waits for it.
type wrapWriter struct {
	w       io.Writer
	width   int
	pending []byte
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	ww.pending = append(ww.pending, p...)
	var out strings.Builder
	for {
		i := bytes.IndexByte(ww.pending, '\n')
		if i < 0 {
			break
		}
		out.WriteString(wrapLine(string(ww.pending[:i]), ww.width))
		out.WriteByte('\n')
		ww.pending = ww.pending[i+1:]
	}
	if out.Len() > 0 {
		if _, err := io.WriteString(ww.w, out.String()); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// wrapLine wraps one line (styled or not) to width columns.
func wrapLine(line string, width int) string {
	if ansi.StringWidth(line) <= width {
		return line
	}
	hang := hangingIndent(ansi.Strip(line), width)
	if width-hang < minWrapWidth {
		hang = 0
	}
	head, body := ansi.Truncate(line, hang, ""), ansi.TruncateLeft(line, hang, "")
	lines := strings.Split(wrapWords(body, width-hang), "\n")
	pad := strings.Repeat(" ", hang)
	for i := range lines {
		if i == 0 {
			lines[i] = head + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// wrapWords wraps text (styled or not) to width columns by the product's
// one line-breaking rule (tui/textwrap), the wizard's too: at spaces only,
// so ids, flags, URLs and entity IDs ("entityid.same-as-sp",
// "--list-faults", "jumpcloud-acmecorp") stay whole; a word wider than the
// line is split, nothing is dropped; no line ends in the spaces of a break.
func wrapWords(text string, width int) string { return textwrap.Wrap(text, width) }

// hangingIndent is where a wrapped line's continuation starts, read from
// its plain text: under the text after a leading mark or list number
// ("✗ ", "1. ") or a short label ("    fix: ", "  Certificate:   "), so
// the mark or label stands out; else under the line's own indent.
func hangingIndent(plain string, width int) int {
	indent := len(plain) - len(strings.TrimLeft(plain, " "))
	rest := plain[indent:]
	first, _, found := strings.Cut(rest, " ")
	if !found {
		return indent
	}
	after := func(n int) int { // columns up to the text after rest[:n] and its spaces
		tail := rest[n:]
		return indent + ansi.StringWidth(rest[:n]) + len(tail) - len(strings.TrimLeft(tail, " "))
	}
	if isMark(first) {
		return after(len(first))
	}
	// A label: one word ending in a colon ("fix:", "--org:"), or, in an
	// indented block, a few ("  IdP entity ID:"), early in the line.
	if i := strings.Index(rest, ": "); i > 0 && i < width/3 && (strings.Count(rest[:i], " ") == 0 || indent > 0 && strings.Count(rest[:i], " ") < 3) {
		return after(i + 1)
	}
	return indent
}

// isMark reports whether a line's first word is a mark or a list number:
// a finding's mark (tui/findings: ✓ i ! ✗), a bullet, or "1.".
func isMark(word string) bool {
	for _, s := range []samlcheck.Severity{samlcheck.SeverityPass, samlcheck.SeverityInfo, samlcheck.SeverityWarn, samlcheck.SeverityFail} {
		if word == findings.Mark(s) {
			return true
		}
	}
	if word == "-" || word == "•" {
		return true
	}
	n := strings.TrimSuffix(word, ".")
	return n != word && n != "" && strings.Trim(n, "0123456789") == ""
}
