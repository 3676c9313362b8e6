package setup

import (
	"fmt"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/findings"
)

func (s *importStep) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	switch s.mode {
	case modeSource:
		out := st.Text.Render(tui.Wrap("In JumpCloud, on the app's SSO tab, click Copy Metadata URL and paste it here. A path to the exported file works too.", w)) +
			"\n\n" + s.source.view(ctx, w)
		return out + s.errorView(ctx, w)
	case modePicker:
		return st.Text.Render(tui.Wrap("Choose the file JumpCloud's Export Metadata saved (only .xml files can be picked).", w)) + "\n" +
			st.Muted.Render(tui.Wrap(s.picker.CurrentDirectory, w)) + "\n\n" + s.picker.View()
	case modePaste:
		return st.Text.Render(tui.Wrap("Open the exported metadata file, copy all of it, and paste it here with your terminal's paste (such as ctrl+shift+v or cmd+v).", w)) +
			"\n\n" + st.Muted.Render("Waiting for the pasted XML…")
	case modeLoading:
		return s.spin.View() + " " + st.Text.Render(tui.Wrap(s.loading, w-2))
	case modeResults:
		return s.resultsView(ctx, w, h)
	case modeAskURL:
		p := s.w.prof
		return st.Text.Render(tui.Wrap(p.SPNameCap()+" receives the Metadata URL, not the file. In JumpCloud, on the app's SSO tab, click Copy Metadata URL and paste it here; it goes into the message for "+p.SPName()+".", w)) +
			"\n\n" + s.url.view(ctx, w)
	}
	return s.chooseView(ctx, w)
}

func (s *importStep) chooseView(ctx *tui.Context, w int) string {
	st := ctx.Styles
	var b strings.Builder
	b.WriteString(st.Text.Render(tui.Wrap("Bring JumpCloud's metadata here so it can be checked against your answers. Choose how:", w)) + "\n\n")
	for i, m := range importMethods {
		marker := "  "
		name := st.Text.Render(m.name)
		if i == s.method {
			marker, name = st.Cursor.Render("› "), st.SelectedLabel.Render(m.name)
		}
		b.WriteString(fmt.Sprintf("%s%d  %s\n     %s\n", marker, i+1, name, st.Muted.Render(m.hint)))
	}
	if s.w.report != nil {
		b.WriteString("\n" + st.Muted.Render(tui.Wrap("Your answers are kept; importing again replaces only the metadata.", w)))
	}
	return b.String() + s.errorView(ctx, w)
}

func (s *importStep) errorView(ctx *tui.Context, w int) string {
	if s.loadErr == nil {
		return ""
	}
	st := ctx.Styles
	// The error quotes the server (a body excerpt, a page title).
	return "\n\n" + st.Fail.Render(tui.Wrap("✗ "+samlcheck.Printable(s.loadErr.Error()), w))
}

// resultsView lists failures first, each with its fix, then warnings, then
// the rest, scrolled by the admin.
func (s *importStep) resultsView(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	rep := s.w.report
	if rep == nil {
		return ""
	}
	// The same marks and count line as `jcsso check`.
	head := tui.Fit(findings.CountLine(rep.Findings, findings.Paint(ctx)), w, 1)
	src := samlcheck.RedactURL(s.w.ans.MetadataSource)
	if src == sourcePasted {
		src = "pasted XML"
	}
	lines := []string{st.Muted.Render(tui.Fit(samlcheck.Printable("Checked "+src), w, 1)), head, ""}

	rows := findings.Rows(ctx, rep.Findings, w)
	var foot string
	switch {
	case rep.OK:
		foot = st.OK.Render(tui.Wrap("The metadata is ready. enter continues.", w))
	case len(s.w.ans.Overridden) > 0:
		foot = st.Warn.Render(tui.Wrap("You chose to continue past the failures; the configuration records it.", w))
	default:
		foot = st.Fail.Render(tui.Wrap("Fix the failures in JumpCloud, then press r to import again (your answers stay). o continues anyway and records it.", w))
	}
	listH := resultsListHeight(h, foot)
	scroll := min(s.scroll, max(len(rows)-listH, 0))
	end := min(scroll+listH, len(rows))
	list := tui.ScrollHints(ctx, strings.Join(rows[scroll:end], "\n"), scroll, end, len(rows), w)
	return strings.Join(lines, "\n") + "\n" + tui.Fit(list, w, listH) + "\n" + foot
}

// resultsHead is the number of lines above the findings list.
const resultsHead = 3

func resultsListHeight(h int, foot string) int {
	return max(h-resultsHead-lipglossHeight(foot)-1, 3)
}

func lipglossHeight(s string) int { return strings.Count(s, "\n") + 1 }
