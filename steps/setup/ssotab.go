package setup

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

// ssoTab is step 4: every SSO-tab field with its exact value, copyable with
// one key. The IdP Entity ID is the admin's choice and editable here; so
// are a customizable profile's NameID, format, Sign and attributes.
type ssoTab struct {
	w    *wizard
	list tui.FieldList
	rows []ssoRow
	// editing is the kind of row the editor is open on (rowFixed: none);
	// adding says the editor makes a new attribute.
	editing rowKind
	adding  bool
	editor  input
}

func newSSOTab(w *wizard) *ssoTab { return &ssoTab{w: w} }

func (s *ssoTab) Key() string   { return keySSOTab }
func (s *ssoTab) Title() string { return "The SSO tab" }
func (s *ssoTab) Typing() bool  { return s.editing != rowFixed }
func (s *ssoTab) Modal() bool   { return s.editing != rowFixed }

func (s *ssoTab) Enter() tea.Cmd {
	s.refresh()
	return nil
}

// refresh rebuilds the fields from the profile and the answers, keeping the
// selection; an open editor shows its value live.
func (s *ssoTab) refresh() {
	if s.w.prof == nil {
		return
	}
	sp, acs := s.w.spValues()
	a := s.w.ans
	if s.editing == rowIdP {
		a.IdPEntityID = s.editor.value()
	}
	cur := s.list.Cursor
	s.rows = ssoFields(s.w.prof, a, sp, acs)
	if s.adding {
		cur = s.insertNewAttribute()
	}
	s.list.Fields = s.list.Fields[:0]
	for _, r := range s.rows {
		s.list.Fields = append(s.list.Fields, r.Field)
	}
	s.list.Cursor = min(cur, len(s.list.Fields)-1)
}

// insertNewAttribute puts the row a new attribute is typed in after the
// last attribute (in place of "none"), and returns its index.
func (s *ssoTab) insertNewAttribute() int {
	at := -1
	for i, r := range s.rows {
		if r.kind == rowAttr {
			at = i + 1
		}
	}
	for i, r := range s.rows {
		if r.kind == rowFixed && r.Label == "Attributes" {
			s.rows = slices.Delete(s.rows, i, i+1)
			at = i
			break
		}
	}
	if at < 0 {
		at = len(s.rows) - 2 // before Save and Activate
	}
	row := ssoRow{kind: rowAttr, attr: -1, Field: tui.Field{Label: "New attribute",
		Why: "Type the Service Provider Attribute Name, =, and the JumpCloud Attribute Name (a user field), such as firstName = firstname."}}
	s.rows = slices.Insert(s.rows, at, row)
	return at
}

func (s *ssoTab) row() ssoRow {
	if s.list.Cursor < 0 || s.list.Cursor >= len(s.rows) {
		return ssoRow{}
	}
	return s.rows[s.list.Cursor]
}

func (s *ssoTab) ShortHelp() []key.Binding {
	k := s.w.keys()
	if s.editing != rowFixed {
		var b []key.Binding
		if s.editor.err == nil {
			b = append(b, tui.With(k.Next, "done"))
		}
		return append(b, tui.With(k.Back, "cancel"))
	}
	// Most needed first: at 80 columns the last ones give way to the key
	// that lists them all.
	var b []key.Binding
	r := s.row()
	if r.Value != "" {
		b = append(b, k.Copy)
	}
	switch r.kind {
	case rowIdP, rowNameID, rowAttr:
		b = append(b, k.Edit)
	case rowFormat, rowSign:
		b = append(b, tui.With(k.Edit, "change"))
	}
	if r.kind == rowAttr {
		b = append(b, k.Delete)
	}
	if s.canFinish() {
		b = append(b, k.Next)
	}
	b = append(b, k.Move)
	if s.w.prof != nil && s.w.prof.Customizable {
		b = append(b, tui.With(k.TickAll, "add attribute"))
	}
	return append(b, k.Back)
}

func (s *ssoTab) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// canFinish reports an IdP Entity ID the next steps can work with.
func (s *ssoTab) canFinish() bool {
	sp, _ := s.w.spValues()
	return idpWarning(s.w.ans.IdPEntityID, sp) == ""
}

func (s *ssoTab) Update(msg tea.Msg) tea.Cmd {
	km, isKey := msg.(tea.KeyPressMsg)
	if s.editing != rowFixed {
		return s.updateEditor(msg, km, isKey)
	}
	if !isKey {
		return nil
	}
	k := s.w.keys()
	r := s.row()
	custom := s.w.prof != nil && s.w.prof.Customizable
	switch {
	case key.Matches(km, k.Up), key.Matches(km, k.PrevField):
		s.list.Move(-1)
	case key.Matches(km, k.Down), key.Matches(km, k.NextField):
		s.list.Move(1)
	case key.Matches(km, k.Copy):
		if r.Value == "" {
			return nil // not offered: nothing to copy on this row
		}
		return tui.Copy(r.Label, r.Value)
	case key.Matches(km, k.Edit):
		return s.edit(r)
	case custom && key.Matches(km, k.TickAll):
		s.adding = true
		return s.openEditor(rowAttr, "Attribute", "SP attribute name = JumpCloud field, such as firstName = firstname", "")
	case r.kind == rowAttr && key.Matches(km, k.Delete):
		attrs := s.w.ans.SAML(s.w.prof).Attributes
		s.w.ans.Attributes = slices.Delete(attrs, r.attr, r.attr+1)
		s.refresh()
		return tui.Status("removed the attribute "+r.Value, tui.KindOK)
	case key.Matches(km, k.Next):
		return s.finish()
	}
	return nil
}

