package troubleshoot

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui"
)

// diagnosisStep is the last screen: the cause, its evidence and its fix,
// in the service provider's words; the report for the ticket is written
// (w) or copied (c) from here, and any answer can be changed (e).
type diagnosisStep struct {
	t      *session
	scroll int
	// choosing is the list of answers to change, open; cursor in it.
	choosing bool
	cursor   int
	// rows and listH are the body's length and room when last shown.
	rows, listH int
}

func newDiagnosisStep(t *session) *diagnosisStep { return &diagnosisStep{t: t} }

func (s *diagnosisStep) Key() string  { return keyDiagnosis }
func (s *diagnosisStep) Typing() bool { return false }
func (s *diagnosisStep) Modal() bool  { return s.choosing }

func (s *diagnosisStep) Title() string {
	if r := s.t.res; r != nil && r.Diagnosis != nil {
		return "The cause"
	}
	return "What is known"
}

func (s *diagnosisStep) Enter() tea.Cmd {
	s.scroll, s.choosing, s.cursor = 0, false, 0
	s.t.showEvidence = false
	return nil
}

// changeable are the questions e offers: the one that would confirm a
// cause that is only the one left, then every one answered.
func (s *diagnosisStep) changeable() []string {
	var ids []string
	if r := s.t.res; r != nil && r.Diagnosis != nil && r.Diagnosis.ConfirmWith != nil {
		ids = append(ids, r.Diagnosis.ConfirmWith.ID)
	}
	for _, a := range s.t.answers {
		if !slices.Contains(ids, a.Question) {
			ids = append(ids, a.Question)
		}
	}
	return ids
}

func (s *diagnosisStep) ShortHelp() []key.Binding {
	k := s.t.keys()
	if s.choosing {
		b := []key.Binding{tui.With(k.Next, "ask it")}
		if len(s.changeable()) > 1 {
			b = append(b, k.Move)
		}
		return append(b, tui.With(k.Back, "close"))
	}
	b := []key.Binding{tui.With(k.Write, "write the report"), tui.With(k.Copy, "copy the report"), tui.With(k.Next, "finish")}
	if len(s.changeable()) > 0 {
		edit := "change an answer"
		if r := s.t.res; r != nil && r.Diagnosis != nil && r.Diagnosis.ConfirmWith != nil {
			edit = "confirm it or change an answer"
		}
		b = append(b, tui.With(k.Edit, edit))
	}
	if !s.t.wideScreen() {
		b = append(b, s.t.detailsKey())
	}
	if s.maxScroll() > 0 {
		b = append(b, tui.With(k.Move, "scroll"))
	}
	return append(b, k.Back)
}

func (s *diagnosisStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *diagnosisStep) Update(msg tea.Msg) tea.Cmd {
	s.t.observe(msg)
	switch m := msg.(type) {
	case reportWrittenMsg:
		return s.t.reportWritten(m)
	case tea.KeyPressMsg:
		return s.key(m)
	}
	return nil
}

func (s *diagnosisStep) key(km tea.KeyPressMsg) tea.Cmd {
	k := s.t.keys()
	if s.choosing {
		ids := s.changeable()
		switch {
		case key.Matches(km, k.Back):
			s.choosing = false
		case key.Matches(km, k.Up):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(km, k.Down):
			s.cursor = min(s.cursor+1, len(ids)-1)
		case key.Matches(km, k.Next):
			s.choosing = false
			s.t.jump = ids[s.cursor]
			s.t.ui.Nav.GoTo(keyQuestion)
		}
		return nil
	}
	switch {
	case key.Matches(km, k.Write):
		return s.t.writeReport(false)
	case key.Matches(km, k.Copy):
		return s.t.copyReport()
	case key.Matches(km, k.Edit) && len(s.changeable()) > 0:
		s.choosing, s.cursor = true, 0
	case key.Matches(km, k.Next):
		return s.t.finish()
	case key.Matches(km, k.Details) && !s.t.wideScreen():
		s.t.showEvidence = !s.t.showEvidence
	case key.Matches(km, k.Up):
		s.scroll = max(s.scroll-1, 0)
	case key.Matches(km, k.Down):
		s.scroll = min(s.scroll+1, s.maxScroll())
	}
	return nil
}

func (s *diagnosisStep) maxScroll() int {
	if s.choosing || s.t.showEvidence {
		return 0
	}
	return max(s.rows-s.listH, 0)
}

