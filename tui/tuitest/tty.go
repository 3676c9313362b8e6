package tuitest

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// TerminalAnswers are a terminal's answers to the queries programs send
// it: the background colour (OSC 11), dark, and the device attributes
// (DA1), which lipgloss waits for after its background query. A TTY sends
// them as a real terminal would, so a program never waits for a timeout.
var TerminalAnswers = map[string]string{
	"\x1b]11;?": "\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\",
	"\x1b[c":    "\x1b[?62;22c",
}

// TTY is an 80x24 pseudo-terminal whose terminal end the test keeps open,
// so that its modes can be read back after the program on it has exited.
// Master is what a terminal emulator holds (write keys to it); Slave is
// what the program gets as its stdin, stdout and stderr.
type TTY struct {
	Master, Slave *os.File

	t    testing.TB
	mu   sync.Mutex
	out  bytes.Buffer
	more chan struct{}
}

// NewTTY opens a pseudo-terminal, reads everything written to it and
// answers TerminalAnswers; it is closed when the test ends.
func NewTTY(t testing.TB) *TTY {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
		t.Fatal(err)
	}
	p := &TTY{Master: ptmx, Slave: tty, t: t, more: make(chan struct{}, 1)}
	go p.read()
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	return p
}

func (p *TTY) read() {
	buf := make([]byte, 4096)
	answered := map[string]int{}
	for {
		n, err := p.Master.Read(buf)
		p.mu.Lock()
		p.out.Write(buf[:n])
		out := p.out.Bytes()
		var replies []string
		for q, a := range TerminalAnswers {
			for ; answered[q] < bytes.Count(out, []byte(q)); answered[q]++ {
				replies = append(replies, a)
			}
		}
		p.mu.Unlock()
		for _, a := range replies {
			_, _ = p.Master.Write([]byte(a))
		}
		select {
		case p.more <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// Modes are the terminal's line-discipline flags.
func (p *TTY) Modes() *unix.Termios {
	p.t.Helper()
	tio, err := unix.IoctlGetTermios(int(p.Slave.Fd()), unix.TCGETS)
	if err != nil {
		p.t.Fatal(err)
	}
	return tio
}

// WaitFor waits for text in the output, escapes stripped: woken by each
// read, failing after 10 s of none bringing it.
func (p *TTY) WaitFor(text string) {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		got := ansi.Strip(p.Output())
		if strings.Contains(got, text) {
			return
		}
		select {
		case <-p.more:
		case <-deadline:
			p.t.Fatalf("never saw %q; output:\n%s", text, got)
		}
	}
}

// Output is everything written to the terminal so far, escapes included.
func (p *TTY) Output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// AssertRestored checks what the terminal was left in: the alternate
// screen left after it was last entered, the cursor shown after it was
// last hidden, and the line discipline as it was before (not raw: echo
// and line editing on).
func (p *TTY) AssertRestored(before *unix.Termios) {
	p.t.Helper()
	out := p.Output()
	if !strings.Contains(out, ansi.SetModeAltScreenSaveCursor) {
		p.t.Fatalf("the program never entered the alternate screen: %q", out)
	}
	if strings.LastIndex(out, ansi.ResetModeAltScreenSaveCursor) < strings.LastIndex(out, ansi.SetModeAltScreenSaveCursor) {
		p.t.Error("the alternate screen is still on")
	}
	if strings.LastIndex(out, ansi.ShowCursor) < strings.LastIndex(out, ansi.HideCursor) {
		p.t.Error("the cursor is still hidden")
	}
	after := p.Modes()
	if after.Lflag&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO || *after != *before {
		p.t.Errorf("the terminal's modes were not restored: lflag %#x, was %#x (raw mode left on)", after.Lflag, before.Lflag)
	}
}
