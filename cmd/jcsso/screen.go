package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/samlcheck"
)

// The full-screen commands (setup's wizard, troubleshoot's session,
// test-login's screen, demo's wizard) share one rule for where they can
// run and one shape for running: what ends them is said the same way.

// screenProblem is the one rule of whether a full-screen flow can be drawn
// for cmd: standard input and output are a terminal, and TERM does not say
// it is a dumb one. It returns "" when it can, else what is needed, in
// words that follow "jcsso setup needs …" (see needsScreen).
func screenProblem(cmd *cobra.Command) string {
	switch {
	case !isTerminal(cmd.InOrStdin()) || !isTerminal(cmd.OutOrStdout()):
		return "a terminal"
	case strings.EqualFold(strings.TrimSpace(os.Getenv("TERM")), "dumb"):
		return "a terminal that can draw a full screen, and TERM=dumb says this one cannot"
	}
	return ""
}

// needsScreen is the line of a command that cannot draw its screen here:
// "jcsso setup needs a terminal; pass --yes …", instead saying what to do.
func needsScreen(name, problem, instead string) string {
	return fmt.Sprintf("%s needs %s; %s", name, problem, instead)
}

// fullScreen is one full-screen flow, for runFullScreen.
type fullScreen struct {
	// name names the flow in the crash line ("the setup wizard").
	name string
	// crashNote ends the crash line ("your answers are saved…"), or "".
	crashNote string
	// run runs the flow until it ends.
	run func() error
	// quitLine is the line that says where a user who quit is left, when
	// err says they quit; nil for a flow whose caller reads its outcome.
	quitLine func(err error) (string, bool)
}

// runFullScreen runs a full-screen flow. While it runs, os.Stderr goes to a
// crash log (captureStderr) and a signal gives it wizardGrace to restore
// the terminal. Then, in this order: a crash is one line naming the crash
// log (exit 70); a signal is the one line execute prints (128+N), never
// also the quit line; quitting is the flow's quit line (exit 130). Any
// other error, or nil, is the flow's, for the caller.
func runFullScreen(cmd *cobra.Command, s fullScreen) error {
	logPath, restoreStderr := captureStderr()
	extendGrace(cmd.Context(), wizardGrace)
	err := s.run()
	// Bubble Tea's caught panic, whether the flow wrapped it or not.
	crashed := errors.Is(err, tea.ErrProgramPanic)
	restoreStderr(crashed)
	if crashed {
		return crashError(s.name, logPath, s.crashNote)
	}
	if ierr := interrupted(cmd); ierr != nil {
		return ierr
	}
	if s.quitLine != nil && err != nil {
		if line, ok := s.quitLine(err); ok {
			fmt.Fprintln(cmd.ErrOrStderr(), samlcheck.Printable(line))
			return &exitError{code: exitInterrupted, err: err, silent: true}
		}
	}
	return err
}
