package troubleshoot

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui"
)

// symptomStep is the first screen: what the customer sees, as a list.
type symptomStep struct {
	t      *session
	cursor int
}

func newSymptomStep(t *session) *symptomStep {
	s := &symptomStep{t: t}
	for i, id := range diagnose.SymptomIDs() {
		if id == t.symptom {
			s.cursor = i
		}
	}
	return s
}

func (s *symptomStep) Key() string   { return keySymptom }
func (s *symptomStep) Title() string { return "What does the customer see?" }
func (s *symptomStep) Typing() bool  { return false }
func (s *symptomStep) Modal() bool   { return false }
func (s *symptomStep) Enter() tea.Cmd {
	s.t.showEvidence = false
	return nil
}

func (s *symptomStep) ShortHelp() []key.Binding {
	k := s.t.keys()
	pick := k.Number
	n := len(diagnose.SymptomIDs())
	pick.SetKeys(numberKeys(n)...)
	pick.SetHelp(fmt.Sprintf("1-%d", n), "pick")
	return []key.Binding{tui.With(k.Next, "choose"), pick, k.Move}
}

func (s *symptomStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func numberKeys(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i + 1)
	}
	return out
}

func (s *symptomStep) Update(msg tea.Msg) tea.Cmd {
	s.t.observe(msg)
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := s.t.keys()
	ids := diagnose.SymptomIDs()
	switch {
	case key.Matches(km, k.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(km, k.Down):
		s.cursor = min(s.cursor+1, len(ids)-1)
	case key.Matches(km, k.Number):
		if n, err := strconv.Atoi(km.String()); err == nil && n >= 1 && n <= len(ids) {
			s.cursor = n - 1
			s.choose()
		}
	case key.Matches(km, k.Next):
		s.choose()
	}
	return nil
}

// choose settles the symptom and moves on; the evidence and answers so
// far are kept (they are facts, whatever the symptom).
func (s *symptomStep) choose() {
	s.t.symptom = diagnose.SymptomIDs()[s.cursor]
	s.t.walk()
	s.t.ui.Nav.Next()
}

func (s *symptomStep) View(ctx *tui.Context, w, h int) string {
	return s.t.layout(ctx, w, h, func(w, h int) string {
		st := ctx.Styles
		var b strings.Builder
		b.WriteString(st.Text.Render(tui.Wrap("Pick what the customer reports. jcsso then checks what they sent, asks what only JumpCloud's console or "+s.t.words.SP+" shows, and names the cause and the fix.", w)) + "\n\n")
		var rows []string
		cursorRow := 0
		for i, sym := range diagnose.Symptoms(s.t.words) {
			marker, title := "  ", st.Text.Render
			if i == s.cursor {
				marker, title = st.Cursor.Render("› "), st.SelectedLabel.Render
				cursorRow = len(rows)
			}
			lines := strings.Split(tui.Wrap(sym.Title, w-5), "\n")
			for j, l := range lines {
				prefix := "     "
				if j == 0 {
					prefix = fmt.Sprintf("%s%d  ", marker, i+1)
				}
				rows = append(rows, prefix+title(l))
			}
		}
		if sym, ok := diagnose.SymptomByID(diagnose.SymptomIDs()[s.cursor], s.t.words); ok && sym.Helps != "" {
			rows = append(rows, "")
			for _, l := range strings.Split(tui.Wrap("Helps most: "+sym.Helps+".", w), "\n") {
				rows = append(rows, st.Muted.Render(l))
			}
		}
		listH := max(h-2, 3)
		start, end := tui.Window(len(rows), cursorRow, listH)
		return b.String() + tui.ScrollHints(ctx, strings.Join(rows[start:end], "\n"), start, end, len(rows), w)
	})
}
