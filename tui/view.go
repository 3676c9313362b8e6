package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// padX is the blank column kept on each side of the screen.
const padX = 1

// View implements tea.Model. Only the root returns a tea.View, and only it
// declares the alternate screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = m.cfg.Flow.Name
	return v
}

// Render returns the screen as a string, for tests and golden files.
func (m *Model) Render() string {
	if m.width < FloorWidth || m.height < FloorHeight {
		return m.tooSmall()
	}
	w := m.innerWidth()
	header := m.header(w)
	footer := m.footer(w)
	bodyH := m.height - lipgloss.Height(header) - lipgloss.Height(footer) - 1
	small := m.width < MinWidth || m.height < MinHeight
	if small {
		bodyH-- // the line that says what is cut
	}
	var body string
	if m.confirmQuit {
		body = m.quitDialog(w, bodyH)
	} else {
		body = m.step().View(&m.ctx, w, bodyH)
	}
	fitted, cut := FitReport(body, w, bodyH)
	if small {
		fitted += "\n" + m.cutNotice(w, cut)
	}
	return indent(header + "\n\n" + fitted + "\n" + footer)
}

// cutNotice says, below MinWidth×MinHeight, what this screen lost to the
// size: lines cut at the bottom, ends of lines cut at the right edge, or
// nothing yet.
func (m *Model) cutNotice(w int, cut Cut) string {
	st := m.ctx.Styles
	size := fmt.Sprintf("%d×%d is under %d×%d", m.width, m.height, MinWidth, MinHeight)
	var what []string
	if cut.Lines > 0 {
		what = append(what, fmt.Sprintf("%d %s cut at the bottom", cut.Lines, pluralWord(cut.Lines, "line", "lines")))
	}
	if cut.Ends > 0 {
		if len(what) == 0 {
			what = append(what, fmt.Sprintf("%d %s cut at the right (…)", cut.Ends, pluralWord(cut.Ends, "line", "lines")))
		} else {
			what = append(what, fmt.Sprintf("%d at the right (…)", cut.Ends))
		}
	}
	text := size + ": nothing on this screen is cut"
	if len(what) > 0 {
		text = size + ": " + strings.Join(what, ", ")
		if more := text + "; enlarge the window"; ansi.StringWidth(more)+2 <= w {
			text = more
		}
	}
	return ansi.Truncate(st.Warn.Render("! "+text), w, "…")
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// indent adds the side margin. Every line already fits (Fit, Truncate), so
// a prefix is enough; a full-screen lipgloss render costs more than the rest
// of a frame.
func indent(s string) string {
	margin := strings.Repeat(" ", padX)
	return margin + strings.ReplaceAll(s, "\n", "\n"+margin)
}

func (m *Model) innerWidth() int { return max(m.width-2*padX, 1) }

// header is the flow's progress ("Step N of M") and the step's title, with
// the flow's title at the right, then the progress bar across the whole
// width.
func (m *Model) header(w int) string {
	st := m.ctx.Styles
	f := m.cfg.Flow
	n := len(m.cfg.Steps)
	left := st.StepTitle.Render(m.step().Title())
	if f.Progress != nil {
		left = st.StepCount.Render(f.Progress(m.active+1, n)) + " " + st.Muted.Render("·") + " " + left
	}
	right := f.Name
	if f.Title != nil {
		right = f.Title()
	}
	right = st.AppName.Render(right)
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	line := left
	if gap >= 2 {
		line += strings.Repeat(" ", gap) + right
	}
	line = ansi.Truncate(line, w, "…")
	if f.Progress == nil {
		return line
	}
	return line + "\n" + m.bar(w, float64(m.active+1)/float64(max(n, 1)))
}

// bar draws the progress with block characters, which read without colour.
func (m *Model) bar(w int, pct float64) string {
	full := int(float64(w)*pct + 0.5)
	full = min(max(full, 0), w)
	st := m.ctx.Styles
	return st.BarFull.Render(strings.Repeat("█", full)) + st.BarEmpty.Render(strings.Repeat("░", w-full))
}

func (m *Model) footer(w int) string {
	status := ""
	if m.status != "" {
		st := m.ctx.Styles
		style := st.Status
		switch m.statusKind {
		case KindWarn:
			style = st.Warn
		case KindFail:
			style = st.Fail
		case KindInfo:
			style = st.Info
		}
		status = ansi.Truncate(st.Mark(m.statusKind)+" "+style.Render(m.status), w, "…")
	}
	if m.help.ShowAll {
		return status + "\n" + m.help.View(m.keys())
	}
	return status + "\n" + m.shortHelp(w)
}

// globalKeys are the keys that work on every screen: the one that shows
// all keys (? when it is not a character being typed, else ctrl+g) and
// the way out.
func (m *Model) globalKeys() []key.Binding {
	k := m.ctx.Keys
	help := k.Help
	if len(m.cfg.Steps) > 0 && m.step().Typing() {
		help = k.HelpAnywhere
	}
	if m.help.ShowAll {
		help = With(help, "fewer keys")
	}
	return []key.Binding{help, k.Quit}
}

// HelpKeys are the keys the help shows now, short and full: the active
// step's and the global ones (for tests that press each one).
func (m *Model) HelpKeys() Bindings { return m.keys() }

// keys is the active step's bindings plus the global ones.
func (m *Model) keys() Bindings {
	k := m.ctx.Keys
	if m.confirmQuit {
		return Bindings{Short: []key.Binding{With(k.Yes, "quit"), With(k.No, "keep going")}}
	}
	s := m.step()
	global := m.globalKeys()
	short := append(append([]key.Binding{}, s.ShortHelp()...), global...)
	full := append(append([][]key.Binding{}, s.FullHelp()...), global)
	return Bindings{Short: short, Full: full}
}

// shortHelp is the one-line help in w cells. It always ends with the key
// that shows all keys and "ctrl+c quit": when the line is too narrow, the
// step's last keys give way (that key lists them all), never the way out.
func (m *Model) shortHelp(w int) string {
	h := m.help
	h.SetWidth(0)
	if m.confirmQuit {
		return h.ShortHelpView(m.keys().Short)
	}
	global := m.globalKeys()
	sepW := lipgloss.Width(h.ShortSeparator)
	room := w - lipgloss.Width(h.ShortHelpView(global)) - sepW
	var kept []key.Binding
	used := 0
	for _, b := range m.step().ShortHelp() {
		if !b.Enabled() {
			continue
		}
		item := ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
		if used > 0 {
			item += sepW
		}
		if used+item > room {
			break
		}
		kept = append(kept, b)
		used += item
	}
	return h.ShortHelpView(append(kept, global...))
}

func (m *Model) quitDialog(w, h int) string {
	st := m.ctx.Styles
	f := m.cfg.Flow
	title := f.QuitTitle
	if title == "" {
		title = "Quit?"
	}
	text := st.Heading.Render(title) + "\n\n"
	if f.QuitWhy != "" {
		text += st.Text.Render(f.QuitWhy) + "\n"
	}
	if f.QuitNote != "" {
		text += st.Muted.Render(f.QuitNote) + "\n"
	}
	text += "\n" + st.Strong.Render("y") + " quit    " + st.Strong.Render("n") + " keep going"
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, st.Dialog.Render(text))
}

