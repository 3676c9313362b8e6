package troubleshoot

import (
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/findings"
)

func (s *evidenceStep) View(ctx *tui.Context, w, h int) string {
	return s.t.layout(ctx, w, h, func(w, h int) string {
		st := ctx.Styles
		switch s.mode {
		case modeRunning:
			return s.spin.View() + " " + st.Text.Render(tui.Wrap("Reading and checking what the customer sent…", w-2))
		case modeResults:
			return s.resultsView(ctx, w, h)
		}
		var b strings.Builder
		intro := "Give what the customer sent; every part is optional, and each one lets jcsso check instead of ask."
		if sym, ok := diagnose.SymptomByID(s.t.symptom, s.t.words); ok && sym.Helps != "" {
			// Helps is a noun phrase, one thing or several: "start with"
			// reads right for both.
			intro += " For this symptom, start with " + sym.Helps + "."
		}
		b.WriteString(st.Text.Render(tui.Wrap(intro, w)) + "\n\n")
		for i := range s.fields {
			b.WriteString(s.fields[i].view(ctx, w) + "\n\n")
		}
		b.WriteString(st.Muted.Render(tui.Wrap("Paths may start with ~ and be pasted as a terminal pastes a dragged file. With a saved sso-config.yaml, the metadata is the fresh one, compared with what it saved.", w)))
		return b.String()
	})
}

// resultRows are the results, as lines: each check with its count line,
// then its failures and warnings with their fixes.
func (s *evidenceStep) resultRows(ctx *tui.Context, w int) []string {
	st := ctx.Styles
	ev := s.t.ev
	var rows []string
	for i := range s.fields {
		if f := &s.fields[i]; f.problem != "" && f.problemFor == f.ti.Value() {
			rows = append(rows, strings.Split(st.Fail.Render(tui.Wrap("✗ "+printable(f.problem), w)), "\n")...)
		}
	}
	for _, n := range s.notes {
		rows = append(rows, strings.Split(st.Warn.Render(tui.Wrap("! "+printable(n), w)), "\n")...)
	}
	if len(s.notes) > 0 {
		rows = append(rows, "")
	}
	section := func(title string, fs samlcheck.Findings) {
		rows = append(rows, st.Heading.Render(tui.Fit(printable(title), w, 1)), findings.CountLine(fs, findings.Paint(ctx)))
		var bad samlcheck.Findings
		for _, f := range fs {
			if f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
				bad = append(bad, f)
			}
		}
		rows = append(rows, findings.Rows(ctx, bad, w)...)
		rows = append(rows, "")
	}
	if c := ev.Capture; c != nil && c.Responses == 0 {
		rows = append(rows, st.Heading.Render(tui.Fit(printable("Capture "+ev.ResponseSource), w, 1)))
		rows = append(rows, strings.Split(st.Warn.Render(tui.Wrap("! no SAMLResponse among its requests: JumpCloud sent the browser nothing to post (or the recording began too late)", w)), "\n")...)
		rows = append(rows, "")
	} else if r := ev.Response; r != nil {
		section("Response "+ev.ResponseSource, r.Findings)
	}
	if ev.Metadata != nil {
		section("Metadata "+ev.MetadataSource, ev.Metadata.Findings)
	}
	if len(ev.Drift) > 0 {
		section("Compared with "+ev.SavedSource, ev.Drift)
	}
	if ev.Response == nil && ev.Metadata == nil && ev.Capture == nil {
		rows = append(rows, st.Muted.Render(tui.Wrap("No check could run on what was given; the questions will decide. e changes the files.", w)))
	}
	return rows
}

func (s *evidenceStep) resultsView(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	rows := s.resultRows(ctx, w)
	foot := st.Text.Render(tui.Wrap(s.footWords(), w))
	listH := max(h-strings.Count(foot, "\n")-2, 3)
	// Kept for the help line, which asks whether there is more to scroll.
	s.rows, s.listH = len(rows), listH
	scroll := min(s.scroll, max(len(rows)-listH, 0))
	end := min(scroll+listH, len(rows))
	list := tui.ScrollHints(ctx, strings.Join(rows[scroll:end], "\n"), scroll, end, len(rows), w)
	return tui.Fit(list, w, listH) + "\n\n" + foot
}

// footWords say what the checks settled and where enter leads.
func (s *evidenceStep) footWords() string {
	r := s.t.res
	switch {
	case r == nil:
		return ""
	case r.Diagnosis != nil:
		return "The checks settle it. enter shows the diagnosis."
	case r.Next != nil:
		return "The checks cannot settle it alone. enter asks what only the console or " + s.t.words.SP + " shows."
	}
	return "enter shows what is known."
}

// maxScroll is how far the results scroll, as last shown.
func (s *evidenceStep) maxScroll() int {
	if s.mode != modeResults {
		return 0
	}
	return max(s.rows-s.listH, 0)
}
