package tuitest

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/tui"
)

// keysStep shows x, which counts on the screen, c, which counts only in
// the test's extra state (a copy), and z, which does nothing.
type keysStep struct{ xs, copies int }

var (
	keyX = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "count"))
	keyC = key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy"))
	keyZ = key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "nothing"))
)

func (s *keysStep) ShortHelp() []key.Binding  { return []key.Binding{keyX, keyC, keyZ} }
func (s *keysStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
func (s *keysStep) Key() string               { return "keys" }
func (s *keysStep) Title() string             { return "Keys" }
func (s *keysStep) Enter() tea.Cmd            { return nil }
func (s *keysStep) Typing() bool              { return false }
func (s *keysStep) Modal() bool               { return false }
func (s *keysStep) View(_ *tui.Context, _, _ int) string {
	return fmt.Sprintf("pressed x %d times", s.xs)
}
func (s *keysStep) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.KeyPressMsg); ok {
		switch m.Text {
		case "x":
			s.xs++
		case "c":
			s.copies++
		}
	}
	return nil
}

// errorsOf records what a check reports instead of failing the test.
type errorsOf struct {
	testing.TB
	errs []string
}

func (e *errorsOf) Errorf(format string, args ...any) {
	e.errs = append(e.errs, fmt.Sprintf(format, args...))
}

// The one checker of every flow's help line (setup, troubleshoot, the
// live test use it, review item C6): a key that changes the screen or the
// flow's extra state acts; one that changes neither is reported, by its
// help, and nothing else is.
func TestCheckShownKeysReportsOnlyTheKeyThatDoesNothing(t *testing.T) {
	rec := &errorsOf{TB: t}
	CheckShownKeys(rec, "keys", func() (*Harness, func() string) {
		s := &keysStep{}
		h := New(t, tui.New(tui.Config{Flow: tui.Flow{Name: "keys"}, Steps: []tui.Step{s}}), 80, 24)
		return h, func() string { return fmt.Sprint(s.copies) }
	})
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], `"z nothing" is shown but does nothing`) {
		t.Errorf("reported %q, want only z", rec.errs)
	}
}