func (m *Model) tooSmall() string {
	st := m.ctx.Styles
	name := m.cfg.Flow.Name
	if name == "" {
		name = "this program"
	}
	msg := fmt.Sprintf("This terminal is %d×%d; %s needs at least %d×%d (%d×%d to show every screen whole).\nEnlarge the window (or reduce the font size) to continue.\nctrl+c quits.",
		m.width, m.height, name, FloorWidth, FloorHeight, MinWidth, MinHeight)
	w := max(m.width, 1)
	body := st.Warn.Render(lipgloss.NewStyle().Width(w).Render(msg))
	return lipgloss.Place(w, max(m.height, 1), lipgloss.Center, lipgloss.Center, body)
}

// Fit clips or pads s to exactly h lines of at most w cells, so a step that
// renders too much can never push the header or the help off the screen.
func Fit(s string, w, h int) string {
	out, _ := FitReport(s, w, h)
	return out
}

// Cut is what Fit took away: whole lines at the bottom, and lines whose
// end was cut at the right edge.
type Cut struct{ Lines, Ends int }

// FitReport is Fit, also saying what was cut.
func FitReport(s string, w, h int) (string, Cut) {
	var cut Cut
	if h <= 0 {
		return "", cut
	}
	lines := strings.Split(s, "\n")
	// Blank lines at the end are padding, not content.
	last := len(lines)
	for last > h && strings.TrimSpace(ansi.Strip(lines[last-1])) == "" {
		last--
	}
	if last > h {
		cut.Lines = last - h
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// A cell takes at least one byte, so a short line cannot overflow.
		if len(l) > w && ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
			cut.Ends++
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n"), cut
}
