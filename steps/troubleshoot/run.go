// Package troubleshoot is `jcsso troubleshoot`'s session: the screens
// support walks through on a call (the symptom, what the customer sent,
// the questions, the diagnosis), in the wizard's look and keys, hosted by
// the tui shell; and what the scripted form shares with it (WordsFor,
// Gather). The reasoning is samlcheck/diagnose's.
package troubleshoot

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui"
)

// ErrQuit is returned by Run when support quit before finishing.
var ErrQuit = errors.New("troubleshooting ended before it was finished")

// ErrCrashed is wrapped by Run's error when the session panicked: Bubble
// Tea caught it and restored the terminal.
var ErrCrashed = errors.New("the troubleshooting session stopped on an internal error")

// Outcome is how a finished session ended: the diagnosis (nil: none) and
// the report written ("" none).
type Outcome struct {
	Diagnosis *diagnose.Diagnosis
	Report    string
}

// Run opens the full-screen session and returns when support finishes
// (enter on the diagnosis) or quits (ErrQuit, with the report written
// before, if any).
func Run(ctx context.Context, opts Options) (Outcome, error) {
	tui.WarmUp()
	m, t := newModel(ctx, opts)
	popts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(tui.FPS)}, opts.ProgramOptions...)
	if _, err := tea.NewProgram(m, popts...).Run(); err != nil {
		switch {
		case ctx != nil && ctx.Err() != nil:
			return Outcome{}, ctx.Err()
		case errors.Is(err, tea.ErrInterrupted):
			return Outcome{}, ErrQuit
		case errors.Is(err, tea.ErrProgramPanic):
			return Outcome{}, fmt.Errorf("%w (%w)", ErrCrashed, err)
		}
		return Outcome{}, fmt.Errorf("troubleshooting session: %w", err)
	}
	out := Outcome{Report: t.reportPath}
	if t.res != nil {
		out.Diagnosis = t.res.Diagnosis
	}
	if !t.done {
		// A report written before quitting is still named.
		return Outcome{Report: t.reportPath}, ErrQuit
	}
	return out, nil
}

// newModel builds the session: its shared state, its steps and the
// shell. A symptom given beforehand starts at the evidence.
func newModel(ctx context.Context, opts Options) (*tui.Model, *session) {
	t := newSession(ctx, opts)
	steps := []tui.Step{newSymptomStep(t), newEvidenceStep(t), newQuestionStep(t), newDiagnosisStep(t)}
	start := keySymptom
	if t.symptom != "" {
		start = keyEvidence
		t.walk()
	}
	m := tui.New(tui.Config{
		Flow:      t.flow(),
		Steps:     steps,
		Start:     start,
		Unsaved:   t.unsaved,
		Clipboard: t.svc.Clipboard,
	})
	t.ui = m.Context()
	return m, t
}
