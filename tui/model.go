package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// MinWidth and MinHeight are the smallest terminal every screen is laid
// out for in full. Below it the shell still lays screens out at the real
// size, down to FloorWidth×FloorHeight, and says on the screen what was cut
// (the ends of long lines, the last lines of a screen); below the floor
// there is no room for the header, the help and a line of content, and it
// only asks for a bigger window.
const (
	MinWidth    = 80
	MinHeight   = 20
	FloorWidth  = 40
	FloorHeight = 12
)

// statusTTL is how long a status line stays before it clears itself.
const statusTTL = 5 * time.Second

// Config wires the shell to a flow's steps and to the outside world. Every
// hook is optional.
type Config struct {
	// Flow is the flow's description: its name, title, progress and quit
	// wording.
	Flow Flow
	// Steps are the screens, in the flow's order (what Nav.Next follows).
	Steps []Step
	// Start is the key of the first step shown (for resume); empty or
	// unknown is the first step. The steps before it count as visited, so
	// back leads through them.
	Start string
	// OnStepChange runs after the active step changed (to save the session).
	OnStepChange func(key string) tea.Cmd
	// Unsaved reports answers that would be lost by quitting now; ctrl+c
	// then asks first.
	Unsaved func() bool
	// Clipboard writes the native clipboard; its error is ignored because
	// many machines (SSH sessions, servers) have none and OSC 52 is also sent.
	Clipboard func(string) error
	// Init is run once at start, besides the shell's own commands.
	Init tea.Cmd
	// OnMsg sees every message the root does not handle itself, before
	// the steps do (for state shared by all steps, such as the session).
	OnMsg func(tea.Msg) tea.Cmd
}

// Model is the shell's root: it owns the size, styles, help, status line,
// the history of steps and the quit confirmation, handles global messages
// first, then routes the rest to the active step.
type Model struct {
	cfg    Config
	ctx    Context
	help   help.Model
	active int
	// history holds the steps visited before the active one, most recent
	// last: next and GoTo push, back pops.
	history     []int
	width       int
	height      int
	status      string
	statusKind  Kind
	statusSeq   int
	confirmQuit bool
	quit        bool
}

type clearStatusMsg struct{ seq int }

// New returns the root model. Styles start dark until the terminal answers
// the background-colour query.
func New(cfg Config) *Model {
	m := &Model{cfg: cfg, help: help.New(), width: MinWidth, height: MinHeight}
	m.ctx = Context{Styles: NewStyles(true), Keys: DefaultKeyMap(), Nav: newNav()}
	m.help.Styles = m.ctx.Styles.Help
	if i := m.index(cfg.Start); i > 0 {
		m.active = i
		for j := range i {
			m.history = append(m.history, j)
		}
	}
	return m
}

// SetTicker replaces the clock behind every timer the shell and its steps
// start (Context.Tick); call it before Init. tuitest holds timers with it.
func (m *Model) SetTicker(t Ticker) { m.ctx.ticker = t }

// SetWaiter replaces how waiting commands run (Context.Await); call it
// before Init. tuitest runs them in the background with it.
func (m *Model) SetWaiter(w Waiter) { m.ctx.waiter = w }

// Active returns the key of the step shown.
func (m *Model) Active() string {
	if len(m.cfg.Steps) == 0 {
		return ""
	}
	return m.step().Key()
}

// Position returns the 1-based place of the step shown in the flow's order.
func (m *Model) Position() int { return m.active + 1 }

// Status is the status line shown now and its tone ("" for none).
func (m *Model) Status() (string, Kind) { return m.status, m.statusKind }

// ShowingAllKeys reports whether the full help is open.
func (m *Model) ShowingAllKeys() bool { return m.help.ShowAll }

// Quitting reports whether the program is ending.
func (m *Model) Quitting() bool { return m.quit }

// Context returns the styles, keys and navigation the steps use.
func (m *Model) Context() *Context { return &m.ctx }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.cfg.Init}
	if len(m.cfg.Steps) > 0 {
		cmds = append(cmds, m.cfg.Steps[m.active].Enter())
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(m.innerWidth())
		return m, m.broadcast(msg)
	case tea.BackgroundColorMsg:
		m.ctx.Styles = NewStyles(msg.IsDark())
		m.help.Styles = m.ctx.Styles.Help
		return m, m.broadcast(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.PasteMsg:
		if m.confirmQuit {
			return m, nil
		}
		return m, m.navigate(m.step().Update(msg))
	case tea.InterruptMsg:
		return m, m.askQuit()
	case CopyMsg:
		return m, m.copy(msg)
	case StatusMsg:
		return m, m.setStatus(msg.Text, msg.Kind)
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return m, nil
	case QuitMsg:
		m.quit = true
		return m, tea.Quit
	}
	var cmd tea.Cmd
	if m.cfg.OnMsg != nil {
		cmd = m.cfg.OnMsg(msg)
	}
	return m, tea.Batch(cmd, m.broadcast(msg))
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.ctx.Keys
	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes), key.Matches(msg, k.Quit):
			m.quit = true
			return tea.Quit
		case key.Matches(msg, k.No), key.Matches(msg, k.Back):
			m.confirmQuit = false
		}
		return nil
	}
	// A status answers the previous key; the next key clears it (a new
	// one may follow from this key's commands).
	m.status = ""
	s := m.step()
	switch {
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.HelpAnywhere), key.Matches(msg, k.Help) && !s.Typing():
		m.help.ShowAll = !m.help.ShowAll
		return nil
	case key.Matches(msg, k.Back) && !s.Modal():
		return m.back()
	}
	return m.navigate(s.Update(msg))
}

// askQuit quits at once when nothing would be lost, and asks otherwise.
func (m *Model) askQuit() tea.Cmd {
	if m.cfg.Unsaved != nil && m.cfg.Unsaved() {
		m.confirmQuit = true
		return nil
	}
	m.quit = true
	return tea.Quit
}

func (m *Model) copy(msg CopyMsg) tea.Cmd {
	cmds := []tea.Cmd{tea.SetClipboard(msg.Value), m.setStatus("copied "+msg.Label, KindOK)}
	if clip := m.cfg.Clipboard; clip != nil {
		v := msg.Value
		cmds = append(cmds, func() tea.Msg {
			_ = clip(v) // no native clipboard (SSH, headless): OSC 52 was sent
			return nil
		})
	}
	return tea.Batch(cmds...)
}

func (m *Model) setStatus(text string, kind Kind) tea.Cmd {
	m.statusSeq++
	m.status, m.statusKind = text, kind
	seq := m.statusSeq
	return m.ctx.Tick(statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

// broadcast forwards a message to every step: results of commands belong
// to the step that started them, whichever step is shown now.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.cfg.Steps))
	for _, s := range m.cfg.Steps {
		cmds = append(cmds, s.Update(msg))
	}
	return m.navigate(tea.Batch(cmds...))
}
