package setup

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// rollout is step 7, per the profile's rules: optional enforcement with
// excluded admins, or the warning that every session ends when SSO goes
// live and the admin's confirmation that users were told.
type rollout struct {
	w     *wizard
	field int // optional: 0 enforce, 1 add admin, 2 excluded list
	pick  int // selected excluded admin
	admin input
	// warned is set once the admin saw the no-exclusion warning.
	warned bool
}

func newRollout(w *wizard) *rollout {
	admin := newInput("Exclude an admin from enforcement (e-mail, enter adds)", "type an admin's e-mail", "", checkEmail)
	admin.short = "Excluded admin"
	return &rollout{w: w, admin: admin}
}

// checkEmail is the admin field's live verdict: empty is fine (nothing to
// add), anything else must be an address the write will take. It names
// the value, as the field's verdict reads "✗ Excluded admin "owner@acmecorp"
// is not an e-mail address".
func checkEmail(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if err := ssoconfig.CheckExcludedAdmin(s); err != nil {
		return fmt.Errorf("%q %w", s, err)
	}
	return nil
}

func (s *rollout) optional() bool {
	return s.w.prof != nil && s.w.prof.Rollout.Mode != profile.RolloutSessionsEnd
}

func (s *rollout) Key() string   { return keyRollout }
func (s *rollout) Title() string { return "Roll out" }
func (s *rollout) Typing() bool  { return s.optional() && s.field == 1 }
func (s *rollout) Modal() bool   { return false }

func (s *rollout) Enter() tea.Cmd {
	if s.optional() && s.field == 1 {
		return s.admin.focus()
	}
	return nil
}

func (s *rollout) ShortHelp() []key.Binding {
	k := s.w.keys()
	if !s.optional() {
		if s.w.ans.UsersNotified {
			return []key.Binding{tui.With(k.Toggle, "untick"), k.Next, k.Back}
		}
		return []key.Binding{tui.With(k.Toggle, "confirm"), k.Back}
	}
	n := len(s.w.ans.ExcludedAdmins)
	var b []key.Binding
	switch s.field {
	case 0:
		b = append(b, tui.With(k.Toggle, "switch"), k.Next)
	case 1:
		switch typed := strings.TrimSpace(s.admin.value()); {
		case typed != "" && s.admin.verdict() == nil:
			b = append(b, tui.With(k.Next, "add"))
		case typed == "":
			b = append(b, k.Next)
		}
	default:
		if n > 0 {
			b = append(b, k.Delete)
		}
		b = append(b, k.Next)
		if n > 1 {
			b = append(b, k.Move)
		}
	}
	return append(b, k.NextField, k.Back)
}

func (s *rollout) FullHelp() [][]key.Binding {
	if !s.optional() {
		return [][]key.Binding{s.ShortHelp()}
	}
	return [][]key.Binding{s.ShortHelp(), {s.w.keys().PrevField}}
}

func (s *rollout) Update(msg tea.Msg) tea.Cmd {
	km, isKey := msg.(tea.KeyPressMsg)
	if !s.optional() {
		if isKey {
			return s.keySessionsEnd(km)
		}
		return nil
	}
	if !isKey {
		if s.field == 1 {
			return s.admin.update(msg)
		}
		return nil
	}
	k := s.w.keys()
	a := &s.w.ans
	switch {
	case key.Matches(km, k.NextField):
		return s.focus(s.field + 1)
	case key.Matches(km, k.PrevField):
		return s.focus(s.field - 1)
	case s.field == 0 && key.Matches(km, k.Toggle):
		a.EnforceSSO = !a.EnforceSSO
	case s.field == 1 && key.Matches(km, k.Next) && strings.TrimSpace(s.admin.value()) != "":
		return s.addAdmin()
	case s.field == 2 && key.Matches(km, k.Up):
		s.pick = max(s.pick-1, 0)
	case s.field == 2 && key.Matches(km, k.Down):
		s.pick = min(s.pick+1, max(len(a.ExcludedAdmins)-1, 0))
	case s.field == 2 && key.Matches(km, k.Delete) && len(a.ExcludedAdmins) > 0:
		a.ExcludedAdmins = slices.Delete(a.ExcludedAdmins, s.pick, s.pick+1)
		s.pick = min(s.pick, max(len(a.ExcludedAdmins)-1, 0))
	case key.Matches(km, k.Next):
		if a.EnforceSSO && len(a.ExcludedAdmins) == 0 && !s.warned {
			// Said on the screen, not only in the status line, so the
			// second enter is a decision made reading it.
			s.warned = true
			return nil
		}
		return s.w.next()
	case s.field == 1:
		return s.admin.update(msg)
	}
	return nil
}

