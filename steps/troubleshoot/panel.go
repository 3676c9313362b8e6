package troubleshoot

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"charm.land/lipgloss/v2"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/findings"
)

// panelMin is the body width from which the evidence stays beside every
// screen (a 120-column terminal); below it, a key shows it instead.
const (
	panelMin   = 118
	panelWidth = 42
)

// wide reports whether the evidence panel fits beside a body w wide.
func wide(w int) bool { return w >= panelMin }

// observe keeps the terminal's width, which every step is told.
func (s *session) observe(msg tea.Msg) {
	if m, ok := msg.(tea.WindowSizeMsg); ok {
		s.width = m.Width
	}
}

// wideScreen reports whether the terminal has room for the evidence panel
// (the body is the terminal less its two margins).
func (s *session) wideScreen() bool { return wide(s.width - 2) }

// detailsKey shows or hides the evidence where there is no panel.
func (s *session) detailsKey() key.Binding {
	if s.showEvidence {
		return tui.With(s.keys().Details, "hide the evidence")
	}
	return tui.With(s.keys().Details, "evidence")
}

// layout renders a step's body with the evidence: beside it on a wide
// screen, in its place when the user asked to see it on a narrow one.
func (s *session) layout(ctx *tui.Context, w, h int, body func(w, h int) string) string {
	switch {
	case wide(w):
		bw := w - panelWidth - 1
		left := tui.Fit(body(bw, h), bw, h)
		panel := ctx.Styles.Box.Width(panelWidth).Height(h).Render(tui.Fit(s.evidenceView(ctx, panelWidth-4, h-2), panelWidth-4, h-2))
		return lipgloss.JoinHorizontal(lipgloss.Top, left, " ", panel)
	case s.showEvidence:
		return s.evidenceView(ctx, w, h)
	}
	return body(w, h)
}

// evidenceView is everything gathered so far, compactly: the symptom,
// each check with its count line, the answers, the causes by status.
func (s *session) evidenceView(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	var rows []string
	// labelled wraps "Label: text" with the label strong, continuation
	// lines indented by two.
	labelled := func(label, text string, style func(...string) string) {
		for i, l := range strings.Split(tui.Wrap(label+" "+text, w-2), "\n") {
			if i == 0 {
				rows = append(rows, st.Strong.Render(label)+style(strings.TrimPrefix(l, label)))
				continue
			}
			rows = append(rows, "  "+style(l))
		}
	}
	rows = append(rows, st.Heading.Render("Evidence"))
	if t := s.symptomTitle(); t != "" {
		labelled("Symptom:", t, st.Text.Render)
	}
	checks := s.checkLines()
	if len(checks) == 0 {
		labelled("Checks:", "none run: no file given", st.Muted.Render)
	}
	for _, c := range checks {
		for i, l := range strings.Split(tui.Wrap(c.what+": "+c.count, w-2), "\n") {
			prefix := "  "
			if i == 0 {
				prefix = st.Mark(findings.KindOf(c.worst)) + " "
			}
			rows = append(rows, prefix+st.Text.Render(l))
		}
	}
	if len(s.answers) == 0 {
		labelled("Answers:", "none yet", st.Muted.Render)
	} else {
		rows = append(rows, st.Strong.Render("Answers:"))
		for _, a := range s.answers {
			q, _ := diagnose.QuestionByID(a.Question, s.words)
			for i, l := range strings.Split(tui.Wrap(q.Topic+": "+answerLabel(a.Value), w-2), "\n") {
				if i > 0 {
					l = "  " + l
				}
				rows = append(rows, "  "+st.Text.Render(l))
			}
		}
	}
	if s.res != nil {
		for _, group := range []struct {
			status diagnose.Status
			name   string
		}{{diagnose.StatusConfirmed, "Confirmed:"}, {diagnose.StatusPossible, "Possible:"}, {diagnose.StatusRuledOut, "Ruled out:"}} {
			var ids []string
			for _, c := range s.res.Causes {
				if c.Status == group.status {
					ids = append(ids, c.ID)
				}
			}
			if len(ids) > 0 {
				labelled(group.name, strings.Join(ids, ", "), st.Text.Render)
			}
		}
	}
	return strings.Join(rows, "\n")
}

// checkLine is one check run, for the evidence: what was checked, its
// worst severity and its count line.
type checkLine struct {
	what, count string
	worst       samlcheck.Severity
}

func (s *session) checkLines() []checkLine {
	ev := s.ev
	var out []checkLine
	add := func(what string, fs samlcheck.Findings) {
		out = append(out, checkLine{what: printable(what), count: findings.CountLine(fs, nil), worst: fs.Worst()})
	}
	if c := ev.Capture; c != nil && c.Responses == 0 {
		out = append(out, checkLine{what: "Capture " + printable(filepath.Base(ev.ResponseSource)), count: "no SAMLResponse among its requests", worst: samlcheck.SeverityWarn})
	} else if ev.Response != nil {
		add("Response "+filepath.Base(ev.ResponseSource), ev.Response.Findings)
	}
	if ev.Metadata != nil {
		add("Metadata "+baseOf(ev.MetadataSource), ev.Metadata.Findings)
	}
	if len(ev.Drift) > 0 {
		add("Compared with "+filepath.Base(ev.SavedSource), ev.Drift)
	}
	return out
}

// answerLabel is an answer as the choice showed it.
func answerLabel(v string) string {
	switch v {
	case diagnose.AnswerYes:
		return "yes"
	case diagnose.AnswerNo:
		return "no"
	}
	return "not sure"
}

// baseOf names a file by its name alone; a URL stays whole.
func baseOf(src string) string {
	if strings.Contains(src, "://") {
		return src
	}
	return filepath.Base(src)
}
