package setup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/tui"
)

// wizard is the state every step shares: the answers, the chosen profile,
// the imported metadata and what was written. Steps hold a pointer to it
// and change it only in Update.
type wizard struct {
	opts     Options
	svc      Services
	ans      ssoconfig.Answers
	prof     *profile.Profile
	profiles []*profile.Profile
	// fixedProfile is set when --profile chose it; step 1 then only shows it.
	fixedProfile bool

	// metadata are the bytes last imported and report their check; neither
	// is saved in the session.
	metadata []byte
	report   *metadata.Report
	// urlUnchecked is the Metadata URL to send that the admin took though
	// it could not be fetched; Review says it was not checked.
	urlUnchecked string

	written    []string
	writtenDir string
	nextSteps  string
	// message is the text for the SP's support (send_to_support), and
	// whom it goes to; the last screen copies it.
	message, messageTo string
	// writeNotes say what the write found left by an interrupted one.
	writeNotes []string
	done       bool

	// saved is the JSON of the answers last saved, to tell unsaved changes.
	saved []byte
	// offer is a saved session a plain run found, until the admin says
	// whether to resume it; replaceNote says a session made with another
	// profile will be replaced.
	offer       *ssoconfig.Answers
	replaceNote string
	// resumedFrom is the step a resumed session was saved on (0: not resumed).
	resumedFrom int
	// steps are the flow's steps, for rebuilding them from a resumed session.
	steps []tui.Step
	// ui is the shell's context: the one KeyMap and the navigation.
	ui *tui.Context
	// order is the steps' keys in the flow's order.
	order []string
	// ctx ends background fetches when the program ends.
	ctx context.Context
}

type sessionSavedMsg struct {
	data []byte
	err  error
}

func (w *wizard) now() time.Time {
	if w.opts.Now != nil {
		return w.opts.Now()
	}
	return time.Now()
}

// spValues are the SP Entity ID and ACS URLs in force.
func (w *wizard) spValues() (string, []string) {
	if w.prof == nil {
		return "", nil
	}
	return w.svc.SPValues(w.prof, w.ans)
}

func (w *wizard) snapshot() []byte {
	data, _ := json.Marshal(w.ans)
	return data
}

// unsaved reports answers that quitting now would lose.
func (w *wizard) unsaved() bool {
	return !w.done && string(w.snapshot()) != string(w.saved)
}

// keys is the shell's KeyMap, the one every step matches keys against.
func (w *wizard) keys() tui.KeyMap { return w.ui.Keys }

// saveSession records the step and saves a copy of the answers in a Cmd.
func (w *wizard) saveSession(key string) tea.Cmd {
	w.ans.Step = ssoconfig.StepKey(key)
	a := cloneAnswers(w.ans)
	data := w.snapshot()
	save := w.svc.SaveSession
	return func() tea.Msg {
		return sessionSavedMsg{data: data, err: save(a)}
	}
}

// appSavedMsg is the SSO tab saved on an IdP the program plays.
type appSavedMsg struct {
	saved AppSaved
	err   error
}

// saveApp tells Services.SaveApp the SSO tab's values, in a command.
func (w *wizard) saveApp() tea.Cmd {
	save := w.svc.SaveApp
	if save == nil || w.prof == nil {
		return nil
	}
	p, a, ctx := w.prof, cloneAnswers(w.ans), w.ctx
	return func() tea.Msg {
		saved, err := save(ctx, p, a)
		return appSavedMsg{saved: saved, err: err}
	}
}

// update handles the messages that belong to the wizard, not a step.
func (w *wizard) update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(appSavedMsg); ok {
		if m.err != nil {
			return tui.Status(samlcheck.Printable(m.err.Error()), tui.KindFail)
		}
		if m.saved.MetadataURL != "" {
			w.ans.MetadataURL = m.saved.MetadataURL
		}
		if m.saved.Note != "" {
			return tui.Status(m.saved.Note, tui.KindOK)
		}
		return nil
	}
	if m, ok := msg.(sessionSavedMsg); ok {
		if m.err != nil {
			return tui.Status("answers not saved for --resume: "+samlcheck.Printable(m.err.Error()), tui.KindWarn)
		}
		w.saved = m.data
	}
	return nil
}

func cloneAnswers(a ssoconfig.Answers) ssoconfig.Answers {
	a.ACSURLs = append([]string(nil), a.ACSURLs...)
	a.Overridden = append([]string(nil), a.Overridden...)
	a.ExcludedAdmins = append([]string(nil), a.ExcludedAdmins...)
	if a.Checklist != nil {
		c := make(map[string]bool, len(a.Checklist))
		for k, v := range a.Checklist {
			c[k] = v
		}
		a.Checklist = c
	}
	return a
}

// name is the program's name in the header and the window title.
func (w *wizard) name() string {
	if w.opts.Name != "" {
		return w.opts.Name
	}
	return "jcsso setup"
}

// appName is the header's right side: the tool and the chosen SP.
func (w *wizard) appName() string {
	if w.prof == nil {
		return w.name()
	}
	return w.name() + " · " + w.ans.App(w.prof)
}

// errEmpty is the live verdict of a field that needs a value.
var errEmpty = errors.New("is empty")

// next moves to the next step as soon as the current Update returns.
func (w *wizard) next() tea.Cmd {
	w.ui.Nav.Next()
	return nil
}

// position is the 1-based place of the step with key in the flow, 0 for
// none ("Step N of 8", and how far a saved session got).
func (w *wizard) position(key string) int {
	for i, k := range w.order {
		if k == key {
			return i + 1
		}
	}
	return 0
}

// folder is the output folder written, as the admin will find it: the
// folder the write used (~ expanded), relative paths kept relative.
func (w *wizard) folder() string {
	if w.writtenDir != "" {
		return filepath.Clean(w.writtenDir)
	}
	if len(w.written) > 0 {
		return filepath.Dir(w.written[0])
	}
	return w.ans.Folder()
}

// title is the title of the step with key.
func (w *wizard) title(key string) string {
	for _, s := range w.steps {
		if s.Key() == key {
			return s.Title()
		}
	}
	return key
}

// flow is what the shell shows of the setup: its name and title, "Step N
// of M", and what quitting keeps.
func (w *wizard) flow() tui.Flow {
	return tui.Flow{
		Name:      w.name(),
		Title:     w.appName,
		Progress:  func(pos, total int) string { return fmt.Sprintf("Step %d of %d", pos, total) },
		QuitTitle: "Quit the setup?",
		QuitWhy:   "Some answers on this screen are not saved yet.",
		QuitNote:  "Saved answers can be continued with `jcsso setup --resume`.",
	}
}
