package setup

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/tui"
)

// assign is step 5: who may use the app. JumpCloud lets a user in only
// through a user group bound to the app.
type assign struct{ w *wizard }

func newAssign(w *wizard) *assign { return &assign{w: w} }

func (s *assign) Key() string    { return keyAssign }
func (s *assign) Title() string  { return "Assign users or groups" }
func (s *assign) Typing() bool   { return false }
func (s *assign) Modal() bool    { return false }
func (s *assign) Enter() tea.Cmd { return nil }

func (s *assign) ShortHelp() []key.Binding {
	return []key.Binding{s.w.keys().Next, s.w.keys().Back}
}

func (s *assign) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *assign) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, s.w.keys().Next) {
		return s.w.next()
	}
	return nil
}

func (s *assign) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	p := s.w.prof
	if p == nil {
		return ""
	}
	name := s.w.ans.App(p)
	var b strings.Builder
	b.WriteString(st.Text.Render(tui.Wrap("JumpCloud lets a user sign in to "+name+" only through a user group bound to the app.", w)) + "\n\n")
	items := []string{
		"Open the app's User Groups tab.",
		"Tick a small test group first, and make sure you are in it: you will be the first to try the sign-in.",
		"Click Save.",
	}
	for i, it := range items {
		b.WriteString(numbered(st.Text.Render, i+1, it, w) + "\n")
	}
	b.WriteString("\n")
	if p.Access.Scope == profile.ScopeAdmins {
		b.WriteString(st.Warn.Render(tui.Wrap("! Only admins sign in to "+name+" through SSO. Bind the people who are "+name+" admins.", w)) + "\n")
	}
	if p.Access.AdminsMustExist {
		b.WriteString(st.Warn.Render(tui.Wrap("! "+name+" does not create accounts: each person's JumpCloud e-mail must already belong to a "+name+" admin, or their sign-in fails after JumpCloud lets them through.", w)) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(tui.Wrap("A user who is not in a bound group sees a JumpCloud page saying they have not been given access. Add everyone else once the test sign-in works.", w)))
	return b.String()
}

// numbered wraps text as a numbered list item with a hanging indent.
func numbered(render func(...string) string, n int, text string, w int) string {
	lines := strings.Split(tui.Wrap(text, w-5), "\n")
	for i, l := range lines {
		prefix := "     "
		if i == 0 {
			prefix = "  " + strconv.Itoa(n) + ". "
		}
		lines[i] = prefix + render(l)
	}
	return strings.Join(lines, "\n")
}
