package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// TestTroubleshootSessionInPseudoTerminal runs the built binary as support
// would on a call, in a pseudo-terminal: "signature errors", the
// customer's HAR file and saved configuration, the diagnosis, enter to
// finish. It exits 0 with the diagnosis left in the scrollback, the report
// written 0600, and the terminal as it was; quitting with ctrl+c, y exits
// 130. The terminal is judged only once the line the command prints last
// has been read: the reader may still be draining the pseudo-terminal when
// the process has exited, and the restoring sequences come before that line.
func TestTroubleshootSessionInPseudoTerminal(t *testing.T) {
	bin := buildBinary(t)
	f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	run := func(t *testing.T, keys func(p *tuitest.TTY), want int, last string, args ...string) *tuitest.TTY {
		t.Helper()
		p := tuitest.NewTTY(t)
		before := p.Modes()
		home := t.TempDir()
		cmd := exec.Command(bin, append([]string{"troubleshoot"}, args...)...)
		cmd.Dir = f.Dir
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "TERM=xterm-256color")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = p.Slave, p.Slave, p.Slave
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		keys(p)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != want {
				t.Errorf("exit status %d, want %d", code, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the session did not end:\n%s", p.Output())
		}
		p.WaitFor(last)
		p.AssertRestored(before)
		return p
	}
	report := filepath.Join(f.Dir, "ticket.md")
	t.Run("finished", func(t *testing.T) {
		p := run(t, func(p *tuitest.TTY) {
			p.WaitFor("What does the customer see?")
			_, _ = p.Master.Write([]byte("4"))
			p.WaitFor("The checks settle it")
			_, _ = p.Master.Write([]byte("\r"))
			p.WaitFor("Diagnosis · The cause")
			_, _ = p.Master.Write([]byte("\r"))
		}, 0, "Report: "+report, "--response", f.HAR, "--config", f.Config, "--report", report)
		p.WaitFor("Diagnosis: Stale metadata: the certificate was regenerated")
		if st, err := os.Stat(report); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("report %v, %v", st, err)
		}
	})
	t.Run("quit", func(t *testing.T) {
		run(t, func(p *tuitest.TTY) {
			p.WaitFor("What does the customer see?")
			_, _ = p.Master.Write([]byte("4"))
			p.WaitFor("The checks settle it")
			_, _ = p.Master.Write([]byte{3}) // ctrl+c
			p.WaitFor("Quit troubleshooting?")
			_, _ = p.Master.Write([]byte("y"))
		}, exitInterrupted, "troubleshooting quit before it was finished; no report was written", "--response", f.HAR, "--config", f.Config)
	})
}
