package steps

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/ssoconfig"
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
	report   *samlcheck.MetadataReport

	written   []string
	nextSteps string
	// writeNotes say what the write found left by an interrupted one.
	writeNotes []string
	done       bool

	// saved is the JSON of the answers last saved, to tell unsaved changes.
	saved []byte
	keys  tui.KeyMap
	nav   tui.Nav
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

// saveSession records the step and saves a copy of the answers in a Cmd.
func (w *wizard) saveSession(index int) tea.Cmd {
	w.ans.Step = index + 1
	a := cloneAnswers(w.ans)
	data := w.snapshot()
	save := w.svc.SaveSession
	return func() tea.Msg {
		return sessionSavedMsg{data: data, err: save(a)}
	}
}

// update handles the messages that belong to the wizard, not a step.
func (w *wizard) update(msg tea.Msg) tea.Cmd {
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

// appName is the header's right side: the tool and the chosen SP.
func (w *wizard) appName() string {
	if w.prof == nil {
		return "jcsso setup"
	}
	return "jcsso setup · " + w.prof.Name
}

// errEmpty is the live verdict of a field that needs a value.
var errEmpty = errors.New("is empty")

// next moves to the next step as soon as the current Update returns.
func (w *wizard) next() tea.Cmd {
	w.nav.Next()
	return nil
}