func (s *diagnosisStep) View(ctx *tui.Context, w, h int) string {
	return s.t.layout(ctx, w, h, func(w, h int) string {
		if s.choosing {
			return s.choiceView(ctx, w)
		}
		rows := s.bodyRows(ctx, w)
		s.rows, s.listH = len(rows), h
		scroll := min(s.scroll, max(len(rows)-h, 0))
		end := min(scroll+h, len(rows))
		return tui.ScrollHints(ctx, strings.Join(rows[scroll:end], "\n"), scroll, end, len(rows), w)
	})
}

// bodyRows are the diagnosis as lines: the cause with the values that
// prove it, how sure, the fix, the evidence, the other causes.
func (s *diagnosisStep) bodyRows(ctx *tui.Context, w int) []string {
	st := ctx.Styles
	t := s.t
	var rows []string
	add := func(style func(...string) string, text string, indent int) {
		for _, l := range strings.Split(tui.Wrap(printable(text), w-indent), "\n") {
			rows = append(rows, strings.Repeat(" ", indent)+style(l))
		}
	}
	r := t.res
	if r == nil {
		add(st.Muted.Render, "Choose a symptom first.", 0)
		return rows
	}
	if d := r.Diagnosis; d != nil {
		add(st.Fail.Render, d.Title, 0)
		if d.Confirmed {
			add(st.Muted.Render, "Confirmed by the evidence ("+d.Cause+").", 0)
		} else {
			sure := "The only cause left (" + d.Cause + "), not confirmed."
			if d.ConfirmWith != nil {
				sure += " To confirm it, e asks: " + d.ConfirmWith.Ask
			}
			add(st.Warn.Render, sure, 0)
		}
		rows = append(rows, "", st.Heading.Render("Fix"))
		add(st.Text.Render, d.Fix, 2)
		if len(d.Also) > 0 {
			rows = append(rows, "")
			add(st.Warn.Render, "Also confirmed, fix these too: "+strings.Join(d.Also, ", "), 0)
		}
		if len(d.Evidence) > 0 {
			rows = append(rows, "", st.Heading.Render("Evidence"))
			for _, e := range d.Evidence {
				lines := strings.Split(tui.Wrap(printable(e), w-4), "\n")
				for i, l := range lines {
					prefix := "    "
					if i == 0 {
						prefix = "  • "
					}
					rows = append(rows, prefix+st.Text.Render(l))
				}
			}
		}
	} else {
		add(st.Warn.Render, "No diagnosis: "+noDiagnosisWords(r), 0)
	}
	var possible, ruledOut []string
	for _, c := range r.Causes {
		switch {
		case r.Diagnosis != nil && c.ID == r.Diagnosis.Cause:
		case c.Status == diagnose.StatusPossible:
			possible = append(possible, c.ID)
		case c.Status == diagnose.StatusRuledOut:
			ruledOut = append(ruledOut, c.ID)
		}
	}
	rows = append(rows, "")
	if len(possible) > 0 {
		add(st.Muted.Render, "Still possible: "+strings.Join(possible, ", "), 0)
	}
	if len(ruledOut) > 0 {
		add(st.Muted.Render, "Ruled out: "+strings.Join(ruledOut, ", "), 0)
	}
	if t.reportPath != "" {
		rows = append(rows, "")
		add(st.OK.Render, "✓ The report is written to "+t.reportPath+".", 0)
	}
	return rows
}

// noDiagnosisWords say why there is none (the walk's words).
func noDiagnosisWords(r *diagnose.Result) string {
	return r.Undecided() + ". Write the report for the ticket (w) and escalate it."
}

// choiceView lists the questions e can ask again.
func (s *diagnosisStep) choiceView(ctx *tui.Context, w int) string {
	st := ctx.Styles
	var b strings.Builder
	b.WriteString(st.Heading.Render("Which question?") + "\n\n")
	for i, id := range s.changeable() {
		q, _ := diagnose.QuestionByID(id, s.t.words)
		text := q.Topic + ": " + answerLabel(s.t.answerTo(id))
		if s.t.answerTo(id) == "" {
			text = "To confirm it: " + q.Ask
		}
		marker, style := "  ", st.Text.Render
		if i == s.cursor {
			marker, style = st.Cursor.Render("› "), st.SelectedLabel.Render
		}
		lines := strings.Split(tui.Wrap(text, w-2), "\n")
		for j, l := range lines {
			if j > 0 {
				marker = "  "
			}
			b.WriteString(marker + style(l) + "\n")
		}
	}
	b.WriteString("\n" + st.Muted.Render(tui.Wrap("A changed answer walks again from that question; the evidence and the other answers stay.", w)))
	return b.String()
}
