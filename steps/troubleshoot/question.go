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

// questionStep asks the walk's questions one at a time. Each answer walks
// again: the next question, or the diagnosis. esc goes back one question
// (its answer kept and shown), and an answer changed there walks again
// from it; the evidence and the other answers stay.
type questionStep struct {
	t      *session
	cursor int
}

func newQuestionStep(t *session) *questionStep { return &questionStep{t: t} }

func (s *questionStep) Key() string  { return keyQuestion }
func (s *questionStep) Typing() bool { return false }

// Modal while an earlier question exists: esc returns to it rather than
// leaving the questions.
func (s *questionStep) Modal() bool { return s.t.at > 0 }

func (s *questionStep) Title() string {
	if q, ok := s.question(); ok {
		return q.Topic
	}
	return "Questions"
}

// question is the question shown, with what the evidence says about it.
func (s *questionStep) question() (diagnose.Question, bool) {
	t := s.t
	if t.at < 0 || t.at >= len(t.path) {
		return diagnose.Question{}, false
	}
	id := t.path[t.at]
	if t.res != nil && t.res.Next != nil && t.res.Next.ID == id {
		return *t.res.Next, true
	}
	if t.res != nil && t.res.Diagnosis != nil && t.res.Diagnosis.ConfirmWith != nil && t.res.Diagnosis.ConfirmWith.ID == id {
		return *t.res.Diagnosis.ConfirmWith, true
	}
	return diagnose.QuestionByID(id, t.words)
}

func (s *questionStep) Enter() tea.Cmd {
	t := s.t
	t.showEvidence = false
	if t.jump != "" {
		at := -1
		for i, id := range t.path {
			if id == t.jump {
				at = i
			}
		}
		if at < 0 {
			t.path = append(t.path, t.jump)
			at = len(t.path) - 1
		}
		t.at, t.jump = at, ""
	}
	if len(t.path) == 0 && t.res != nil && t.res.Next != nil {
		t.path, t.at = []string{t.res.Next.ID}, 0
	}
	s.cursorToAnswer()
	return nil
}

// cursorToAnswer puts the cursor on the answer given before, if any.
func (s *questionStep) cursorToAnswer() {
	s.cursor = 0
	q, ok := s.question()
	if !ok {
		return
	}
	given := s.t.answerTo(q.ID)
	for i, c := range q.Choices {
		if c.Value == given {
			s.cursor = i
		}
	}
}

func (s *questionStep) ShortHelp() []key.Binding {
	k := s.t.keys()
	q, ok := s.question()
	if !ok {
		return []key.Binding{k.Back}
	}
	pick := k.Number
	pick.SetKeys(numberKeys(len(q.Choices))...)
	pick.SetHelp(fmt.Sprintf("1-%d", len(q.Choices)), "answer")
	back := k.Back
	if s.t.at > 0 {
		back = tui.With(k.Back, "previous question")
	}
	b := []key.Binding{tui.With(k.Next, "answer"), pick, back}
	if !s.t.wideScreen() {
		b = append(b, s.t.detailsKey())
	}
	if !s.t.showEvidence {
		// The choices are hidden behind the evidence: nothing to move through.
		b = append(b, k.Move)
	}
	return append(b, k.Yes, k.No)
}

func (s *questionStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *questionStep) Update(msg tea.Msg) tea.Cmd {
	s.t.observe(msg)
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	q, ok := s.question()
	if !ok {
		return nil
	}
	k := s.t.keys()
	switch {
	case key.Matches(km, k.Back):
		// Only reached while an earlier question exists (Modal).
		s.t.at--
		s.t.showEvidence = false
		s.cursorToAnswer()
	case key.Matches(km, k.Details) && !s.t.wideScreen():
		s.t.showEvidence = !s.t.showEvidence
	case key.Matches(km, k.Up) && !s.t.showEvidence:
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(km, k.Down) && !s.t.showEvidence:
		s.cursor = min(s.cursor+1, len(q.Choices)-1)
	case key.Matches(km, k.Number):
		if n, err := strconv.Atoi(km.String()); err == nil && n >= 1 && n <= len(q.Choices) {
			s.answer(q, q.Choices[n-1].Value)
		}
	case key.Matches(km, k.Yes):
		s.answer(q, diagnose.AnswerYes)
	case key.Matches(km, k.No):
		s.answer(q, diagnose.AnswerNo)
	case key.Matches(km, k.Next):
		s.answer(q, q.Choices[s.cursor].Value)
	}
	return nil
}

// answer records the answer and walks on: the questions after this one
// are asked again as the walk now chooses them.
func (s *questionStep) answer(q diagnose.Question, value string) {
	t := s.t
	t.answer(q.ID, value)
	t.showEvidence = false
	t.path = t.path[:t.at+1]
	if r := t.res; r != nil && r.Diagnosis == nil && r.Next != nil {
		t.path = append(t.path, r.Next.ID)
		t.at++
		s.cursorToAnswer()
		return
	}
	t.ui.Nav.GoTo(keyDiagnosis)
}

func (s *questionStep) View(ctx *tui.Context, w, h int) string {
	return s.t.layout(ctx, w, h, func(w, h int) string {
		st := ctx.Styles
		q, ok := s.question()
		if !ok {
			return st.Muted.Render("No question is left.")
		}
		var b strings.Builder
		b.WriteString(st.Heading.Render(tui.Wrap(q.Ask, w)) + "\n\n")
		b.WriteString(st.Text.Render(tui.Wrap("Where to look: "+q.Where, w)) + "\n")
		if q.Note != "" {
			b.WriteString("\n" + st.Info.Render(tui.Wrap(printable(q.Note), w)) + "\n")
		}
		b.WriteString("\n")
		given := s.t.answerTo(q.ID)
		for i, c := range q.Choices {
			marker, label := "  ", st.Text.Render(c.Label)
			if i == s.cursor {
				marker, label = st.Cursor.Render("› "), st.SelectedLabel.Render(c.Label)
			}
			if c.Value == given {
				label += st.Muted.Render("  (the answer given)")
			}
			b.WriteString(fmt.Sprintf("%s%d  %s\n", marker, i+1, label))
		}
		if s.t.at > 0 {
			b.WriteString("\n" + st.Muted.Render(tui.Wrap("esc goes back to the previous question; changing an answer there asks again from it, keeping everything else.", w)))
		}
		return b.String()
	})
}
