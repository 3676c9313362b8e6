package setup

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// begin is step 1: what is needed, which service provider, and the
// organisation's name (which names the IdP Entity ID and the folder).
type begin struct {
	w      *wizard
	choice int // index in w.profiles
	field  int // 0 the profile list, 1 the organisation
	org    input
	// base is the organisation the derived answers (IdP Entity ID, output
	// folder) were last made from; they follow it unless the admin changed them.
	base     string
	baseProf *profile.Profile
}

func newBegin(w *wizard) *begin {
	s := &begin{w: w, base: w.ans.Org, baseProf: w.prof}
	for i, p := range w.profiles {
		if w.prof != nil && p.ID == w.prof.ID {
			s.choice = i
		}
	}
	s.org = newInput("Organisation name or domain", "such as acmecorp.com", w.ans.Org, checkOrg)
	s.org.okText = func(v string) string {
		return "short name " + profile.NormalizeOrg(v) + ", suggested IdP Entity ID " + s.chosen().SuggestIdPEntityID(v)
	}
	if !s.canSwitch() {
		s.field = 1
	}
	return s
}

func checkOrg(s string) error {
	if profile.NormalizeOrg(s) == "" {
		return fmt.Errorf("needs at least one letter or digit")
	}
	return nil
}

func (s *begin) Key() string   { return keyBegin }
func (s *begin) Title() string { return "Before you begin" }
func (s *begin) Typing() bool  { return s.field == 1 && s.w.offer == nil }
func (s *begin) Modal() bool   { return s.w.offer != nil }

// reset rebuilds the step from the answers (a resumed session).
func (s *begin) reset() {
	*s = *newBegin(s.w)
}

// canSwitch reports a list of profiles to choose from beside the field.
func (s *begin) canSwitch() bool { return !s.w.fixedProfile && len(s.w.profiles) > 1 }

func (s *begin) Enter() tea.Cmd {
	if s.field == 1 {
		return s.org.focus()
	}
	return nil
}

func (s *begin) ShortHelp() []key.Binding {
	k := s.w.keys()
	if s.w.offer != nil {
		return []key.Binding{tui.With(k.Yes, "resume it"), tui.With(k.No, "start afresh")}
	}
	if s.field == 0 {
		return []key.Binding{tui.With(k.Move, "choose"), tui.With(k.NextField, "organisation"), tui.With(k.Next, "organisation")}
	}
	var b []key.Binding
	if s.org.err == nil {
		b = append(b, k.Next)
	}
	if s.canSwitch() {
		b = append(b, tui.With(k.NextField, "service provider"))
	}
	return b
}

func (s *begin) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// chosen is the profile the step shows: the fixed one or the highlighted one.
func (s *begin) chosen() *profile.Profile {
	if s.w.fixedProfile || len(s.w.profiles) == 0 {
		return s.w.prof
	}
	return s.w.profiles[s.choice]
}

func (s *begin) Update(msg tea.Msg) tea.Cmd {
	k := s.w.keys()
	km, isKey := msg.(tea.KeyPressMsg)
	if s.w.offer != nil {
		if !isKey {
			return nil
		}
		cmd := s.w.answerOffer(km)
		if s.w.offer == nil && s.w.resumedFrom == 0 {
			return tea.Batch(cmd, s.Enter()) // afresh: the field takes the keys
		}
		return cmd
	}
	_, isPaste := msg.(tea.PasteMsg)
	if !isKey {
		if s.field == 1 && isPaste {
			cmd := s.org.update(msg)
			s.w.ans.Org = strings.TrimSpace(s.org.value())
			return cmd
		}
		if !isPaste {
			return s.org.update(msg) // cursor blink and the like
		}
		return nil
	}
	switch {
	case key.Matches(km, k.NextField), key.Matches(km, k.PrevField):
		return s.switchField()
	case key.Matches(km, k.Next):
		if s.field == 0 {
			return s.switchField()
		}
		return s.finish()
	case s.field == 0 && key.Matches(km, k.Up):
		s.choice = max(s.choice-1, 0)
	case s.field == 0 && key.Matches(km, k.Down):
		s.choice = min(s.choice+1, len(s.w.profiles)-1)
	case s.field == 1:
		cmd := s.org.update(msg)
		s.w.ans.Org = strings.TrimSpace(s.org.value())
		return cmd
	}
	return nil
}

