// Package tui is the wizard's program shell: the root model that routes
// messages, the Step contract every screen implements, navigation, the
// always-visible "step N of M" header, styles, keys and shared widgets.
// It knows nothing about SAML; the screens live in package steps.
package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Step is one screen of the wizard. The root forwards key presses and
// pastes only to the active step, and every other message to all steps, so
// a background result (a fetch, a write) reaches the step that asked for it
// even after the admin moved on. Steps are pointers that share the wizard's
// state; Update changes the step and returns commands, never doing I/O.
type Step interface {
	help.KeyMap
	// Title is the step's name in the header.
	Title() string
	// Enter is called each time the step becomes the active one.
	Enter() tea.Cmd
	// Update handles a message.
	Update(msg tea.Msg) tea.Cmd
	// View renders the body in the given size; the root clips what overflows.
	View(ctx *Context, width, height int) string
	// Typing reports whether a text input has focus, so printable keys
	// ("?", "c", "space") go to the input instead of their global meaning.
	Typing() bool
	// Modal reports whether the step has a sub-mode (a file picker, an
	// open editor, a confirmation) that esc should close instead of going
	// back a step.
	Modal() bool
}

// Context is what the root shares with the steps while they render.
type Context struct {
	Styles Styles
	Keys   KeyMap
}

// Nav is how a step moves the wizard from inside Update. The root reads it
// right after the step's Update returns, so a key typed just after enter
// already reaches the next step (a NextMsg travels through a command and
// could arrive after keys typed ahead).
type Nav struct{ to *int }

// NewNav returns a Nav to share between the root and the steps.
func NewNav() Nav { return Nav{to: new(int)} }

// Next asks for the next step.
func (n Nav) Next() { *n.to = 1 }

// Back asks for the previous step.
func (n Nav) Back() { *n.to = -1 }

// take returns and clears the pending move.
func (n Nav) take() int {
	if n.to == nil {
		return 0
	}
	d := *n.to
	*n.to = 0
	return d
}

// NextMsg asks the root to move to the next step. A step sends it only
// when its answers are valid, so a page with errors cannot advance.
type NextMsg struct{}

// BackMsg asks the root to move to the previous step.
type BackMsg struct{}

// GoToMsg asks the root to show step Index (0-based).
type GoToMsg struct{ Index int }

// CopyMsg asks the root to copy Value and confirm it with Label.
type CopyMsg struct {
	Label string
	Value string
}

// StatusMsg shows a line in the status bar for a few seconds.
type StatusMsg struct {
	Text string
	Kind Kind
}

// QuitMsg asks the root to end the program without asking.
type QuitMsg struct{}

// Next is a command that sends NextMsg.
func Next() tea.Msg { return NextMsg{} }

// Back is a command that sends BackMsg.
func Back() tea.Msg { return BackMsg{} }

// Quit is a command that sends QuitMsg.
func Quit() tea.Msg { return QuitMsg{} }

// Copy returns a command that copies value, confirming it as "copied LABEL".
func Copy(label, value string) tea.Cmd {
	return func() tea.Msg { return CopyMsg{Label: label, Value: value} }
}

// Status returns a command that shows text in the status line.
func Status(text string, kind Kind) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Kind: kind} }
}
