package setup

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

// input is a labelled text input with live validation: the check runs on
// every change, so the admin sees a mistake while typing it.
type input struct {
	label string
	// short names the field in its verdict ("✗ Excluded admin … is not an
	// e-mail address") and beside it on a short screen, when the label is
	// a sentence or says how to fill it in ("" is label).
	short string
	ti    textinput.Model
	check func(string) error
	err   error
	// failed is a verdict from outside the field (a file that could not be
	// read, a URL that could not be fetched) on the value failedFor; it
	// stands until the value changes, and is worse than any ✓.
	failed    error
	failedFor string
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

// name is what the field is called in a sentence: short, else the label.
func (in *input) name() string {
	if in.short != "" {
		return in.short
	}
	return in.label
}

func (in *input) setValue(s string) {
	in.ti.SetValue(s)
	in.validate()
}

func (in *input) validate() {
	if in.check != nil {
		in.err = in.check(in.ti.Value())
	}
}

// fail records an outside verdict on the value the field holds now.
func (in *input) fail(err error) { in.failed, in.failedFor = err, in.ti.Value() }

// verdict is the field's one verdict, the worst that applies: an outside
// failure on this very value, else the live check.
func (in *input) verdict() error {
	if in.failed != nil && in.failedFor == in.ti.Value() {
		return in.failed
	}
	return in.err
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

// layout gives the input its visible width. The text input scrolls
// horizontally with the cursor only when it knows its width while the
// value changes, so the width lives in the input itself (set here, from
// the view, whenever the screen's size changed) rather than on a copy made
// for one frame, which showed a long value's start and cut its end.
func (in *input) layout(w int) {
	w = max(w, 4)
	if in.ti.Width() != w {
		in.ti.SetWidth(w)
		in.ti.SetCursor(in.ti.Position()) // re-place the visible part around the cursor
	}
}

// line renders the input alone, at most w cells wide: with the "› "
// prompt (blank when the field has no focus), or with none when drawn in
// place of a value.
func (in *input) line(ctx *tui.Context, w int, prompt bool) string {
	p := in.ti.Prompt
	switch {
	case !prompt:
		p = ""
	case !in.ti.Focused():
		p = "  "
	}
	in.layout(w - ansi.StringWidth(p) - 1) // the cursor takes a cell
	ti := in.ti
	ti.Prompt = p
	ti.SetStyles(ctx.Styles.Input)
	return ti.View()
}

// view renders the label, the input and its one verdict (hidden while the
// field is still empty and untouched, so a fresh screen is not all red).
func (in *input) view(ctx *tui.Context, w int) string {
	st := ctx.Styles
	label := st.Label.Render(in.label)
	if in.ti.Focused() {
		label = st.SelectedLabel.Render(in.label)
	}
	out := label + "\n" + in.line(ctx, w-1, true)
	if v := in.verdictLine(ctx, w); v != "" {
		out += "\n" + v
	}
	return out
}

// compactView is view with the label beside the input (labelW cells), for
// screens with little height; the verdict follows only when there is one.
func (in *input) compactView(ctx *tui.Context, w, labelW int) string {
	st := ctx.Styles
	label := st.Label.Render(tuiPad(in.name(), labelW))
	if in.ti.Focused() {
		label = st.SelectedLabel.Render(tuiPad(in.name(), labelW))
	}
	out := label + in.line(ctx, w-labelW, true)
	if v := in.verdictLine(ctx, w); v != "" {
		out += "\n" + v
	}
	return out
}

func (in *input) verdictLine(ctx *tui.Context, w int) string {
	st := ctx.Styles
	v := in.ti.Value()
	switch err := in.verdict(); {
	case err != nil && err == in.failed:
		// An outside failure names what failed itself ("x.xml: no such file").
		// It may quote a server (a body excerpt, a page title).
		return st.Fail.Render(tui.Wrap("✗ "+samlcheck.Printable(err.Error()), w))
	case err != nil && v != "":
		return st.Fail.Render(tui.Wrap("✗ "+in.name()+" "+samlcheck.Printable(err.Error()), w))
	case err == nil && v != "" && in.check != nil:
		if in.okText != nil {
			return st.OK.Render(tui.Wrap("✓ "+in.okText(v), w))
		}
		return st.OK.Render("✓ looks right")
	}
	return ""
}

// tuiPad pads s with spaces to w cells, cutting it with … when longer.
func tuiPad(s string, w int) string {
	s = ansi.Truncate(s, w-1, "…")
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}
