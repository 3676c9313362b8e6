package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// fakeStep records what reaches it, so the routing contract can be
// checked; n asks for the next step, g for the step named by goTo.
type fakeStep struct {
	key    string
	title  string
	typing bool
	modal  bool
	got    []tea.Msg
	enters int
	ctx    *Context
	goTo   string
	body   string
}

func (s *fakeStep) ShortHelp() []key.Binding  { return nil }
func (s *fakeStep) FullHelp() [][]key.Binding { return nil }
func (s *fakeStep) Key() string               { return s.key }
func (s *fakeStep) Title() string             { return s.title }
func (s *fakeStep) Enter() tea.Cmd            { s.enters++; return nil }
func (s *fakeStep) Typing() bool              { return s.typing }
func (s *fakeStep) Modal() bool               { return s.modal }
func (s *fakeStep) View(_ *Context, _, _ int) string {
	if s.body != "" {
		return s.body
	}
	return "body of " + s.title
}
func (s *fakeStep) Update(msg tea.Msg) tea.Cmd {
	s.got = append(s.got, msg)
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.Text {
		case "n":
			s.ctx.Nav.Next()
		case "g":
			s.ctx.Nav.GoTo(s.goTo)
		case "r":
			s.ctx.Nav.Restart(s.goTo)
		}
	}
	return nil
}

type otherMsg struct{}

