package tuitest

import (
	"bytes"
	"os"
	"sort"
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
// what the program gets as its stdin, stdout and stderr. It is the one
// pseudo-terminal of the tests: cmd/jcsso runs the built binary on it too.
type TTY struct {
	Master, Slave *os.File
	// Opened is when the terminal was opened: WaitFor's times count from it.
	Opened time.Time

	t   testing.TB
	mu  sync.Mutex
	out bytes.Buffer
	// seen is when each length of out was read, so WaitFor can tell when a
	// text first arrived rather than when it looked.
	seen []arrival
	more chan struct{}
	eof  chan struct{}
}

type arrival struct {
	n  int
	at time.Time
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
	p := &TTY{Master: ptmx, Slave: tty, Opened: time.Now(), t: t, more: make(chan struct{}, 1), eof: make(chan struct{})}
	go p.read()
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	return p
}

func (p *TTY) read() {
	defer close(p.eof)
	buf := make([]byte, 4096)
	answered := map[string]int{}
	for {
		n, err := p.Master.Read(buf)
		at := time.Now()
		p.mu.Lock()
		p.out.Write(buf[:n])
		p.seen = append(p.seen, arrival{p.out.Len(), at})
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

// EOF is closed once everything written to the terminal has been read:
// after the program exited, once the test has closed Slave too (a program
// started on it with Start may close it at once).
func (p *TTY) EOF() <-chan struct{} { return p.eof }

// WaitFor waits until every text is in the output, escapes stripped:
// woken by each read, failing after 10 s of none bringing them. It returns
// how long after Opened the read that completed them came.
func (p *TTY) WaitFor(texts ...string) time.Duration {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		p.mu.Lock()
		out, seen := p.out.Bytes(), p.seen
		missing := firstMissing(out, texts)
		var at time.Time
		if missing == "" {
			// The earliest read after which nothing was missing.
			i := sort.Search(len(seen), func(i int) bool { return firstMissing(out[:seen[i].n], texts) == "" })
			at = seen[i].at
		}
		got := ansi.Strip(string(out))
		p.mu.Unlock()
		if missing == "" {
			return at.Sub(p.Opened)
		}
		select {
		case <-p.more:
		case <-deadline:
			p.t.Fatalf("never saw %q; output:\n%s", missing, got)
		}
	}
}

// firstMissing is the first of texts that out (escapes stripped) lacks,
// or "".
func firstMissing(out []byte, texts []string) string {
	s := ansi.Strip(string(out))
	for _, text := range texts {
		if !strings.Contains(s, text) {
			return text
		}
	}
	return ""
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