// edit opens the editor on the selected row, or moves a choice on.
func (s *ssoTab) edit(r ssoRow) tea.Cmd {
	saml := s.w.ans.SAML(s.w.prof)
	switch r.kind {
	case rowIdP:
		return s.openEditor(rowIdP, profile.LabelIdPEntityID, "jumpcloud-acmecorp", s.w.ans.IdPEntityID)
	case rowNameID:
		return s.openEditor(rowNameID, profile.LabelNameID, "email or username", saml.NameID)
	case rowAttr:
		at := saml.Attributes[r.attr]
		return s.openEditor(rowAttr, "Attribute", "SP attribute name = JumpCloud field", at.Name+" = "+at.JumpCloud)
	case rowFormat:
		s.w.ans.NameIDFormat = nextChoice(profile.NameIDFormats(), saml.NameIDFormat)
	case rowSign:
		s.w.ans.Sign = nextChoice(profile.Signs(), saml.Sign)
	default:
		return nil
	}
	s.refresh()
	return nil
}

func (s *ssoTab) openEditor(kind rowKind, label, placeholder, value string) tea.Cmd {
	s.editing = kind
	s.editor = newInput(label, placeholder, value, s.checkFor(kind))
	s.editor.ti.CursorEnd()
	if kind == rowIdP {
		s.list.Cursor = idpRow
	}
	s.refresh()
	return s.editor.focus()
}

// checkFor is the editor's live check: what the write would refuse.
func (s *ssoTab) checkFor(kind rowKind) func(string) error {
	switch kind {
	case rowIdP:
		return func(v string) error {
			sp, _ := s.w.spValues()
			if warn := idpWarning(v, sp); warn != "" {
				return errors.New(warn)
			}
			return nil
		}
	case rowNameID:
		return ssoconfig.CheckNameID
	case rowAttr:
		return func(v string) error {
			at := ssoconfig.ParseAttribute(v)
			others := slices.Clone(s.w.ans.SAML(s.w.prof).Attributes)
			if r := s.row(); !s.adding && r.kind == rowAttr && r.attr >= 0 {
				others = slices.Delete(others, r.attr, r.attr+1)
			}
			return ssoconfig.CheckAttribute(at, others)
		}
	}
	return nil
}

func (s *ssoTab) updateEditor(msg tea.Msg, km tea.KeyPressMsg, isKey bool) tea.Cmd {
	k := s.w.keys()
	if isKey {
		switch {
		case key.Matches(km, k.Next):
			if err := s.editor.err; err != nil {
				return tui.Status(s.editor.label+" "+err.Error(), tui.KindFail)
			}
			return s.apply()
		case key.Matches(km, k.Back):
			s.closeEditor()
			return nil
		}
	}
	cmd := s.editor.update(msg)
	s.refresh()
	return cmd
}

// apply stores the editor's value and closes it.
func (s *ssoTab) apply() tea.Cmd {
	v := strings.TrimSpace(s.editor.value())
	kind, r := s.editing, s.row()
	var done string
	switch kind {
	case rowIdP:
		s.w.ans.IdPEntityID = v
		done = "IdP Entity ID set: enter this exact value in JumpCloud"
	case rowNameID:
		s.w.ans.NameID = v
		done = "SAMLSubject NameID set to " + v
	case rowAttr:
		at := ssoconfig.ParseAttribute(v)
		attrs := slices.Clone(s.w.ans.SAML(s.w.prof).Attributes)
		if s.adding {
			attrs = append(attrs, at)
		} else {
			attrs[r.attr] = at
		}
		s.w.ans.Attributes = attrs
		done = "attribute " + at.Name + " ← JumpCloud " + at.JumpCloud
	}
	s.closeEditor()
	if kind == rowAttr {
		for i, row := range s.rows {
			if row.kind == rowAttr && row.Value == ssoconfig.ParseAttribute(v).Name {
				s.list.Cursor = i
			}
		}
	}
	return tui.Status(done, tui.KindOK)
}

func (s *ssoTab) closeEditor() {
	s.editing, s.adding = rowFixed, false
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
	return tea.Batch(s.w.saveApp(), s.w.next())
}

func (s *ssoTab) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	intro := st.Text.Render(tui.Wrap("Enter each value on the app's SSO tab; c copies the selected one.", w))
	editor := ""
	if s.editing != rowFixed {
		editor = s.editor.line(ctx, s.list.ValueWidth(w), false)
		if err := s.editor.verdict(); err != nil && s.editor.value() != "" && s.editing != rowIdP {
			intro = st.Fail.Render(tui.Wrap("✗ "+s.editor.name()+" "+samlcheck.Printable(err.Error()), w))
		}
	}
	return intro + "\n\n" + s.list.View(ctx, w, h-2, editor)
}
