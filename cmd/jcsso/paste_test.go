package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/jcsso/jcsso/internal/samltest"
)

// pasteOnTerminal runs the command line with standard input on a
// pseudo-terminal, types paste into it as a terminal's user would, then
// ctrl+d, and returns the exit status, stdout and stderr.
func pasteOnTerminal(t *testing.T, paste string, args ...string) (int, string, string) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	go io.Copy(io.Discard, ptmx) //nolint:errcheck // the terminal's echo, unread
	root := newRootCmd()
	var out bytes.Buffer
	errOut := &syncBuffer{typed: make(chan struct{})}
	root.SetOut(&out)
	root.SetErr(errOut)
	root.SetIn(tty)
	go func() {
		// Type only once the hint is on the screen, as a person would.
		<-errOut.typed
		for _, chunk := range []string{paste, "\n", "\x04"} { // ctrl+d on an empty line
			if _, err := io.WriteString(ptmx, chunk); err != nil {
				return
			}
		}
	}()
	code := execute(context.Background(), root, args)
	return code, out.String(), errOut.String()
}

// syncBuffer is stderr for pasteOnTerminal: it closes typed at the first
// write (the hint).
type syncBuffer struct {
	bytes.Buffer
	typed  chan struct{}
	closed bool
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	n, err := b.Buffer.Write(p)
	if !b.closed {
		b.closed = true
		close(b.typed)
	}
	return n, err
}

// `check -` and `inspect -` on a terminal say what to paste and how to end,
// on stderr, before waiting (issue 10, item 12); from a pipe they say nothing.
func TestPasteOnATerminalSaysHowToEnd(t *testing.T) {
	md := checkFixture(t, samltest.MetadataOptions{})
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := pasteOnTerminal(t, string(data), "check", "-", "--now", testNow)
	if code != exitOK || !strings.HasPrefix(errOut, "paste the metadata XML, then press ctrl+d on an empty line\n") || !strings.Contains(out, "IdP metadata check: standard input") {
		t.Errorf("check -: exit %d, stderr %q\n%s", code, errOut, out)
	}
	_, _, errOut = pasteOnTerminal(t, "PHNhbWxwOlJlc3BvbnNlLz4=", "inspect", "-")
	if !strings.HasPrefix(errOut, "paste the SAML response (the SAMLResponse value or its XML), then press ctrl+d on an empty line\n") {
		t.Errorf("inspect -: stderr %q", errOut)
	}
	// A line longer than the terminal keeps is named, with the way out.
	_, _, errOut = pasteOnTerminal(t, strings.Repeat("A", 5000), "inspect", "-")
	if !strings.Contains(errOut, "note: the terminal keeps at most 4095 characters of a pasted line") {
		t.Errorf("a cut paste is not named: stderr %q", errOut)
	}
	// From a pipe: no hint, no note.
	if _, _, errOut := runCmd(t, string(data), "check", "-", "--now", testNow); errOut != "" {
		t.Errorf("piped check -: stderr %q, want nothing", errOut)
	}
}
