package tuitest

import (
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/tui"
)

// echoStep answers a key with a command, and t with a timer.
type echoStep struct {
	ctx     *tui.Context
	lines   []string
	release chan struct{}
}

type echoMsg struct{ text string }

func (s *echoStep) ShortHelp() []key.Binding  { return nil }
func (s *echoStep) FullHelp() [][]key.Binding { return nil }
func (s *echoStep) Key() string               { return "echo" }
func (s *echoStep) Title() string             { return "Echo" }
func (s *echoStep) Enter() tea.Cmd            { return nil }
func (s *echoStep) Typing() bool              { return true }
func (s *echoStep) Modal() bool               { return false }
func (s *echoStep) View(_ *tui.Context, _, _ int) string {
	out := "echo:"
	for _, l := range s.lines {
		out += " " + l
	}
	return out
}
func (s *echoStep) Update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case echoMsg:
		s.lines = append(s.lines, m.text)
	case tea.KeyPressMsg:
		if m.Text == "t" {
			return s.ctx.Tick(time.Hour, func(time.Time) tea.Msg { return echoMsg{"tick"} })
		}
		if m.Text == "w" {
			release := s.release
			return s.ctx.Await(func() tea.Msg { <-release; return echoMsg{"waited"} })
		}
		text := m.Text
		return func() tea.Msg { return echoMsg{text} }
	}
	return nil
}

// A command's result is on the screen when Send returns; a timer is held,
// however long it is, until the test fires it.
func TestHarnessRunsCommandsAndHoldsTimers(t *testing.T) {
	s := &echoStep{}
	m := tui.New(tui.Config{Flow: tui.Flow{Name: "echo"}, Steps: []tui.Step{s}})
	s.ctx = m.Context()
	h := New(t, m, 80, 24)
	h.Type("ab")
	h.WantScreen("echo: a b")
	h.Keys("t")
	if ts := h.Timers(); len(ts) != 1 || ts[0].After != time.Hour {
		t.Fatalf("timers held: %v", ts)
	}
	h.WantScreen("echo: a b")
	h.FireTimers()
	h.WantScreen("echo: a b tick")
	if len(h.Timers()) != 0 {
		t.Error("a fired timer is still held")
	}
}

// A waiting command runs in the background: keys still reach the screen
// while it waits, and Await delivers its message once it has finished.
func TestHarnessAwaitsWaitingCommands(t *testing.T) {
	s := &echoStep{release: make(chan struct{})}
	m := tui.New(tui.Config{Flow: tui.Flow{Name: "echo"}, Steps: []tui.Step{s}})
	s.ctx = m.Context()
	h := New(t, m, 80, 24)
	h.Keys("w", "a")
	h.WantScreen("echo: a")
	close(s.release)
	h.Await()
	h.WantScreen("echo: a waited")
	h.AwaitUntil(func() bool { return true }) // nothing more to wait for
}