func (s *rollout) addAdmin() tea.Cmd {
	if s.admin.err != nil {
		return tui.Status("that is not an e-mail address", tui.KindFail)
	}
	v := strings.TrimSpace(s.admin.value())
	p := s.w.prof
	if i := slices.IndexFunc(s.w.ans.ExcludedAdmins, func(e string) bool { return p.SameEmail(e, v) }); i >= 0 {
		s.admin.fail(fmt.Errorf("%s is already excluded, as %s (%s)", v, s.w.ans.ExcludedAdmins[i], p.EmailRule()))
		return nil
	}
	s.w.ans.ExcludedAdmins = append(s.w.ans.ExcludedAdmins, v)
	s.admin.setValue("")
	return tui.Status("excluded "+v+" from enforcement", tui.KindOK)
}

func (s *rollout) focus(i int) tea.Cmd {
	s.field = (i + 3) % 3
	if s.field == 1 {
		return s.admin.focus()
	}
	s.admin.blur()
	return nil
}

func (s *rollout) keySessionsEnd(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Toggle):
		s.w.ans.UsersNotified = !s.w.ans.UsersNotified
	case key.Matches(km, k.Next):
		if !s.w.ans.UsersNotified {
			return tui.Status("tell your users first, then tick the confirmation with space", tui.KindFail)
		}
		return s.w.next()
	}
	return nil
}

func (s *rollout) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	p := s.w.prof
	if p == nil {
		return ""
	}
	a := s.w.ans
	var b strings.Builder
	if !s.optional() {
		b.WriteString(st.Warn.Render(tui.Wrap("! "+p.Rollout.Note, w)) + "\n\n")
		if p.SignIn != "" {
			b.WriteString(st.Text.Render(tui.Wrap("Tell them how to sign in afterwards: "+p.SignIn, w)) + "\n\n")
		}
		box := "[ ]"
		if a.UsersNotified {
			box = st.OK.Render("[✓]")
		}
		b.WriteString(st.Cursor.Render("› ") + box + " " + st.SelectedLabel.Render("I told my users that every session ends when SSO goes live."))
		return b.String()
	}
	b.WriteString(st.Text.Render(tui.Wrap(p.Rollout.Note, w)) + "\n")
	if p.Rollout.Where != "" {
		b.WriteString(st.Muted.Render(tui.Wrap("Where: "+p.Rollout.Where, w)) + "\n")
	}
	b.WriteString("\n")
	who := "users"
	if p.Access.Scope == profile.ScopeAdmins {
		who = "admins"
	}
	sw := "off: both sign-in methods work"
	if a.EnforceSSO {
		sw = "on: " + who + " must sign in through JumpCloud"
	}
	marker := "  "
	if s.field == 0 {
		marker = st.Cursor.Render("› ")
	}
	b.WriteString(marker + st.SelectedLabel.Render("Enforce SSO  ") + st.Value.Render(sw) + "\n")
	if s.warned && a.EnforceSSO && len(a.ExcludedAdmins) == 0 {
		b.WriteString(st.Warn.Render(tui.Wrap("! No admin is excluded: if sign-in through JumpCloud breaks, nobody gets in. enter again continues without one.", w)) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(s.admin.view(ctx, w) + "\n\n")
	b.WriteString(st.Label.Render("Excluded admins") + "\n")
	if len(a.ExcludedAdmins) == 0 {
		b.WriteString(st.Muted.Render("  none yet"))
	}
	rows := make([]string, len(a.ExcludedAdmins))
	for i, e := range a.ExcludedAdmins {
		rows[i] = "  " + e
		if s.field == 2 && i == s.pick {
			rows[i] = st.Cursor.Render("› ") + st.SelectedLabel.Render(e)
		}
	}
	start, end := tui.Window(len(rows), s.pick, max(h-strings.Count(b.String(), "\n")-1, 2))
	b.WriteString(tui.ScrollHints(ctx, strings.Join(rows[start:end], "\n"), start, end, len(rows), w))
	return b.String()
}