func (s *begin) switchField() tea.Cmd {
	if !s.canSwitch() {
		return nil
	}
	if s.field == 0 {
		s.field = 1
		return s.org.focus()
	}
	s.field = 0
	s.org.blur()
	return nil
}

// finish stores the answers and moves on, or says what is missing.
func (s *begin) finish() tea.Cmd {
	if s.org.err != nil {
		return tui.Status("type your organisation's name or domain first, such as acmecorp.com", tui.KindFail)
	}
	w := s.w
	p := s.chosen()
	oldOrg, oldProf := s.base, s.baseProf
	org := strings.TrimSpace(s.org.value())
	s.base, s.baseProf = org, p
	// Follow the organisation in derived answers the admin has not changed.
	if w.ans.IdPEntityID == "" || w.ans.IdPEntityID == oldProf.SuggestIdPEntityID(oldOrg) {
		w.ans.IdPEntityID = p.SuggestIdPEntityID(org)
	}
	if w.ans.OutDir == "" || w.ans.OutDir == ssoconfig.DefaultOutDir(oldOrg) {
		w.ans.OutDir = ssoconfig.DefaultOutDir(org)
	}
	w.ans.Org = org
	if !w.fixedProfile {
		w.prof = p
		w.ans.ProfileID, w.ans.ProfilePath = p.ID, ""
	}
	if fill := w.opts.OnProfile; fill != nil {
		fill(w.prof, &w.ans)
	}
	return s.w.next()
}

func (s *begin) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	if s.w.offer != nil {
		return s.w.offerView(ctx, w)
	}
	p := s.chosen()
	var b strings.Builder
	if note := s.w.replaceNote; note != "" {
		b.WriteString(st.Warn.Render(tui.Wrap("! "+note, w)) + "\n\n")
	}
	needs := []string{"JumpCloud's SSO package (or higher) and an admin account that can add SSO applications."}
	if p != nil {
		needs = append(needs, p.Requirements...)
	}
	var bullets []string
	for _, n := range needs {
		bullets = append(bullets, strings.Split(bullet(st.Text.Render, n, w), "\n")...)
	}
	// The profile list and the field always show; on a short screen the
	// list of what is needed gives way, marked, never the field.
	room := h - strings.Count(b.String(), "\n") - 1 - s.rest(w)
	if len(bullets) > room {
		bullets = append(bullets[:max(room-1, 0)], st.Muted.Render("    … (a taller window shows the rest)"))
	}
	b.WriteString(st.Heading.Render("You will need") + "\n")
	b.WriteString(strings.Join(bullets, "\n") + "\n")
	b.WriteString("\n" + st.Heading.Render("Service provider") + "\n")
	if s.w.fixedProfile || len(s.w.profiles) < 2 {
		if p != nil {
			b.WriteString("  " + st.Strong.Render(p.Name) + st.Muted.Render(" — "+p.Description) + "\n")
		}
	} else {
		for i, pr := range s.w.profiles {
			mark, name := "  ( ) ", st.Text.Render(pr.Name)
			if i == s.choice {
				mark, name = "  (•) ", st.Strong.Render(pr.Name)
				if s.field == 0 {
					mark = st.Cursor.Render("› (•) ")
				}
			}
			line := mark + name + st.Muted.Render(" — "+pr.Description)
			b.WriteString(tui.Fit(line, w, 1) + "\n")
		}
	}
	b.WriteString("\n" + s.org.view(ctx, w))
	return b.String()
}

// rest is the height of the screen below "You will need": the service
// provider part and the field with its verdict.
func (s *begin) rest(w int) int {
	n := 2 + 1 // blank, heading, and at least one profile line
	if s.canSwitch() {
		n += len(s.w.profiles) - 1
	}
	return n + 1 + 3 // blank, label, input, verdict
}

// bullet wraps text as a list item with a hanging indent.
func bullet(render func(...string) string, text string, w int) string {
	lines := strings.Split(tui.Wrap(text, w-4), "\n")
	for i, l := range lines {
		prefix := "    "
		if i == 0 {
			prefix = "  • "
		}
		lines[i] = prefix + render(l)
	}
	return strings.Join(lines, "\n")
}
