package main

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/spf13/cobra"
)

// canonicalLineMax is the longest line a terminal in its usual (canonical)
// mode passes on: Linux's line discipline keeps 4095 characters of a line
// and drops the rest, so a pasted base64 SAMLResponse (often 10 KB on one
// line) arrives cut.
const canonicalLineMax = 4095

// pasteInput is the command's standard input, for a "-" argument. On a
// terminal, the first read first says on stderr what to paste and how to
// end it, so the command does not seem to hang, and a line the terminal
// cut short is named once the paste ends. Elsewhere (a pipe, a file) it is
// the input as it is, and nothing is said.
func pasteInput(cmd *cobra.Command, what string) io.Reader {
	in := cmd.InOrStdin()
	if !isTerminal(in) {
		return in
	}
	return &pasteReader{r: in, w: cmd.ErrOrStderr(), what: what}
}

// pasteReader is pasteInput's reader on a terminal.
type pasteReader struct {
	r        io.Reader
	w        io.Writer
	what     string
	once     sync.Once
	line     int // length of the line being read so far
	longest  int
	last     byte // the last byte read, so the note starts on a line of its own
	finished bool
}

func (p *pasteReader) Read(b []byte) (int, error) {
	p.once.Do(func() {
		fmt.Fprintf(p.w, "paste %s, then press %s\n", p.what, endOfInputKeys())
	})
	n, err := p.r.Read(b)
	if n > 0 {
		p.last = b[n-1]
	}
	for _, c := range b[:n] {
		if c == '\n' {
			p.line = 0
			continue
		}
		p.line++
		p.longest = max(p.longest, p.line)
	}
	if err == io.EOF && !p.finished {
		p.finished = true
		if p.longest >= canonicalLineMax {
			if p.last != '\n' {
				fmt.Fprintln(p.w)
			}
			fmt.Fprintf(p.w, "note: the terminal keeps at most %d characters of a pasted line and dropped the rest: save it to a file and give the file instead of -\n", canonicalLineMax)
		}
	}
	return n, err
}

// endOfInputKeys is how a terminal's user ends standard input.
func endOfInputKeys() string {
	if runtime.GOOS == "windows" {
		return "ctrl+z, then enter"
	}
	return "ctrl+d on an empty line"
}
