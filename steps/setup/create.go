package setup

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// create is step 3: the click path that creates the custom SAML app in
// JumpCloud, as a checklist the admin ticks off while clicking.
type create struct {
	w    *wizard
	list tui.Checklist
}

func newCreate(w *wizard) *create { return &create{w: w} }

func (s *create) Key() string   { return keyCreate }
func (s *create) Title() string { return "Create the app in JumpCloud" }
func (s *create) Typing() bool  { return false }
func (s *create) Modal() bool   { return false }

// createItems is the click path; the keys are saved with the answers.
func createItems(p *profile.Profile, a ssoconfig.Answers) []tui.CheckItem {
	label := "Enter the Display Label “" + a.App(p) + "” (press c to copy it)."
	if !a.LabelKnown(p) { // a customizable profile's name is no label
		label = "Enter a Display Label: the service provider's name."
	}
	return []tui.CheckItem{
		{Key: "open", Text: "In JumpCloud's admin console, open SSO Applications and click Add New Application."},
		{Key: "custom", Text: "Choose Custom Application, then click Next."},
		{Key: "features", Text: "Tick Manage Single Sign-On (SSO) and Configure SSO with SAML, then click Next."},
		{Key: "label", Text: label},
		{Key: "save", Text: "Click Save Application, then Configure Application."},
		{Key: "ssotab", Text: "Open the SSO tab. The next step lists every field on it."},
	}
}

func (s *create) Enter() tea.Cmd {
	if s.w.prof == nil {
		return nil
	}
	items := createItems(s.w.prof, s.w.ans)
	for i := range items {
		items[i].Done = s.w.ans.Checklist[items[i].Key]
	}
	s.list.Items = items
	s.list.Cursor = min(s.list.Cursor, len(items)-1)
	return nil
}

func (s *create) ShortHelp() []key.Binding {
	k := s.w.keys()
	// Most needed first: at 80 columns the last ones give way to the key
	// that lists them all. enter shows once it leads on.
	b := []key.Binding{k.Toggle}
	if s.list.Remaining() == 0 {
		b = append(b, k.Next)
	}
	if s.canCopy() {
		b = append(b, tui.With(k.Copy, "copy label"))
	}
	if s.list.Remaining() == 0 {
		b = append(b, tui.With(k.TickAll, "untick all"))
	} else {
		b = append(b, k.TickAll)
	}
	return append(b, k.Move, k.Back)
}

func (s *create) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// canCopy reports a Display Label to copy: the SP's own name, or the name
// the admin gave a customizable profile's app.
func (s *create) canCopy() bool {
	return s.w.prof != nil && s.w.ans.LabelKnown(s.w.prof)
}

func (s *create) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Up), key.Matches(km, k.PrevField):
		s.list.Move(-1)
	case key.Matches(km, k.Down), key.Matches(km, k.NextField):
		s.list.Move(1)
	case key.Matches(km, k.Toggle):
		s.list.Toggle()
		if s.list.Items[s.list.Cursor].Done {
			s.list.Move(1)
		}
	case key.Matches(km, k.TickAll):
		s.list.SetAll(s.list.Remaining() > 0)
	case key.Matches(km, k.Copy):
		if s.canCopy() {
			return tui.Copy("Display Label", s.w.ans.App(s.w.prof))
		}
	case key.Matches(km, k.Next):
		if n := s.list.Remaining(); n > 0 {
			return tui.Status(plural(n, "item is", "items are")+" not ticked yet: space ticks one, a ticks all", tui.KindWarn)
		}
		return s.w.next()
	}
	s.store()
	return nil
}

func (s *create) store() {
	if s.w.ans.Checklist == nil {
		s.w.ans.Checklist = map[string]bool{}
	}
	for _, it := range s.list.Items {
		s.w.ans.Checklist[it.Key] = it.Done
	}
}

func (s *create) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	var b strings.Builder
	b.WriteString(st.Text.Render(tui.Wrap("Do these in JumpCloud's admin console and tick each one off here.", w)) + "\n\n")
	b.WriteString(s.list.View(ctx, w, h-4))
	b.WriteString("\n\n" + st.Muted.Render(tui.Wrap("Keep this window beside the console: the next step gives each value to copy.", w)))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
