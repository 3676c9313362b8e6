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
	note := s.noteView(ctx, w)
	switch s.mode {
	case modeSource:
		return note + st.Text.Render(tui.Wrap("In JumpCloud, on the app's SSO tab, click Copy Metadata URL and paste it here. A path to the exported file works too (~, quotes and file:// are fine).", w)) +
			"\n\n" + s.source.view(ctx, w)
	case modePicker:
		head := st.Text.Render(tui.Wrap("Choose the file JumpCloud's Export Metadata saved: .xml files come first, newest on top.", w)) + "\n" +
			st.Muted.Render(tui.Wrap(s.picker.Dir, w)) + "\n\n"
		return head + s.picker.View(ctx, w, max(h-lines(head)+1, 3))
	case modePaste:
		wait := st.Muted.Render("Waiting for the pasted XML…")
		if n := s.pasted.Len(); n > 0 {
			wait = st.Muted.Render(fmt.Sprintf("Received %d characters; it is checked as soon as the closing tag arrives (ctrl+d checks what is there).", n))
		}
		return st.Text.Render(tui.Wrap("Open the exported metadata file, copy all of it, and paste it here with your terminal's paste (such as ctrl+shift+v or cmd+v).", w)) +
			"\n\n" + tui.Wrap(wait, w)
	case modeLoading, modeCheckURL:
		return s.spin.View() + " " + st.Text.Render(tui.Wrap(s.loading, w-2))
	case modeResults:
		return s.resultsView(ctx, w, h)
	case modeConfirm:
		return s.confirmView(ctx, w, h)
	case modeAskURL:
		p := s.w.prof
		return st.Text.Render(tui.Wrap(p.SPNameCap()+" receives the Metadata URL, not the file. In JumpCloud, on the app's SSO tab, click Copy Metadata URL and paste it here; it goes into the message for "+p.SPName()+". It is fetched and compared with the imported file first.", w)) +
			"\n\n" + s.url.view(ctx, w)
	}
	return note + s.chooseView(ctx, w)
}

// noteView says why a resumed session is here rather than where it was
// saved, until the admin goes on.
func (s *importStep) noteView(ctx *tui.Context, w int) string {
	if s.left || s.w.resumedFrom <= s.w.position(keyImport) {
		return ""
	}
	return ctx.Styles.Info.Render(tui.Wrap(fmt.Sprintf("Resumed from step %d: the metadata is not kept between runs, so it is read again here; your answers for the later steps are kept.", s.w.resumedFrom), w)) + "\n\n"
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
	if s.loadErr != nil {
		// The error quotes the server (a body excerpt, a page title).
		b.WriteString("\n\n" + st.Fail.Render(tui.Wrap("✗ "+samlcheck.Printable(s.loadErr.Error()), w)))
	}
	return b.String()
}

// resultsHead is the lines above the findings: the note, the source and
// the count line, and a blank line.
func (s *importStep) resultsHead(w int) int {
	n := 3
	if note := s.noteView(&tui.Context{}, w); note != "" {
		n += lines(note) - 1
	}
	return n
}

// resultsView lists failures first, each with its fix, then warnings, then
// the rest, scrolled by the admin. The findings are in the profile's words
// (ssoconfig.Explain), so one cause is one ✗.
func (s *importStep) resultsView(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	rep := s.w.report
	if rep == nil {
		return ""
	}
	fs := s.findings()
	// The same marks and count line as `jcsso check`.
	head := tui.Fit(findings.CountLine(fs, findings.Paint(ctx)), w, 1)
	src := samlcheck.RedactURL(s.w.ans.MetadataSource)
	if src == sourcePasted {
		src = "pasted XML"
	}
	top := s.noteView(ctx, w) + st.Muted.Render(tui.Fit(samlcheck.Printable("Checked "+src), w, 1)) + "\n" + head + "\n"

	rows := findings.Rows(ctx, fs, w)
	var foot string
	switch {
	case rep.OK:
		foot = st.OK.Render(tui.Wrap("The metadata is ready. enter continues.", w))
	case len(s.w.ans.Overridden) > 0:
		foot = st.Warn.Render(tui.Wrap("You chose to continue past the failures; the configuration records them and NEXT-STEPS.md lists them first.", w))
	default:
		foot = st.Fail.Render(tui.Wrap("Fix the failures in JumpCloud, then press r to import again (your answers stay). o continues anyway, after saying what it records.", w))
	}
	listH := resultsListHeight(h, s.resultsHead(w), foot)
	scroll := min(s.scroll, max(len(rows)-listH, 0))
	end := min(scroll+listH, len(rows))
	list := tui.ScrollHints(ctx, strings.Join(rows[scroll:end], "\n"), scroll, end, len(rows), w)
	return top + "\n" + tui.Fit(list, w, listH) + "\n" + foot
}

// confirmView names what continuing past the failures overrides and what
// the written folder will say about it.
func (s *importStep) confirmView(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	var fails samlcheck.Findings
	for _, f := range s.findings() {
		if f.Severity == samlcheck.SeverityFail {
			fails = append(fails, f)
		}
	}
	var b strings.Builder
	b.WriteString(st.Heading.Render("Continue past "+plural(len(fails), "failure", "failures")+"?") + "\n\n")
	for _, f := range fails {
		lines := strings.Split(tui.Wrap(f.ID+": "+f.Message, w-2), "\n")
		for i, l := range lines {
			prefix := "  "
			if i == 0 {
				prefix = st.Fail.Render("✗ ")
			}
			b.WriteString(prefix + st.Text.Render(l) + "\n")
		}
	}
	sp := s.w.ans.App(s.w.prof)
	what := "sso-config.yaml records each failure with what was expected and what JumpCloud's metadata says"
	if id := s.w.report.IdP.EntityID; id != "" && id != s.w.ans.IdPEntityID {
		what = fmt.Sprintf("sso-config.yaml keeps the IdP Entity ID you chose, %s, and records that JumpCloud's metadata says %q", s.w.ans.IdPEntityID, id)
	}
	b.WriteString("\n" + st.Text.Render(tui.Wrap(what+"; NEXT-STEPS.md opens with what is still wrong. "+sp+" cannot work until it is fixed in JumpCloud.", w)) + "\n\n")
	b.WriteString(st.Strong.Render("y") + st.Text.Render(" continue anyway    ") + st.Strong.Render("n") + st.Text.Render(" back to the findings"))
	return b.String()
}

func resultsListHeight(h, head int, foot string) int {
	return max(h-head-lines(foot)-1, 3)
}
