package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"
)

// runFullScreen says how a full-screen flow ended the same way for every
// full-screen command (C4): a crash is one line naming the crash log, exit
// 70, whoever wrapped the panic; a signal is the interruption only (never
// also the quit line: item 11); a quit is the flow's line, exit 130; any
// other outcome is the flow's.
func TestRunFullScreen(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	errQuit := errors.New("quit")
	quit := func(err error) (string, bool) { return "quit: --resume continues", errors.Is(err, errQuit) }
	interruptedCtx := func() context.Context {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(&interruption{sig: syscall.SIGTERM})
		return ctx
	}
	for _, tc := range []struct {
		name     string
		ctx      context.Context
		err      error
		code     int
		say, not string
	}{
		{"crash", context.Background(), fmt.Errorf("%w (%w)", errors.New("the wizard stopped"), tea.ErrProgramPanic), exitCrashed, "the flow stopped on an internal error (a bug in jcsso); the details are in", "goroutine"},
		{"bare crash", context.Background(), tea.ErrProgramPanic, exitCrashed, "; answers kept", ""},
		{"signal while quitting", interruptedCtx(), errQuit, 143, "", "quit:"},
		{"quit", context.Background(), errQuit, exitInterrupted, "quit: --resume continues", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := &cobra.Command{}
			var stderr bytes.Buffer
			cmd.SetErr(&stderr)
			cmd.SetContext(tc.ctx)
			err := runFullScreen(cmd, fullScreen{name: "the flow", crashNote: "answers kept", quitLine: quit,
				run: func() error { return tc.err }})
			said := stderr.String()
			if err != nil {
				said += err.Error()
			}
			if exitCodeOf(err) != tc.code || !strings.Contains(said, tc.say) || (tc.not != "" && strings.Contains(said, tc.not)) {
				t.Errorf("exit %d, said %q; want %d saying %q", exitCodeOf(err), said, tc.code, tc.say)
			}
		})
	}
	cmd := &cobra.Command{}
	cmd.SetContext(context.Background())
	other := errors.New("something else")
	if err := runFullScreen(cmd, fullScreen{name: "the flow", quitLine: quit, run: func() error { return other }}); err != other {
		t.Errorf("another error came back as %v", err)
	}
}