func press(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

var esc = tea.KeyPressMsg{Code: tea.KeyEscape}

var testFlow = Flow{
	Name:      "demo flow",
	Title:     func() string { return "demo · subject" },
	Progress:  func(pos, total int) string { return fmt.Sprintf("Step %d of %d", pos, total) },
	QuitTitle: "Leave the demo?",
	QuitWhy:   "Something typed here is not kept.",
	QuitNote:  "Come back with --again.",
}

// newFlow builds a shell over steps with the given keys, at 80×24.
func newFlow(cfg Config, keys ...string) (*Model, []*fakeStep) {
	var fakes []*fakeStep
	for _, k := range keys {
		s := &fakeStep{key: k, title: strings.ToUpper(k[:1]) + k[1:]}
		fakes = append(fakes, s)
		cfg.Steps = append(cfg.Steps, s)
	}
	if cfg.Flow.Name == "" {
		cfg.Flow = testFlow
	}
	m := New(cfg)
	for _, s := range fakes {
		s.ctx = m.Context()
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, s := range fakes {
		s.got = nil
	}
	return m, fakes
}

func newShell(unsaved bool) (*Model, *fakeStep, *fakeStep) {
	m, s := newFlow(Config{Unsaved: func() bool { return unsaved }}, "first", "second")
	return m, s[0], s[1]
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
	if v := ansi.Strip(m.Render()); !strings.Contains(v, "Step 1 of 2 · First") || !strings.Contains(v, "demo · subject") {
		t.Errorf("header lacks the flow's progress and title:\n%s", v)
	}
	m.Update(press('n'))
	if m.Active() != "second" || m.Position() != 2 || b.enters != 1 {
		t.Fatalf("after Nav.Next: active %q (%d), second entered %d times", m.Active(), m.Position(), b.enters)
	}
	if v := ansi.Strip(m.Render()); !strings.Contains(v, "Step 2 of 2") || !strings.Contains(v, "body of Second") {
		t.Errorf("second screen:\n%s", v)
	}
	// esc goes back, unless the step has a sub-mode to close first.
	b.modal = true
	m.Update(esc)
	if m.Active() != "second" {
		t.Fatal("esc left a step with an open sub-mode")
	}
	b.modal = false
	m.Update(esc)
	if m.Active() != "first" || a.enters != 1 {
		t.Fatalf("esc: active %q, first entered %d times", m.Active(), a.enters)
	}
	m.Update(esc)
	if m.Active() != "first" {
		t.Fatalf("esc on the first step moved to %q", m.Active())
	}
}

// Back returns to where the user came from, not to the step before in
// the flow's order: GoTo and next push, back pops.
func TestBackReturnsWhereYouCameFrom(t *testing.T) {
	m, s := newFlow(Config{}, "begin", "middle", "review")
	s[2].goTo = "begin"
	m.Update(press('n'))
	m.Update(press('n'))
	m.Update(press('g')) // review → begin, as a step sends the admin back to fix something
	if m.Active() != "begin" {
		t.Fatalf("GoTo: on %q", m.Active())
	}
	m.Update(esc)
	if m.Active() != "review" {
		t.Fatalf("back after GoTo: on %q, want review", m.Active())
	}
	for _, want := range []string{"middle", "begin", "begin"} {
		m.Update(esc)
		if m.Active() != want {
			t.Fatalf("back: on %q, want %q", m.Active(), want)
		}
	}
}

// A flow started on a later step (resume) counts the steps before it as
// visited, so back leads through them; an unknown start is the first step.
func TestStartKeyAndHistory(t *testing.T) {
	m, _ := newFlow(Config{Start: "review"}, "begin", "middle", "review")
	if m.Active() != "review" || m.Position() != 3 {
		t.Fatalf("start: on %q", m.Active())
	}
	m.Update(esc)
	if m.Active() != "middle" {
		t.Fatalf("back from a resumed step: on %q, want middle", m.Active())
	}
	if m, _ := newFlow(Config{Start: "gone"}, "begin", "review"); m.Active() != "begin" {
		t.Fatalf("unknown start: on %q", m.Active())
	}
}

// A key typed right after the one that moved the flow reaches the new
// step: the move is applied before the next message is handled.
func TestKeysTypedAheadReachTheNextStep(t *testing.T) {
	m, s := newFlow(Config{}, "first", "second")
	changes := 0
	m.cfg.OnStepChange = func(string) tea.Cmd { changes++; return nil }
	m.Update(press('n'))
	m.Update(press('x'))
	if len(s[1].got) != 1 || changes != 1 {
		t.Fatalf("second step got %d messages, %d step changes; want the x and one change", len(s[1].got), changes)
	}
}

// The shell's words come from the flow: the window title, the quit
// confirmation and the too-small notice.
func TestFlowWordsComeFromTheFlow(t *testing.T) {
	m, _ := newFlow(Config{Unsaved: func() bool { return true }}, "only")
	if v := m.View(); v.WindowTitle != "demo flow" || !v.AltScreen {
		t.Errorf("window title %q, alt screen %v", v.WindowTitle, v.AltScreen)
	}
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	v := ansi.Strip(m.Render())
	for _, want := range []string{"Leave the demo?", "Something typed here is not kept.", "Come back with --again.", "y quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("quit dialog lacks %q:\n%s", want, v)
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 30, Height: 20})
	if v := ansi.Strip(m.Render()); !strings.Contains(strings.Join(strings.Fields(v), " "), "demo flow needs at least 40×12") {
		t.Errorf("too small:\n%s", v)
	}
}

// A status line clears itself through the shell's clock, which a harness
// can hold and fire.
func TestStatusClearsThroughTheTicker(t *testing.T) {
	m, _ := newFlow(Config{}, "only")
	var fire func(time.Time) tea.Msg
	m.SetTicker(func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		fire = fn
		return nil
	})
	m.Update(StatusMsg{Text: "saved", Kind: KindOK})
	if !strings.Contains(ansi.Strip(m.Render()), "✓ saved") || fire == nil {
		t.Fatalf("status not shown, or no timer started:\n%s", ansi.Strip(m.Render()))
	}
	m.Update(fire(time.Now()))
	if strings.Contains(ansi.Strip(m.Render()), "saved") {
		t.Error("the status line did not clear when its timer fired")
	}
}

