package tuitest

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Frames wraps a program's model and keeps the last frame it rendered,
// for tests of a real Bubble Tea program (teatest): the terminal output
// holds only the cells that changed between frames, so tests read whole
// frames here, and WaitFor wakes on each new frame instead of polling.
type Frames struct {
	tea.Model
	mu   sync.Mutex
	last string
	next chan struct{}
}

// NewFrames wraps m.
func NewFrames(m tea.Model) *Frames { return &Frames{Model: m, next: make(chan struct{}, 1)} }

// Update implements tea.Model, keeping the wrapper as the program's model.
func (f *Frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := f.Model.Update(msg)
	return f, cmd
}

// View implements tea.Model and records the frame.
func (f *Frames) View() tea.View {
	v := f.Model.View()
	f.mu.Lock()
	f.last = ansi.Strip(v.Content)
	f.mu.Unlock()
	select {
	case f.next <- struct{}{}:
	default:
	}
	return v
}

// Last is the last frame rendered, escapes stripped.
func (f *Frames) Last() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last
}

// WaitFor waits until a frame shows text, failing after timeout.
func (f *Frames) WaitFor(t testing.TB, text string, timeout time.Duration) {
	t.Helper()
	deadline := time.After(timeout)
	for !strings.Contains(f.Last(), text) {
		select {
		case <-f.next:
		case <-deadline:
			t.Fatalf("no frame showed %q; last:\n%s", text, f.Last())
		}
	}
}
