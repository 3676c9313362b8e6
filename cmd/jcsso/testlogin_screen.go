package main

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/atotto/clipboard"
	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/steps/logintest"
	"github.com/jcsso/jcsso/tui"
)

// runTestLoginScreen is test-login on a terminal: the live-login step as
// the only step of the shell. When it closes, the result stays in the
// scrollback as the plain report prints it, and sets the exit status.
func runTestLoginScreen(cmd *cobra.Command, f *testLoginFlags, plan logintest.Plan, sp string) error {
	tui.WarmUp()
	svc := logintest.Services{}
	if !f.noBrowser {
		svc.Open = openBrowser
	}
	step := logintest.New(logintest.Config{
		Key: "live", Title: "Test a live login",
		Plan:      func() (logintest.Plan, error) { return plan, nil },
		Services:  svc,
		DoneLabel: "done",
		OnDone:    func(logintest.Outcome) tea.Cmd { return tui.Quit },
		Context:   cmd.Context(),
	})
	title := "jcsso test-login"
	if sp != "" {
		title += " · " + sp
	}
	m := tui.New(tui.Config{
		Flow:      tui.Flow{Name: "jcsso test-login", Title: func() string { return title }},
		Steps:     []tui.Step{step},
		Clipboard: clipboard.WriteAll,
	})
	step.Bind(m.Context())
	err := runFullScreen(cmd, fullScreen{
		name: "the test-login screen",
		run: func() error {
			_, err := tea.NewProgram(m, tea.WithContext(cmd.Context()), tea.WithFPS(tui.FPS),
				tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout())).Run()
			step.Close()
			return err
		},
	})
	var ee *exitError
	if errors.As(err, &ee) {
		return err // crashed, or interrupted
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return plainErrors(cmd, fmt.Errorf("test-login screen: %w", err))
	}
	out := step.Outcome()
	w := reportWriter(cmd.OutOrStdout())
	switch {
	case out.Result != nil:
		renderLoginResult(w, step.ACSURL(), out.Result, nil)
	case out.Report != nil:
		renderInspectReport(w, out.Source, out.Report)
	case out.Wait != nil:
		renderLoginResult(w, step.ACSURL(), nil, out.Wait)
	case out.Err != nil:
		return plainErrors(cmd, usageError("%w", out.Err))
	default:
		fmt.Fprintln(cmd.ErrOrStderr(), "test-login ended before a response arrived")
	}
	return exitOfOutcome(out.Kind)
}
