package setup

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

// input is a labelled text input with live validation: the check runs on
// every change, so the admin sees a mistake while typing it.
type input struct {
	label string
	ti    textinput.Model
	check func(string) error
	err   error
	// okText, when set, says what a valid value leads to.
	okText func(string) string
}

func newInput(label, placeholder, value string, check func(string) error) input {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.Placeholder = placeholder
	ti.CharLimit = 2048
	ti.SetValue(value)
	ti.SetStyles(tui.InputStyles(true)) // the cursor mode; colours follow the terminal at render
	in := input{label: label, ti: ti, check: check}
	in.validate()
	return in
}

func (in *input) value() string { return in.ti.Value() }

func (in *input) setValue(s string) {
	in.ti.SetValue(s)
	in.validate()
}

func (in *input) validate() {
	if in.check != nil {
		in.err = in.check(in.ti.Value())
	}
}

func (in *input) focus() tea.Cmd { return in.ti.Focus() }
func (in *input) blur()          { in.ti.Blur() }
func (in *input) focused() bool  { return in.ti.Focused() }

// update feeds a message to the input and re-checks its value.
func (in *input) update(msg tea.Msg) tea.Cmd {
	// Pasted text arrives with the newline the admin copied; values here
	// are single tokens, so surrounding space is never meant.
	if p, ok := msg.(tea.PasteMsg); ok {
		msg = tea.PasteMsg{Content: strings.TrimSpace(p.Content)}
	}
	var cmd tea.Cmd
	in.ti, cmd = in.ti.Update(msg)
	in.validate()
	return cmd
}

// view renders the label, the input and its live verdict (hidden while the
// field is still empty and untouched, so a fresh screen is not all red).
func (in input) view(ctx *tui.Context, w int) string {
	st := ctx.Styles
	label := st.Label.Render(in.label)
	if in.ti.Focused() {
		label = st.SelectedLabel.Render(in.label)
	}
	ti := in.ti
	ti.SetStyles(st.Input)
	if !ti.Focused() {
		ti.Prompt = "  "
	}
	ti.SetWidth(max(w-4, 10))
	line := ti.View()
	verdict := ""
	switch {
	case in.err != nil && in.ti.Value() != "":
		verdict = st.Fail.Render("✗ ") + st.Fail.Render(tui.Wrap(in.label+" "+samlcheck.Printable(in.err.Error()), w-2))
	case in.err == nil && in.ti.Value() != "" && in.check != nil:
		verdict = st.OK.Render("✓ looks right")
		if in.okText != nil {
			verdict = st.OK.Render(tui.Fit("✓ "+in.okText(in.ti.Value()), w, 1))
		}
	}
	out := label + "\n" + line
	if verdict != "" {
		out += "\n" + verdict
	}
	return out
}
