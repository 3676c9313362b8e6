package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/tui/tuitest"
)

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
			p := tuitest.NewTTY(t)
			before := p.Modes()
			home := t.TempDir()
			cmd := exec.Command(bin, "setup")
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "TERM=xterm-256color")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = p.Slave, p.Slave, p.Slave
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			p.WaitFor("Step 1 of 9")
			p.WaitFor("ctrl+c quit")
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
			p.WaitFor("interrupted by ")
			p.AssertRestored(before)
		})
	}
}

// TERM=dumb cannot show the wizard: setup says so and points to --yes,
// without drawing anything.
func TestWizardRefusesADumbTerminal(t *testing.T) {
	bin := buildBinary(t)
	p := tuitest.NewTTY(t)
	home := t.TempDir()
	cmd := exec.Command(bin, "setup")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "TERM=dumb")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.Slave, p.Slave, p.Slave
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit %v, want 2", err)
	}
	p.WaitFor("needs a terminal that can draw a full screen")
	p.WaitFor("jcsso setup --yes")
	if out := p.Output(); strings.Contains(out, ansi.SetModeAltScreenSaveCursor) || strings.Contains(out, "Step 1 of 9") {
		t.Errorf("the wizard was drawn on a dumb terminal: %q", out)
	}
}
