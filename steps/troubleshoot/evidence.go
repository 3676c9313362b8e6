package troubleshoot

import (
	"context"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/tui"
)

// The evidence screen's fields, in order.
const (
	fieldCapture = iota
	fieldMetadata
	fieldConfig
	fieldCount
)

type evidenceMode int

const (
	modeFields  evidenceMode = iota // typing the files' paths
	modeRunning                     // reading and checking, with a spinner
	modeResults                     // what the checks found
)

// evidenceStep asks for what the customer sent and runs every check it
// allows: the inspection of a captured response, the metadata check, the
// comparison with a saved configuration.
type evidenceStep struct {
	t      *session
	mode   evidenceMode
	fields [fieldCount]field
	focus  int
	spin   spinner.Model
	seq    int
	cancel context.CancelFunc
	// auto runs the checks once on entering, when flags named files.
	auto   bool
	scroll int
	// rows and listH are the results' length and the room they had when
	// last shown.
	rows, listH int
	// notes are what the last run left unchecked (the evidence's Unchecked).
	notes []string
}

// gatheredMsg is the evidence a run of the checks gathered.
type gatheredMsg struct {
	seq  int
	ev   diagnose.Evidence
	cfg  *ssoconfig.Config
	prof *profile.Profile
	// problems are why a field's file could not be read, by field.
	problems [fieldCount]string
	from     [3]string
}

func newEvidenceStep(t *session) *evidenceStep {
	s := &evidenceStep{t: t, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	s.fields[fieldCapture] = newField("Capture of the failed login", "a HAR file, a SAML-tracer export, or the SAMLResponse", "~/Downloads/login.har", t.opts.Response)
	s.fields[fieldMetadata] = newField("JumpCloud's metadata", "its Metadata URL or exported file", "https://… or JumpCloud-…-metadata.xml", t.opts.Metadata)
	s.fields[fieldConfig] = newField("Saved sso-config.yaml", "the folder jcsso setup wrote", "jcsso-acmecorp/sso-config.yaml", t.opts.Config)
	s.auto = t.opts.Response != "" || t.opts.Metadata != "" || t.opts.Config != ""
	return s
}

func (s *evidenceStep) Key() string   { return keyEvidence }
func (s *evidenceStep) Title() string { return "What the customer sent" }
func (s *evidenceStep) Typing() bool  { return s.mode == modeFields }
func (s *evidenceStep) Modal() bool {
	return s.mode == modeRunning || (s.mode == modeFields && s.t.gathered)
}

func (s *evidenceStep) Enter() tea.Cmd {
	s.t.showEvidence = false
	if s.auto {
		s.auto = false
		return s.run()
	}
	if s.mode == modeFields {
		return s.fields[s.focus].ti.Focus()
	}
	return nil
}

func (s *evidenceStep) ShortHelp() []key.Binding {
	k := s.t.keys()
	switch s.mode {
	case modeRunning:
		return []key.Binding{tui.With(k.Back, "cancel")}
	case modeResults:
		b := []key.Binding{tui.With(k.Next, s.nextWords()), tui.With(k.Edit, "change the files")}
		if s.maxScroll() > 0 {
			b = append(b, tui.With(k.Move, "scroll"))
		}
		return append(b, k.Back)
	}
	next := "run the checks"
	if s.empty() {
		next = "no files: ask questions"
	}
	b := []key.Binding{tui.With(k.Next, next), k.NextField, k.PrevField}
	if s.t.gathered {
		return append(b, tui.With(k.Back, "the results"))
	}
	return append(b, k.Back)
}

func (s *evidenceStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// nextWords says where enter leads from the results.
func (s *evidenceStep) nextWords() string {
	if r := s.t.res; r != nil && r.Diagnosis == nil && r.Next != nil {
		return "the questions"
	}
	return "the diagnosis"
}

func (s *evidenceStep) empty() bool {
	for i := range s.fields {
		if s.fields[i].value() != "" {
			return false
		}
	}
	return true
}

func (s *evidenceStep) Update(msg tea.Msg) tea.Cmd {
	s.t.observe(msg)
	switch m := msg.(type) {
	case gatheredMsg:
		if m.seq != s.seq {
			return nil
		}
		s.gathered(m)
		return nil
	case spinner.TickMsg:
		if s.mode != modeRunning {
			return nil
		}
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return cmd
	case tea.PasteMsg:
		if s.mode == modeFields {
			return s.fields[s.focus].update(m)
		}
		return nil
	case tea.KeyPressMsg:
		return s.key(m)
	}
	return nil
}

func (s *evidenceStep) key(km tea.KeyPressMsg) tea.Cmd {
	k := s.t.keys()
	switch s.mode {
	case modeRunning:
		if key.Matches(km, k.Back) {
			s.stop()
			s.mode = modeFields
			return s.fields[s.focus].ti.Focus()
		}
		return nil
	case modeResults:
		switch {
		case key.Matches(km, k.Next):
			s.t.afterEvidence()
		case key.Matches(km, k.Edit):
			s.mode = modeFields
			return s.fields[s.focus].ti.Focus()
		case key.Matches(km, k.Up):
			s.scroll = max(s.scroll-1, 0)
		case key.Matches(km, k.Down):
			s.scroll = min(s.scroll+1, s.maxScroll())
		}
		return nil
	}
	switch {
	case key.Matches(km, k.Back):
		// Only reached as a sub-mode: back to the results kept.
		s.fields[s.focus].ti.Blur()
		s.mode = modeResults
		return nil
	case key.Matches(km, k.Next):
		if s.empty() {
			s.t.ev, s.t.gathered = diagnose.Evidence{}, false
			s.t.afterEvidence()
			return nil
		}
		return s.run()
	case key.Matches(km, k.NextField):
		return s.move(1)
	case key.Matches(km, k.PrevField):
		return s.move(-1)
	}
	return s.fields[s.focus].update(km)
}

func (s *evidenceStep) move(d int) tea.Cmd {
	s.fields[s.focus].ti.Blur()
	s.focus = (s.focus + d + fieldCount) % fieldCount
	return s.fields[s.focus].ti.Focus()
}

func (s *evidenceStep) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.seq++
}

// run reads every file named and runs the checks, in the background.
func (s *evidenceStep) run() tea.Cmd {
	s.stop()
	for i := range s.fields {
		s.fields[i].ti.Blur()
	}
	s.mode, s.scroll = modeRunning, 0
	ctx, cancel := context.WithCancel(s.t.ctx)
	s.cancel = cancel
	seq, svc, opts, prof := s.seq, s.t.svc, s.t.opts, s.t.prof
	var typed [fieldCount]string
	for i := range s.fields {
		typed[i] = s.fields[i].value()
	}
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		defer cancel()
		return gather(ctx, seq, svc, opts, prof, typed)
	})
}

