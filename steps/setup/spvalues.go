package setup

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

// spValues is step 2: the service provider's values. A profile whose SP
// generates them per organisation (Vome, generic) asks for them, checking
// each as it is typed; a fixed profile (Avoma) shows them.
type spValues struct {
	w      *wizard
	inputs []input // SP Entity ID, ACS URL; empty for fixed profiles
	field  int
}

func newSPValues(w *wizard) *spValues { return &spValues{w: w} }

func (s *spValues) Key() string   { return keySPValues }
func (s *spValues) Title() string { return "Service provider values" }
func (s *spValues) Typing() bool  { return s.generated() }
func (s *spValues) Modal() bool   { return false }

func (s *spValues) generated() bool {
	return s.w.prof != nil && s.w.prof.ServiceProvider.Generated
}

// Enter (re)builds the inputs from the answers, since the profile may have
// changed on step 1.
func (s *spValues) Enter() tea.Cmd {
	if !s.generated() {
		s.inputs = nil
		return nil
	}
	if s.inputs == nil {
		acs := ""
		if len(s.w.ans.ACSURLs) > 0 {
			acs = s.w.ans.ACSURLs[0]
		}
		s.inputs = []input{
			newInput("SP Entity ID", "copy it from "+s.w.prof.SPName(), s.w.ans.SPEntityID, profile.CheckEntityID),
			newInput("ACS URL", "https://…", acs, profile.CheckACSURL),
		}
		s.field = 0
	}
	return s.inputs[s.field].focus()
}

func (s *spValues) ShortHelp() []key.Binding {
	k := s.w.keys()
	if s.generated() {
		return []key.Binding{k.NextField, k.Next, k.Back}
	}
	return []key.Binding{k.Next, k.Back}
}

func (s *spValues) FullHelp() [][]key.Binding {
	k := s.w.keys()
	return [][]key.Binding{{k.NextField, k.PrevField}, {k.Next, k.Back}}
}

func (s *spValues) Update(msg tea.Msg) tea.Cmd {
	if s.inputs == nil {
		if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, s.w.keys().Next) {
			return s.w.next()
		}
		return nil
	}
	km, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); paste {
			return s.store(s.inputs[s.field].update(msg))
		}
		return s.inputs[s.field].update(msg)
	}
	k := s.w.keys()
	switch {
	case key.Matches(km, k.NextField):
		return s.focus(s.field + 1)
	case key.Matches(km, k.PrevField):
		return s.focus(s.field - 1)
	case key.Matches(km, k.Next):
		for i, in := range s.inputs {
			if in.err != nil {
				return tea.Batch(s.focus(i), tui.Status(in.label+" "+samlcheck.Printable(in.err.Error()), tui.KindFail))
			}
		}
		if s.field < len(s.inputs)-1 {
			return s.focus(s.field + 1)
		}
		return tea.Batch(s.store(nil), s.w.next())
	}
	return s.store(s.inputs[s.field].update(msg))
}

// store copies the inputs into the answers as they are typed, so quitting
// and resuming keeps them.
func (s *spValues) store(cmd tea.Cmd) tea.Cmd {
	s.w.ans.SPEntityID = strings.TrimSpace(s.inputs[0].value())
	if acs := strings.TrimSpace(s.inputs[1].value()); acs != "" {
		s.w.ans.ACSURLs = []string{acs}
	} else {
		s.w.ans.ACSURLs = nil
	}
	return cmd
}

func (s *spValues) focus(i int) tea.Cmd {
	i = (i + len(s.inputs)) % len(s.inputs)
	s.inputs[s.field].blur()
	s.field = i
	return s.inputs[i].focus()
}

func (s *spValues) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	p := s.w.prof
	if p == nil {
		return ""
	}
	var b strings.Builder
	if s.generated() {
		b.WriteString(st.Text.Render(tui.Wrap("Copy the SP Entity ID and the ACS URL from "+p.SPName()+" exactly: a single wrong character makes every sign-in fail.", w)) + "\n\n")
		if p.ServiceProvider.WhereToFind != "" {
			b.WriteString(st.Muted.Render(tui.Wrap("Where: "+p.ServiceProvider.WhereToFind, w)) + "\n\n")
		}
		for i, in := range s.inputs {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(in.view(ctx, w))
		}
		return b.String()
	}
	b.WriteString(st.Text.Render(tui.Wrap(p.Name+" uses the same values for every organisation, so there is nothing to type here. The next steps show where each one goes.", w)) + "\n\n")
	sp := p.ServiceProvider
	rows := [][2]string{{"SP Entity ID", sp.EntityID}}
	for _, a := range sp.ACSURLs {
		rows = append(rows, [2]string{"ACS URL", a})
	}
	rows = append(rows, [2]string{"Login URL", orNone(sp.LoginURL)}, [2]string{"Default RelayState", orNone(sp.DefaultRelayState)})
	for _, r := range rows {
		b.WriteString("  " + st.Label.Render(padRight(r[0], 20)) + st.Value.Render(r[1]) + "\n")
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(leave empty)"
	}
	return s
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}
