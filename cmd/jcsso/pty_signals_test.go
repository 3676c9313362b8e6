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
			// One line after the wizard's screen, the signal's, never also
			// the quit note (item 11).
			out := p.Output()
			after := ansi.Strip(out[strings.LastIndex(out, ansi.ResetModeAltScreenSaveCursor)+len(ansi.ResetModeAltScreenSaveCursor):])
			if strings.Count(after, "interrupted by "+sigName(tc.sig)+"\r\n") != 1 || strings.Contains(after, "setup ended") {
				t.Errorf("after the wizard: %q, want the one line %q", after, "interrupted by "+sigName(tc.sig))
			}
		})
	}
}

// sigName is a signal as the interrupted line names it.
func sigName(s syscall.Signal) string {
	return (&interruption{sig: s}).Error()[len("interrupted by "):]
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
	p.WaitFor("pass --yes")
	if out := p.Output(); strings.Contains(out, ansi.SetModeAltScreenSaveCursor) || strings.Contains(out, "Step 1 of 9") {
		t.Errorf("the wizard was drawn on a dumb terminal: %q", out)
	}
}

// One rule for every full-screen command (item 12): on a real terminal
// whose TERM is dumb, setup, troubleshoot and demo refuse, naming TERM=dumb
// and what to run instead, and test-login prints its plain report; none
// draws a screen.
func TestFullScreenCommandsNameADumbTerminal(t *testing.T) {
	bin := buildBinary(t)
	md := metadataFile(t, "jumpcloud-acmecorp")
	for _, tc := range []struct {
		args []string
		code int
		say  []string
	}{
		{[]string{"setup"}, 2, []string{"jcsso setup needs", "full screen", "TERM=dumb", "pass --yes"}},
		{[]string{"troubleshoot"}, 2, []string{"jcsso troubleshoot's session needs", "full screen", "TERM=dumb", "--symptom"}},
		{[]string{"demo"}, 2, []string{"jcsso demo needs", "full screen", "TERM=dumb", "jcsso demo --yes"}},
		{[]string{"test-login", "--metadata", md, "--profile", "avoma", "--no-browser", "--acs-port", "0", "--timeout", "1s"}, exitNoResponse, []string{"no SAML response"}},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			p := tuitest.NewTTY(t)
			home := t.TempDir()
			cmd := exec.Command(bin, tc.args...)
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "TERM=dumb")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = p.Slave, p.Slave, p.Slave
			err := cmd.Run()
			var ee *exec.ExitError
			if code := 0; !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				if ee != nil {
					code = ee.ExitCode()
				}
				t.Errorf("exit %d (%v), want %d", code, err, tc.code)
			}
			for _, s := range tc.say {
				p.WaitFor(s)
			}
			if out := p.Output(); strings.Contains(out, ansi.SetModeAltScreenSaveCursor) {
				t.Errorf("a screen was drawn on a dumb terminal: %q", out)
			}
		})
	}
}
