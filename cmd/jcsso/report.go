package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui/findings"
)

// reportStyles are the styles of a printed report. Basic ANSI colours so
// the terminal's own theme decides the exact shade, light or dark.
type reportStyles struct {
	pass, info, warn, fail lipgloss.Style
	label, dim, title      lipgloss.Style
}

func newReportStyles() reportStyles {
	return reportStyles{
		pass:  lipgloss.NewStyle().Foreground(lipgloss.Green),
		info:  lipgloss.NewStyle().Foreground(lipgloss.Blue),
		warn:  lipgloss.NewStyle().Foreground(lipgloss.Yellow).Bold(true),
		fail:  lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true),
		label: lipgloss.NewStyle().Bold(true),
		dim:   lipgloss.NewStyle().Faint(true),
		title: lipgloss.NewStyle().Bold(true).Underline(true),
	}
}

// colorWriter wraps a command's output so colour appears only on a
// terminal that has it: escape codes are stripped when the output is a file
// or pipe, and NO_COLOR (or TERM=dumb) turns colour off.
func colorWriter(w io.Writer) io.Writer {
	return colorprofile.NewWriter(w, os.Environ())
}

func (st reportStyles) severity(s samlcheck.Severity) lipgloss.Style {
	switch s {
	case samlcheck.SeverityFail:
		return st.fail
	case samlcheck.SeverityWarn:
		return st.warn
	case samlcheck.SeverityInfo:
		return st.info
	}
	return st.pass
}

// renderFindings writes findings as a checklist, one line each in the
// order the checks ran: a mark (✓ pass, i info, ! warn, ✗ fail, the
// wizard's marks), the id and
// the message; fails and warnings add their fix on an indented line. The
// output is styled: wrap w with colorWriter to drop colour where it does
// not belong. Any command that reports findings prints them this way.
func renderFindings(w io.Writer, fs samlcheck.Findings) {
	st := newReportStyles()
	var b strings.Builder
	for _, f := range fs {
		sv := st.severity(f.Severity)
		fmt.Fprintf(&b, "%s %s %s\n", sv.Render(findings.Mark(f.Severity)), st.label.Render(f.ID), f.Message)
		if f.Fix != "" && f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
			fmt.Fprintf(&b, "    %s %s\n", st.dim.Render("fix:"), f.Fix)
		}
	}
	b.WriteString(tally(fs, st))
	io.WriteString(w, b.String()) //nolint:errcheck // a closed stdout has nowhere to report to.
}

// tally is the closing count line of a checklist: the wizard's count
// line (tui/findings), in the report's colours, after a blank line.
func tally(fs samlcheck.Findings, st reportStyles) string {
	line := findings.CountLine(fs, func(s samlcheck.Severity, text string) string { return st.severity(s).Render(text) })
	if len(fs) == 0 {
		return line + "\n"
	}
	return "\n" + line + "\n"
}

// summaryRow is one "label: value" line of a report's summary block.
type summaryRow struct{ label, value string }

// renderSummary writes a titled block of aligned "label: value" lines,
// leaving out rows whose value is empty.
func renderSummary(w io.Writer, title string, rows []summaryRow) {
	st := newReportStyles()
	width := 0
	for _, r := range rows {
		if r.value != "" && len(r.label) > width {
			width = len(r.label)
		}
	}
	var b strings.Builder
	if title != "" {
		b.WriteString(st.title.Render(title) + "\n")
	}
	for _, r := range rows {
		if r.value == "" {
			continue
		}
		fmt.Fprintf(&b, "  %s %s\n", st.dim.Render(fmt.Sprintf("%-*s", width+1, r.label+":")), r.value)
	}
	io.WriteString(w, b.String()) //nolint:errcheck // as above.
}
