package tui

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// fakeStep records what reaches it, so the routing contract can be checked.
type fakeStep struct {
	title  string
	typing bool
	modal  bool
	got    []tea.Msg
	enters int
}

func (s *fakeStep) ShortHelp() []key.Binding  { return nil }
func (s *fakeStep) FullHelp() [][]key.Binding { return nil }
func (s *fakeStep) Title() string             { return s.title }
func (s *fakeStep) Enter() tea.Cmd            { s.enters++; return nil }
func (s *fakeStep) Typing() bool              { return s.typing }
func (s *fakeStep) Modal() bool               { return s.modal }
func (s *fakeStep) View(_ *Context, _, _ int) string {
	return "body of " + s.title
}
func (s *fakeStep) Update(msg tea.Msg) tea.Cmd {
	s.got = append(s.got, msg)
	return nil
}

type otherMsg struct{}

func press(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func newShell(unsaved bool) (*Model, *fakeStep, *fakeStep) {
	a, b := &fakeStep{title: "First"}, &fakeStep{title: "Second"}
	m := New(Config{Steps: []Step{a, b}, Unsaved: func() bool { return unsaved }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	a.got, b.got = nil, nil
	return m, a, b
}

// Keys go only to the shown step; every other message reaches all steps,
// so a background result finds the step that asked for it.
func TestKeysGoToActiveStepOthersToAll(t *testing.T) {
	m, a, b := newShell(false)
	m.Update(press('x'))
	m.Update(otherMsg{})
	if len(a.got) != 2 || len(b.got) != 1 {
		t.Fatalf("first got %d messages, second %d; want 2 and 1", len(a.got), len(b.got))
	}
	if _, ok := b.got[0].(otherMsg); !ok {
		t.Errorf("second step got %T, want otherMsg", b.got[0])
	}
}

func TestNavigationAndHeader(t *testing.T) {
	m, a, b := newShell(false)
	if !strings.Contains(ansi.Strip(m.Render()), "Step 1 of 2") {
		t.Errorf("header lacks 'Step 1 of 2':\n%s", ansi.Strip(m.Render()))
	}
	m.Update(NextMsg{})
	if m.Active() != 1 || b.enters != 1 {
		t.Fatalf("after NextMsg: active %d, second entered %d times", m.Active(), b.enters)
	}
	if v := ansi.Strip(m.Render()); !strings.Contains(v, "Step 2 of 2") || !strings.Contains(v, "body of Second") {
		t.Errorf("second screen:\n%s", v)
	}
	// esc goes back, unless the step has a sub-mode to close first.
	b.modal = true
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.Active() != 1 {
		t.Fatal("esc left a step with an open sub-mode")
	}
	b.modal = false
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.Active() != 0 || a.enters != 1 {
		t.Fatalf("esc: active %d, first entered %d times", m.Active(), a.enters)
	}
}

// "?" toggles the full help, except while a text input has focus, where it
// is a character the admin is typing.
func TestHelpKeyRespectsTyping(t *testing.T) {
	m, a, _ := newShell(false)
	m.Update(press('?'))
	if !m.help.ShowAll || len(a.got) != 0 {
		t.Fatalf("? did not toggle help (showAll %v, step got %d)", m.help.ShowAll, len(a.got))
	}
	a.typing = true
	m.Update(press('?'))
	if !m.help.ShowAll || len(a.got) != 1 {
		t.Fatalf("? while typing: showAll %v, step got %d; want the step to get it", m.help.ShowAll, len(a.got))
	}
}

// ctrl+c quits at once when nothing would be lost, and asks first otherwise.
func TestQuitAsksWhenUnsaved(t *testing.T) {
	m, _, _ := newShell(false)
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if !m.Quitting() {
		t.Fatal("ctrl+c with nothing unsaved should quit")
	}
	m, _, _ = newShell(true)
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if m.Quitting() || !strings.Contains(ansi.Strip(m.Render()), "y quit") {
		t.Fatalf("ctrl+c with unsaved answers should ask:\n%s", ansi.Strip(m.Render()))
	}
	m.Update(press('n'))
	if m.Quitting() || m.confirmQuit {
		t.Fatal("n should keep going")
	}
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	m.Update(press('y'))
	if !m.Quitting() {
		t.Fatal("y should quit")
	}
}

// Copying confirms on the status line what was copied, and also writes
// the native clipboard (OSC 52 goes out through tea.SetClipboard).
func TestCopyConfirmsOnStatusLine(t *testing.T) {
	m, _, _ := newShell(false)
	native := make(chan string, 1)
	m.cfg.Clipboard = func(s string) error { native <- s; return nil }
	_, cmd := m.Update(CopyMsg{Label: "SP Entity ID", Value: "https://app.avoma.com"})
	if !strings.Contains(ansi.Strip(m.Render()), "copied SP Entity ID") {
		t.Errorf("status line lacks the confirmation:\n%s", ansi.Strip(m.Render()))
	}
	startAll(cmd)
	select {
	case got := <-native:
		if got != "https://app.avoma.com" {
			t.Errorf("native clipboard got %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the native clipboard was never written")
	}
}

// startAll starts a command, and each command of a batch, in goroutines;
// some (the status line's timer) wait, so nothing waits for them here.
func startAll(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if batch, ok := cmd().(tea.BatchMsg); ok {
			for _, c := range batch {
				startAll(c)
			}
		}
	}()
}

func TestTooSmallSaysSo(t *testing.T) {
	m, _, _ := newShell(false)
	m.Update(tea.WindowSizeMsg{Width: 70, Height: 20})
	if v := ansi.Strip(m.Render()); !strings.Contains(v, "70×20") || !strings.Contains(v, "80×24") {
		t.Errorf("small terminal:\n%s", v)
	}
}
