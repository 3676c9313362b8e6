package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles are every style the shell and its flows use, by meaning rather
// than by colour. They are rebuilt when the terminal reports its background
// colour, so the same names read well on light and dark terminals. Nothing relies on colour
// alone: selection has a marker, findings have a symbol, so a screen still
// reads under NO_COLOR (Bubble Tea's colour profile strips the colours).
type Styles struct {
	IsDark bool

	// Header and progress.
	StepCount lipgloss.Style
	StepTitle lipgloss.Style
	AppName   lipgloss.Style
	BarFull   lipgloss.Style
	BarEmpty  lipgloss.Style

	// Body text.
	Heading lipgloss.Style
	Text    lipgloss.Style
	Muted   lipgloss.Style
	Strong  lipgloss.Style
	Code    lipgloss.Style

	// Lists and fields.
	Label         lipgloss.Style
	Value         lipgloss.Style
	Cursor        lipgloss.Style
	SelectedLabel lipgloss.Style
	Why           lipgloss.Style
	Box           lipgloss.Style

	// Outcomes.
	OK   lipgloss.Style
	Warn lipgloss.Style
	Fail lipgloss.Style
	Info lipgloss.Style

	// Footer and dialogs.
	Status lipgloss.Style
	Dialog lipgloss.Style

	Help  help.Styles
	Input textinput.Styles
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5B3CC4"), lipgloss.Color("#B7A4FF"))
	muted := ld(lipgloss.Color("#5F6B76"), lipgloss.Color("#9AA4AE"))
	faint := ld(lipgloss.Color("#C8CDD2"), lipgloss.Color("#3A4048"))
	green := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#56D364"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#E3B341"))
	red := ld(lipgloss.Color("#C21F2C"), lipgloss.Color("#FF7B72"))
	blue := ld(lipgloss.Color("#0B5FC4"), lipgloss.Color("#79C0FF"))

	s := Styles{IsDark: isDark}
	s.StepCount = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.StepTitle = lipgloss.NewStyle().Bold(true)
	s.AppName = lipgloss.NewStyle().Foreground(muted)
	s.BarFull = lipgloss.NewStyle().Foreground(accent)
	s.BarEmpty = lipgloss.NewStyle().Foreground(faint)

	s.Heading = lipgloss.NewStyle().Bold(true)
	s.Text = lipgloss.NewStyle()
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Strong = lipgloss.NewStyle().Bold(true)
	s.Code = lipgloss.NewStyle().Foreground(blue)

	s.Label = lipgloss.NewStyle().Foreground(muted)
	s.Value = lipgloss.NewStyle().Foreground(blue)
	s.Cursor = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.SelectedLabel = lipgloss.NewStyle().Bold(true)
	s.Why = lipgloss.NewStyle().Foreground(muted).Italic(true)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1)

	s.OK = lipgloss.NewStyle().Foreground(green)
	s.Warn = lipgloss.NewStyle().Foreground(amber)
	s.Fail = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Info = lipgloss.NewStyle().Foreground(blue)

	s.Status = lipgloss.NewStyle().Foreground(green)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(amber).Padding(0, 2)

	s.Help = help.DefaultStyles(isDark)
	s.Help.ShortKey = s.Help.ShortKey.Foreground(ld(lipgloss.Color("#4A4A4A"), lipgloss.Color("#B0B0B0")))
	s.Help.FullKey = s.Help.ShortKey
	s.Help.ShortDesc = s.Help.ShortDesc.Foreground(muted)
	s.Help.FullDesc = s.Help.ShortDesc

	s.Input = InputStyles(isDark)
	return s
}

// InputStyles are the text inputs' styles alone, for building an input
// without every other style.
func InputStyles(isDark bool) textinput.Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5B3CC4"), lipgloss.Color("#B7A4FF"))
	muted := ld(lipgloss.Color("#5F6B76"), lipgloss.Color("#9AA4AE"))
	in := textinput.DefaultStyles(isDark)
	in.Focused.Prompt = lipgloss.NewStyle().Foreground(accent)
	in.Focused.Placeholder = lipgloss.NewStyle().Foreground(muted)
	in.Blurred.Placeholder = lipgloss.NewStyle().Foreground(muted)
	in.Blurred.Prompt = lipgloss.NewStyle().Foreground(muted)
	// A steady cursor: blinking redraws the screen twice a second for
	// nothing, and is harder on some readers.
	in.Cursor.Blink = false
	return in
}

// Symbol is an outcome's one-character mark, so a reader without colour
// still sees the difference: ✓ ok, i information, ! warning, ✗ failure.
func Symbol(kind Kind) string {
	switch kind {
	case KindOK:
		return "✓"
	case KindWarn:
		return "!"
	case KindFail:
		return "✗"
	}
	return "i"
}

// Tone is the style of an outcome's kind.
func (s Styles) Tone(kind Kind) lipgloss.Style {
	switch kind {
	case KindOK:
		return s.OK
	case KindWarn:
		return s.Warn
	case KindFail:
		return s.Fail
	}
	return s.Info
}

// Mark is an outcome's symbol in its tone.
func (s Styles) Mark(kind Kind) string { return s.Tone(kind).Render(Symbol(kind)) }

// Kind is the tone of a status line or a list mark.
type Kind int

// The kinds of status and marks.
const (
	KindInfo Kind = iota
	KindOK
	KindWarn
	KindFail
)