// gather is the checks' run: each file read (a problem with one is said
// beside its field and the others still count), then Gather.
func gather(ctx context.Context, seq int, svc Services, opts Options, prof *profile.Profile, typed [fieldCount]string) gatheredMsg {
	m := gatheredMsg{seq: seq, prof: prof}
	in := Inputs{Now: opts.Now, Clock: opts.Clock}
	var paths [fieldCount]string
	for i, t := range typed {
		if t == "" {
			continue
		}
		p, err := userpath.Clean(t)
		if err != nil {
			m.problems[i] = err.Error()
			continue
		}
		paths[i] = p
	}
	if p := paths[fieldConfig]; p != "" {
		cfg, err := svc.ReadConfig(p)
		if err != nil {
			m.problems[fieldConfig] = err.Error()
		} else {
			in.Config, in.ConfigSource, m.cfg = cfg, p, cfg
			if !opts.ProfileFixed {
				if p, err := profile.Resolve(cfg.Profile); err == nil {
					m.prof = p
				}
			}
		}
	}
	if p := paths[fieldMetadata]; p != "" {
		data, err := svc.LoadMetadata(ctx, p, opts.Load)
		if err != nil {
			var se *samlsource.Error
			if errors.As(err, &se) {
				m.problems[fieldMetadata] = se.Error()
			} else {
				m.problems[fieldMetadata] = fmt.Sprintf("cannot read %s: %v", p, err)
			}
		} else {
			in.Metadata, in.MetadataSource = data, p
		}
	} else if in.Config != nil {
		saved := in.Config.MetadataPath(paths[fieldConfig])
		data, err := svc.ReadSavedMetadata(ctx, saved)
		in.SavedMetadata, in.SavedMetadataSource, in.SavedMetadataErr = data, saved, err
	}
	if p := paths[fieldCapture]; p != "" {
		data, err := svc.ReadResponse(ctx, p)
		var se *samlsource.Error
		switch {
		case errors.As(err, &se):
			m.problems[fieldCapture] = "cannot read " + se.Error()
		case err != nil:
			m.problems[fieldCapture] = fmt.Sprintf("cannot read %s: %v", p, err)
		default:
			in.Response, in.ResponseSource = data, p
		}
	}
	in.Profile = m.prof
	ev, err := Gather(ctx, in)
	if err != nil {
		m.problems[fieldConfig] = err.Error()
	}
	m.ev = ev
	m.from = [3]string{typed[0], typed[1], typed[2]}
	return m
}

// gathered records a finished run: the evidence, the profile a saved
// configuration names, and the problems beside their fields.
func (s *evidenceStep) gathered(m gatheredMsg) {
	t := s.t
	s.cancel = nil
	t.ev, t.gathered, t.gatheredFrom, t.cfg = m.ev, true, m.from, m.cfg
	if m.prof != nil {
		t.prof = m.prof
	}
	t.words = WordsFor(t.prof, t.cfg)
	for i, p := range m.problems {
		s.fields[i].problem, s.fields[i].problemFor = p, s.fields[i].ti.Value()
	}
	s.notes = m.ev.Unchecked
	t.walk()
	s.mode = modeResults
}
