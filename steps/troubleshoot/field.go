package troubleshoot

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/tui"
)

// field is one labelled path or URL the customer sent, with a hint of
// what it is and, once read, what reading it found.
type field struct {
	label, hint string
	ti          textinput.Model
	// problem is why the value could not be read, for the value problemFor.
	problem, problemFor string
}

func newField(label, hint, placeholder, value string) field {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.Placeholder = placeholder
	ti.CharLimit = 4096
	ti.SetValue(value)
	ti.SetStyles(tui.InputStyles(true))
	return field{label: label, hint: hint, ti: ti}
}

func (f *field) value() string { return strings.TrimSpace(f.ti.Value()) }

func (f *field) update(msg tea.Msg) tea.Cmd {
	// A pasted path arrives with the newline copied after it.
	if p, ok := msg.(tea.PasteMsg); ok {
		msg = tea.PasteMsg{Content: strings.TrimSpace(p.Content)}
	}
	var cmd tea.Cmd
	f.ti, cmd = f.ti.Update(msg)
	return cmd
}

// view is the label, the hint, the input and, when reading failed on this
// very value, why.
func (f *field) view(ctx *tui.Context, w int) string {
	st := ctx.Styles
	label := st.Label.Render(f.label)
	p := f.ti.Prompt
	if f.ti.Focused() {
		label = st.SelectedLabel.Render(f.label)
	} else {
		p = "  "
	}
	width := max(w-ansi.StringWidth(p)-1, 4)
	if f.ti.Width() != width {
		f.ti.SetWidth(width)
		f.ti.SetCursor(f.ti.Position())
	}
	ti := f.ti
	ti.Prompt = p
	ti.SetStyles(st.Input)
	out := label + st.Muted.Render(" "+ansi.Truncate(f.hint, max(w-ansi.StringWidth(f.label)-1, 1), "…")) + "\n" + ti.View()
	if f.problem != "" && f.problemFor == f.ti.Value() {
		out += "\n" + st.Fail.Render(tui.Wrap("✗ "+printable(f.problem), w))
	}
	return out
}
