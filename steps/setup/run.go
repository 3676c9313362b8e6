// Package setup is the setup wizard's content: one file per step, the
// answers that flow between them, and Run, which starts the wizard.
package setup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/tui"
)

// ErrQuit is returned by Run when the admin quit before the configuration
// was written. The answers so far are saved for `jcsso setup --resume`.
var ErrQuit = errors.New("setup ended before the configuration was written")

// ErrCrashed is wrapped by Run's error when the wizard panicked: Bubble Tea
// caught it, restored the terminal and wrote the details to os.Stderr.
var ErrCrashed = errors.New("the setup wizard stopped on an internal error")

// Options start the wizard.
type Options struct {
	// Answers pre-filled from flags (or from a resumed session).
	Answers ssoconfig.Answers
	// Profile is the chosen profile; nil lets the admin pick on step 1.
	Profile *profile.Profile
	// Resume continues the saved session.
	Resume bool
	// Format is "yaml" or "json" for sso-config.
	Format string
	// Force replaces an existing output folder without asking.
	Force bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Load is used to fetch or read metadata.
	Load source.LoadOptions

	// Profiles are the choices on step 1; nil means the built-in ones.
	Profiles []*profile.Profile
	// Services replace the wizard's I/O (tests); zero fields are real.
	Services Services
	// LiveTest shapes the optional live login step.
	LiveTest LiveTest
	// Name is the program's name in the header ("jcsso setup" when empty).
	Name string
	// Guide, when set, gives a line shown above a step's content, by the
	// step's key (jcsso demo says there what the demo does for you).
	Guide func(stepKey string) string
	// OnProfile, when set, sees the answers each time step 1 settles the
	// profile, to fill in what the host knows for it (jcsso demo's made-up
	// service provider); it does no I/O.
	OnProfile func(p *profile.Profile, a *ssoconfig.Answers)
	// Summary, when set, receives a few lines after the wizard closes
	// (what was written and what to do next), since the full-screen view
	// disappears with the program.
	Summary io.Writer
	// ProgramOptions are extra Bubble Tea options (tests give input and
	// output here).
	ProgramOptions []tea.ProgramOption
}

// NewModel builds the wizard's shell without running it, for a host that
// drives it itself (tests of a flow built on the wizard, as jcsso demo's).
func NewModel(ctx context.Context, opts Options) (*tui.Model, error) {
	m, _, err := newModel(ctx, opts)
	return m, err
}

// Run opens the full-screen wizard on the terminal and returns when the
// admin finishes or quits (ErrQuit).
func Run(ctx context.Context, opts Options) error {
	tui.WarmUp()
	m, w, err := newModel(ctx, opts)
	if err != nil {
		return err
	}
	popts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(tui.FPS)}, opts.ProgramOptions...)
	if _, err := tea.NewProgram(m, popts...).Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, tea.ErrInterrupted) {
			return ErrQuit
		}
		if errors.Is(err, tea.ErrProgramPanic) {
			return fmt.Errorf("%w (%w)", ErrCrashed, err)
		}
		return fmt.Errorf("setup wizard: %w", err)
	}
	if !w.done {
		// Saved on every step change, so resumable even with unsaved edits on this step.
		return w.quitError()
	}
	if opts.Summary != nil {
		printSummary(opts.Summary, w)
	}
	return nil
}

func printSummary(out io.Writer, w *wizard) {
	if len(w.written) == 0 {
		return
	}
	dir := w.folder()
	// The summary stays in the scrollback of terminals as narrow as the
	// wizard's narrowest full layout, so every line is wrapped to it; the
	// values it quotes come from documents, so they are made printable.
	line := func(format string, a ...any) {
		fmt.Fprintln(out, tui.Wrap(samlcheck.Printable(fmt.Sprintf(format, a...)), quitWidth))
	}
	for _, n := range w.writeNotes {
		line("note: %s", n)
	}
	line("Wrote %d files to %s", len(w.written), dir)
	for _, p := range w.written {
		fmt.Fprintf(out, "  %s\n", samlcheck.Printable(filepath.Base(p)))
	}
	if w.nextSteps != "" {
		line("Next: %s", w.nextSteps)
	}
	line("Read %s for every step that is left.", filepath.Join(dir, ssoconfig.NextStepsMD))
}
