package steps

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/jcsso/jcsso/ssoconfig"
)

// ttyPair is a pseudo-terminal whose terminal end this test keeps open,
// so that its modes can be read back after the program on it has exited.
type ttyPair struct {
	t        *testing.T
	ptmx     *os.File
	tty      *os.File
	mu       sync.Mutex
	out      bytes.Buffer
	more     chan struct{}
	readDone chan struct{}
}

func newTTYPair(t *testing.T) *ttyPair {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
		t.Fatal(err)
	}
	p := &ttyPair{t: t, ptmx: ptmx, tty: tty, more: make(chan struct{}, 1), readDone: make(chan struct{})}
	go func() {
		defer close(p.readDone)
		buf := make([]byte, 4096)
		answered := map[string]int{}
		for {
			n, err := ptmx.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			out := p.out.Bytes()
			var replies []string
			for q, a := range queryAnswers {
				for ; answered[q] < bytes.Count(out, []byte(q)); answered[q]++ {
					replies = append(replies, a)
				}
			}
			p.mu.Unlock()
			for _, a := range replies {
				_, _ = ptmx.Write([]byte(a))
			}
			select {
			case p.more <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	return p
}

// modes are the terminal's line-discipline flags.
func (p *ttyPair) modes() *unix.Termios {
	p.t.Helper()
	tio, err := unix.IoctlGetTermios(int(p.tty.Fd()), unix.TCGETS)
	if err != nil {
		p.t.Fatal(err)
	}
	return tio
}

// waitFor waits for text in the output, escapes stripped.
func (p *ttyPair) waitFor(text string) {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		p.mu.Lock()
		got := ansi.Strip(p.out.String())
		p.mu.Unlock()
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

func (p *ttyPair) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// assertRestored checks what the terminal was left in: the alternate
// screen left after it was last entered, the cursor shown after it was
// last hidden, and the line discipline as it was before (not raw: echo
// and line editing on).
func (p *ttyPair) assertRestored(before *unix.Termios) {
	p.t.Helper()
	out := p.output()
	if !strings.Contains(out, ansi.SetModeAltScreenSaveCursor) {
		p.t.Fatalf("the wizard never entered the alternate screen: %q", out)
	}
	if strings.LastIndex(out, ansi.ResetModeAltScreenSaveCursor) < strings.LastIndex(out, ansi.SetModeAltScreenSaveCursor) {
		p.t.Error("the alternate screen is still on")
	}
	if strings.LastIndex(out, ansi.ShowCursor) < strings.LastIndex(out, ansi.HideCursor) {
		p.t.Error("the cursor is still hidden")
	}
	after := p.modes()
	if after.Lflag&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO || *after != *before {
		p.t.Errorf("the terminal's modes were not restored: lflag %#x, was %#x (raw mode left on)", after.Lflag, before.Lflag)
	}
}

// Whatever signal ends the wizard (a closed SSH session's SIGHUP, ctrl+\'s
// SIGQUIT, kill's SIGTERM, SIGINT), the built binary leaves the terminal
// as it found it and exits 128 plus the signal's number.
func TestWizardRestoresTheTerminalOnEverySignal(t *testing.T) {
	bin := buildBinary(t)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{
		{syscall.SIGHUP, 129},
		{syscall.SIGQUIT, 131},
		{syscall.SIGTERM, 143},
		{syscall.SIGINT, 130},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			p := newTTYPair(t)
			before := p.modes()
			home := t.TempDir()
			cmd := exec.Command(bin, "setup")
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "TERM=xterm-256color")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = p.tty, p.tty, p.tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			p.waitFor("Step 1 of 8")
			p.waitFor("ctrl+c quit")
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
					t.Errorf("exit %v, want status %d", err, tc.code)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the wizard did not exit")
			}
			p.waitFor("interrupted by ")
			p.assertRestored(before)
		})
	}
}

// A panic inside the wizard (here in the command that saves the session)
// leaves the terminal restored too, and Run says it crashed.
func TestWizardRestoresTheTerminalOnAPanic(t *testing.T) {
	p := newTTYPair(t)
	before := p.modes()
	f := &fakes{}
	svc := f.services()
	svc.SaveSession = func(ssoconfig.Answers) error { panic("injected: the session could not be saved") }
	saved := os.Stderr
	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	os.Stderr = devnull // Bubble Tea prints the caught panic here
	defer func() { os.Stderr = saved; devnull.Close() }()

	errc := make(chan error, 1)
	go func() {
		errc <- Run(context.Background(), Options{
			Services:       svc,
			Now:            func() time.Time { return testNow },
			ProgramOptions: []tea.ProgramOption{tea.WithInput(p.tty), tea.WithOutput(p.tty)},
		})
	}()
	p.waitFor("Step 1 of 8")
	_, _ = p.ptmx.Write([]byte("\tacmecorp\r")) // to step 2: the session is saved
	select {
	case err := <-errc:
		if !errors.Is(err, ErrCrashed) {
			t.Fatalf("Run = %v, want ErrCrashed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the wizard did not stop after the panic")
	}
	// Written after everything the program wrote, so read after it too.
	if _, err := p.tty.Write([]byte("\r\nafter the wizard\r\n")); err != nil {
		t.Fatal(err)
	}
	p.waitFor("after the wizard")
	p.assertRestored(before)
}

// TERM=dumb cannot show the wizard: setup says so and points to --yes,
// without drawing anything.
func TestWizardRefusesADumbTerminal(t *testing.T) {
	bin := buildBinary(t)
	p := newTTYPair(t)
	home := t.TempDir()
	cmd := exec.Command(bin, "setup")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "TERM=dumb")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.tty, p.tty, p.tty
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit %v, want 2", err)
	}
	p.waitFor("needs a terminal that can draw a full screen")
	p.waitFor("jcsso setup --yes")
	if out := p.output(); strings.Contains(out, ansi.SetModeAltScreenSaveCursor) || strings.Contains(out, "Step 1 of 8") {
		t.Errorf("the wizard was drawn on a dumb terminal: %q", out)
	}
}
