// Package tuitest drives a tui.Model the way a terminal would, but one
// message at a time and synchronously, so every flow's tests read the
// screen after everything a key started has settled. It never guesses how
// long a command may take: timers go through the shell's clock
// (tui.Model.SetTicker) and are held until a test fires them, so every
// other command returns promptly and the harness simply waits for it.
package tuitest

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/tui"
)

// CommandTimeout is how long a command may run before the harness calls it
// stuck: far beyond any real one, since timers never run here.
const CommandTimeout = 10 * time.Second

// Harness drives a tui.Model synchronously: each message is handled, and
// the commands it returns are run and their messages fed back, depth first,
// before Send returns.
type Harness struct {
	// M is the model driven.
	M      *tui.Model
	t      testing.TB
	timers []Timer
	// jobs receive the messages of waiting commands (tui.Context.Await),
	// which run in the background until Await delivers them.
	jobs chan tea.Msg
}

// Timer is a timer the shell or a step started, held until fired.
type Timer struct {
	// After is how long it would have waited.
	After time.Duration
	fire  func(time.Time) tea.Msg
}

// New starts m at width×height: the harness's clock first, then Init and
// the window size, as a program does.
func New(t testing.TB, m *tui.Model, width, height int) *Harness {
	t.Helper()
	h := &Harness{M: m, t: t, jobs: make(chan tea.Msg, 256)}
	m.SetTicker(func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		h.timers = append(h.timers, Timer{After: d, fire: fn})
		return nil
	})
	m.SetWaiter(func(cmd tea.Cmd) tea.Cmd {
		go func() { h.jobs <- cmd() }()
		return nil
	})
	h.Run(m.Init())
	h.Send(tea.WindowSizeMsg{Width: width, Height: height})
	return h
}

// Send handles msg and everything its commands lead to.
func (h *Harness) Send(msg tea.Msg) {
	_, cmd := h.M.Update(msg)
	h.Run(cmd)
}

// Run runs cmd and feeds back its messages. The command runs on its own
// goroutine and the harness waits for its result, so one that never
// returns fails the test with a clear message instead of hanging it.
func (h *Harness) Run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		h.deliver(msg)
	case <-time.After(CommandTimeout):
		h.t.Fatalf("a command did not return within %v; start timers with tui.Context.Tick", CommandTimeout)
	}
}

func (h *Harness) deliver(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			h.Run(c)
		}
	default:
		if programOnly(msg) {
			return
		}
		h.Send(msg)
	}
}

// programOnly reports messages meant for the Bubble Tea program itself
// (clipboard, background-colour query: unexported tea types) and spinner
// frames, an animation with no end to wait for; the harness drops them.
func programOnly(msg tea.Msg) bool {
	if _, ok := msg.(spinner.TickMsg); ok {
		return true
	}
	rest, ok := strings.CutPrefix(fmt.Sprintf("%T", msg), "tea.")
	return ok && rest != "" && unicode.IsLower(rune(rest[0]))
}

// Await delivers the message of the next waiting command to finish
// (tui.Context.Await), failing the test when none does within
// CommandTimeout.
func (h *Harness) Await() {
	h.t.Helper()
	select {
	case msg := <-h.jobs:
		h.deliver(msg)
	case <-time.After(CommandTimeout):
		h.t.Fatalf("no waiting command finished within %v; screen:\n%s", CommandTimeout, h.Screen())
	}
}

// AwaitUntil delivers the messages of waiting commands as they finish
// until done reports true.
func (h *Harness) AwaitUntil(done func() bool) {
	h.t.Helper()
	for !done() {
		h.Await()
	}
}

// Timers are the timers started and not fired yet, oldest first.
func (h *Harness) Timers() []Timer { return append([]Timer(nil), h.timers...) }

// FireTimers fires every held timer, as if its time had come, and
// delivers what each sends.
func (h *Harness) FireTimers() {
	timers := h.timers
	h.timers = nil
	for _, tm := range timers {
		h.Send(tm.fire(time.Now()))
	}
}

// Keys presses each key, by name (see Key).
func (h *Harness) Keys(keys ...string) {
	for _, k := range keys {
		h.Send(Key(k))
	}
}

// Type types text, one key press a character.
func (h *Harness) Type(text string) {
	for _, r := range text {
		h.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// Screen is the screen now, escapes stripped.
func (h *Harness) Screen() string { return ansi.Strip(h.M.Render()) }

// WantScreen fails unless the screen holds every part.
func (h *Harness) WantScreen(parts ...string) {
	h.t.Helper()
	s := h.Screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

// WantPosition fails unless the flow shows its n-th step (1-based).
func (h *Harness) WantPosition(n int) {
	h.t.Helper()
	if got := h.M.Position(); got != n {
		h.t.Fatalf("on step %d (%s), want %d; screen:\n%s", got, h.M.Active(), n, h.Screen())
	}
}

// Key is the key press a name stands for, as key bindings name keys:
// "enter", "esc", "tab", "shift+tab", "space", "up", "down", "left",
// "right", "backspace", "delete", "f1", "ctrl+" a letter, or a character.
func Key(name string) tea.KeyPressMsg {
	if c, ok := strings.CutPrefix(name, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	switch name {
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	case "f1":
		return tea.KeyPressMsg{Code: tea.KeyF1}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}