// "?" toggles the full help, except while a text input has focus, where it
// is a character the admin is typing; ctrl+g (or F1) toggles it on every
// screen, and the help line shows it while a field has focus, so all keys
// can be seen while typing too.
func TestHelpKeyRespectsTyping(t *testing.T) {
	m, a, _ := newShell(false)
	m.Update(press('?'))
	if !m.help.ShowAll || len(a.got) != 0 {
		t.Fatalf("? did not toggle help (showAll %v, step got %d)", m.help.ShowAll, len(a.got))
	}
	m.Update(press('?'))
	a.typing = true
	if help := lastLine(m); !strings.HasSuffix(help, "ctrl+g more keys • ctrl+c quit") {
		t.Errorf("help line while typing: %q", help)
	}
	m.Update(press('?'))
	if m.help.ShowAll || len(a.got) != 1 {
		t.Fatalf("? while typing: showAll %v, step got %d; want the step to get it", m.help.ShowAll, len(a.got))
	}
	for _, k := range []tea.KeyPressMsg{{Code: 'g', Mod: tea.ModCtrl}, {Code: tea.KeyF1}} {
		m.Update(k)
		if !m.help.ShowAll || len(a.got) != 1 {
			t.Fatalf("%s while typing: showAll %v, step got %d", k, m.help.ShowAll, len(a.got))
		}
		if !strings.Contains(ansi.Strip(m.Render()), "ctrl+g fewer keys") {
			t.Errorf("full help does not say how to close it:\n%s", ansi.Strip(m.Render()))
		}
		m.Update(k)
	}
	a.typing = false
	if help := lastLine(m); !strings.HasSuffix(help, "? more keys • ctrl+c quit") {
		t.Errorf("help line not typing: %q", help)
	}
}

func lastLine(m *Model) string {
	lines := strings.Split(ansi.Strip(m.Render()), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
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

// Below the floor the shell only asks for a bigger window.
func TestTooSmallSaysSo(t *testing.T) {
	m, _, _ := newShell(false)
	m.Update(tea.WindowSizeMsg{Width: 39, Height: 20})
	if v := ansi.Strip(m.Render()); !strings.Contains(v, "39×20") || !strings.Contains(v, "at least 40×12") {
		t.Errorf("small terminal:\n%s", v)
	}
}

// Every size from 80×20 up is laid out with no notice; under it, down to
// the floor, the screen is laid out at its real size and says what it cut.
func TestSmallSizesAreLaidOutAndSayWhatIsCut(t *testing.T) {
	m, a, _ := newShell(false)
	for _, sz := range [][2]int{{80, 20}, {100, 20}, {120, 40}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := ansi.Strip(m.Render())
		if lines := strings.Split(v, "\n"); len(lines) != sz[1] || strings.Contains(v, " is under ") || !strings.Contains(v, "body of First") {
			t.Errorf("%dx%d: %d lines\n%s", sz[0], sz[1], len(lines), v)
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 79, Height: 24})
	if v := ansi.Strip(m.Render()); !strings.Contains(v, "body of First") || !strings.Contains(v, "79×24 is under 80×20: nothing on this screen is cut") {
		t.Errorf("79x24:\n%s", v)
	}
	a.body = strings.Repeat("a long line that runs past the edge of a seventy-nine column screen, surely, yes it does\n", 30)
	v := ansi.Strip(m.Render())
	if !strings.Contains(v, "79×24 is under 80×20: 12 lines cut at the bottom, 18 at the right (…)") {
		t.Errorf("79x24, too much:\n%s", v)
	}
	if lines := strings.Split(v, "\n"); len(lines) != 24 {
		t.Errorf("79x24 has %d lines", len(lines))
	}
}

// Restart shows a step as if the flow had been walked to it: back then
// leads through every step before it, not to where the restart began.
func TestRestartCountsEarlierStepsAsVisited(t *testing.T) {
	m, s := newFlow(Config{}, "one", "two", "three", "four")
	s[0].goTo = "three"
	m.Update(press('r'))
	if m.Active() != "three" {
		t.Fatalf("on %q, want three", m.Active())
	}
	m.Update(esc)
	if m.Active() != "two" {
		t.Fatalf("back from a restart went to %q, want two", m.Active())
	}
	m.Update(esc)
	m.Update(esc)
	if m.Active() != "one" {
		t.Fatalf("on %q, want one", m.Active())
	}
}
