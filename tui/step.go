// Package tui is the program shell every flow runs in: the root model that
// routes messages, the Step contract every screen implements, navigation by
// step key with a history, the always-visible header, styles, keys and
// shared widgets. It knows nothing about SAML and no flow's words: a flow
// describes itself with a Flow, and its screens live under steps/.
package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Step is one screen of a flow. The root forwards key presses and pastes
// only to the active step, and every other message to all steps, so a
// background result (a fetch, a write) reaches the step that asked for it
// even after the user moved on. Steps are pointers that share their flow's
// state; Update changes the step and returns commands, never doing I/O.
type Step interface {
	help.KeyMap
	// Key names the step for navigation (Nav.GoTo) and saved sessions:
	// unique in its flow and stable across versions ("import").
	Key() string
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

// Flow is what a flow tells the shell about itself, so the shell holds no
// flow's words. Every field is optional.
type Flow struct {
	// Name names the program in the window title and the too-small notice
	// (the command the user ran).
	Name string
	// Title is the header's right side; nil shows Name. A function, since
	// it may follow the answers (the name and the service provider chosen).
	Title func() string
	// Progress is the header's left part before the step's title, from the
	// active step's 1-based position and the number of steps ("Step 2 of
	// 8"); a progress bar then runs under the header. nil shows neither.
	Progress func(pos, total int) string
	// QuitTitle heads the quit confirmation ("Quit?" when empty), QuitWhy
	// says what would be lost, QuitNote what happens to what was kept.
	QuitTitle, QuitWhy, QuitNote string
}

// Context is what the root shares with the steps: the styles they render
// with, the one KeyMap they match keys against, the way they move, and the
// clock behind their timers.
type Context struct {
	Styles Styles
	Keys   KeyMap
	Nav    Nav
	ticker Ticker
	waiter Waiter
}

// Ticker starts a timer: a command that sends fn's message after d.
// tea.Tick is the real one; tuitest holds timers instead of waiting.
type Ticker func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd

// Tick is tea.Tick through the shell's clock. Steps start every timer with
// it, so a synchronous test harness can hold timers rather than guess how
// long a command may take.
func (c *Context) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if c.ticker == nil {
		return tea.Tick(d, fn)
	}
	return c.ticker(d, fn)
}

// Waiter runs a command that waits on the outside world for as long as
// that takes (a person signing in somewhere else, a server's next event).
// The real shell runs it as any command; tuitest runs it in the background
// and delivers its message when the test asks, so the screen can be
// driven while it waits.
type Waiter func(cmd tea.Cmd) tea.Cmd

// Await is a waiting command through the shell: steps start every command
// that may block for long with it, as they start timers with Tick.
func (c *Context) Await(cmd tea.Cmd) tea.Cmd {
	if c.waiter == nil || cmd == nil {
		return cmd
	}
	return c.waiter(cmd)
}

// Nav is how a step moves its flow from inside Update: the one way to
// navigate. The root applies the move right after the step's Update
// returns, so a key typed just after enter already reaches the next step (a
// move sent as a message would travel through a command and could arrive
// after keys typed ahead).
type Nav struct{ pending *move }

type moveKind int

const (
	moveNone moveKind = iota
	moveNext
	moveBack
	moveTo
	moveRestart
)

type move struct {
	kind moveKind
	key  string
}

func newNav() Nav { return Nav{pending: &move{}} }

// Next asks for the step after the active one in the flow's order; back
// then returns here.
func (n Nav) Next() { *n.pending = move{kind: moveNext} }

// Back asks for the step the user came from.
func (n Nav) Back() { *n.pending = move{kind: moveBack} }

// GoTo asks for the step with the given key; back then returns here.
func (n Nav) GoTo(key string) { *n.pending = move{kind: moveTo, key: key} }

// Restart asks for the step with the given key as if the flow had been
// walked to it: the steps before it in the flow's order become the
// history, so back leads through them (a session resumed mid-way).
func (n Nav) Restart(key string) { *n.pending = move{kind: moveRestart, key: key} }

// take returns and clears the pending move.
func (n Nav) take() move {
	if n.pending == nil {
		return move{}
	}
	m := *n.pending
	*n.pending = move{}
	return m
}

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
