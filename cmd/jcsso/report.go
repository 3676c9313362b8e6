package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/jcsso/jcsso/samlcheck"
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

// severityMark is the one-character mark of a severity in a checklist.
func severityMark(s samlcheck.Severity) string {
	switch s {
	case samlcheck.SeverityFail:
		return "✗"
	case samlcheck.SeverityWarn:
		return "!"
	case samlcheck.SeverityInfo:
		return "i"
	}
	return "✓"
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
// order the checks ran: a mark (✓ pass, i info, ! warn, ✗ fail), the id and
// the message; fails and warnings add their fix on an indented line. The
// output is styled: wrap w with colorWriter to drop colour where it does
// not belong. Any command that reports findings prints them this way.
// Messages quote the document, so they pass through samlcheck.Printable.
func renderFindings(w io.Writer, fs samlcheck.Findings) {
	st := newReportStyles()
	var b strings.Builder
	for _, f := range fs {
		sv := st.severity(f.Severity)
		fmt.Fprintf(&b, "%s %s %s\n", sv.Render(severityMark(f.Severity)), st.label.Render(samlcheck.Printable(f.ID)), samlcheck.Printable(f.Message))
		if f.Fix != "" && f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
			fmt.Fprintf(&b, "    %s %s\n", st.dim.Render("fix:"), samlcheck.Printable(f.Fix))
		}
	}
	b.WriteString(tally(fs, st))
	io.WriteString(w, b.String()) //nolint:errcheck // a closed stdout has nowhere to report to.
}

// tally is the closing count line of a checklist, worst first.
func tally(fs samlcheck.Findings, st reportStyles) string {
	counts := map[samlcheck.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	var parts []string
	for _, c := range []struct {
		s    samlcheck.Severity
		name string
	}{
		{samlcheck.SeverityFail, "failed"},
		{samlcheck.SeverityWarn, "warning"},
		{samlcheck.SeverityPass, "passed"},
		{samlcheck.SeverityInfo, "info"},
	} {
		if n := counts[c.s]; n > 0 {
			name := c.name
			if n > 1 && c.s == samlcheck.SeverityWarn {
				name += "s"
			}
			parts = append(parts, st.severity(c.s).Render(fmt.Sprintf("%d %s", n, name)))
		}
	}
	if len(parts) == 0 {
		return "no checks ran\n"
	}
	return "\n" + strings.Join(parts, ", ") + "\n"
}

// summaryRow is one "label: value" line of a report's summary block.
type summaryRow struct{ label, value string }

// renderSummary writes a titled block of aligned "label: value" lines,
// leaving out rows whose value is empty. Titles and values (entity IDs,
// NameIDs, attribute values, certificate subjects) pass through
// samlcheck.Printable.
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
		b.WriteString(st.title.Render(samlcheck.Printable(title)) + "\n")
	}
	for _, r := range rows {
		if r.value == "" {
			continue
		}
		fmt.Fprintf(&b, "  %s %s\n", st.dim.Render(fmt.Sprintf("%-*s", width+1, r.label+":")), samlcheck.Printable(r.value))
	}
	io.WriteString(w, b.String()) //nolint:errcheck // as above.
}
