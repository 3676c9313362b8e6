package setup

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/tui"
)

// ssoTab is step 4: every SSO-tab field with its exact value, copyable with
// one key. The IdP Entity ID is the admin's choice and editable here.
type ssoTab struct {
	w       *wizard
	list    tui.FieldList
	editing bool
	editor  input
}

func newSSOTab(w *wizard) *ssoTab {
	return &ssoTab{w: w, editor: newInput("IdP Entity ID", "jumpcloud-acmecorp", "", profile.CheckEntityID)}
}

func (s *ssoTab) Key() string   { return keySSOTab }
func (s *ssoTab) Title() string { return "The SSO tab" }
func (s *ssoTab) Typing() bool  { return s.editing }
func (s *ssoTab) Modal() bool   { return s.editing }

func (s *ssoTab) Enter() tea.Cmd {
	s.refresh()
	return nil
}

// refresh rebuilds the fields from the profile and the answers, keeping the
// selection.
func (s *ssoTab) refresh() {
	if s.w.prof == nil {
		return
	}
	sp, acs := s.w.spValues()
	a := s.w.ans
	if s.editing {
		a.IdPEntityID = s.editor.value()
	}
	cur := s.list.Cursor
	s.list.Fields = ssoFields(s.w.prof, a, sp, acs)
	s.list.Cursor = min(cur, len(s.list.Fields)-1)
}

func (s *ssoTab) ShortHelp() []key.Binding {
	k := s.w.keys()
	if s.editing {
		return []key.Binding{tui.With(k.Next, "done"), tui.With(k.Back, "cancel")}
	}
	// Most needed first: at 80 columns the last ones give way to "? more keys".
	b := []key.Binding{k.Copy}
	if s.list.Cursor == idpRow {
		b = append(b, k.Edit)
	}
	return append(b, k.Next, k.Move, k.Back)
}

func (s *ssoTab) FullHelp() [][]key.Binding {
	k := s.w.keys()
	return [][]key.Binding{{k.Copy, tui.With(k.Edit, "edit IdP Entity ID")}, {k.Up, k.Down, k.NextField, k.PrevField}, {k.Next, k.Back}}
}

func (s *ssoTab) Update(msg tea.Msg) tea.Cmd {
	km, isKey := msg.(tea.KeyPressMsg)
	if s.editing {
		return s.updateEditor(msg, km, isKey)
	}
	if !isKey {
		return nil
	}
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Up), key.Matches(km, k.PrevField):
		s.list.Move(-1)
	case key.Matches(km, k.Down), key.Matches(km, k.NextField):
		s.list.Move(1)
	case key.Matches(km, k.Copy):
		f := s.list.Selected()
		if f.Value == "" {
			return tui.Status("nothing to copy for "+f.Label, tui.KindInfo)
		}
		return tui.Copy(f.Label, f.Value)
	case key.Matches(km, k.Edit):
		s.list.Cursor = idpRow
		s.editing = true
		s.editor.setValue(s.w.ans.IdPEntityID)
		s.editor.ti.CursorEnd()
		return s.editor.focus()
	case key.Matches(km, k.Next):
		return s.finish()
	}
	return nil
}

func (s *ssoTab) updateEditor(msg tea.Msg, km tea.KeyPressMsg, isKey bool) tea.Cmd {
	k := s.w.keys()
	if isKey {
		switch {
		case key.Matches(km, k.Next):
			s.w.ans.IdPEntityID = strings.TrimSpace(s.editor.value())
			s.closeEditor()
			return tui.Status("IdP Entity ID set: enter this exact value in JumpCloud", tui.KindOK)
		case key.Matches(km, k.Back):
			s.closeEditor()
			return nil
		}
	}
	cmd := s.editor.update(msg)
	s.refresh()
	return cmd
}

func (s *ssoTab) closeEditor() {
	s.editing = false
	s.editor.blur()
	s.refresh()
}

// finish refuses to go on while the IdP Entity ID is missing or wrong.
func (s *ssoTab) finish() tea.Cmd {
	sp, _ := s.w.spValues()
	if warn := idpWarning(s.w.ans.IdPEntityID, sp); warn != "" {
		s.list.Cursor = idpRow
		return tui.Status("IdP Entity ID: "+warn, tui.KindFail)
	}
	return s.w.next()
}

func (s *ssoTab) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	intro := st.Text.Render(tui.Wrap("Enter each value on the app's SSO tab; c copies the selected one.", w))
	editor := ""
	if s.editing {
		ti := s.editor.ti
		ti.SetStyles(st.Input)
		ti.Prompt = ""
		ti.SetWidth(max(w/2-4, 10))
		editor = ti.View()
	}
	return intro + "\n\n" + s.list.View(ctx, w, h-2, editor)
}
