// Package findings shows the engine's findings the same way everywhere: one
// mark per severity and one count line, styled on the wizard's screens and
// plain for the CLI, which colours it in its own report styles. It is the
// only part of the shell that knows the engine, and it knows only the
// finding vocabulary (samlcheck's root package).
package findings

import (
	"fmt"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

// KindOf is the tone a severity is shown in.
func KindOf(s samlcheck.Severity) tui.Kind {
	switch s {
	case samlcheck.SeverityPass:
		return tui.KindOK
	case samlcheck.SeverityWarn:
		return tui.KindWarn
	case samlcheck.SeverityFail:
		return tui.KindFail
	}
	return tui.KindInfo
}

// Mark is a severity's one-character mark: ✓ pass, i info, ! warn, ✗ fail.
func Mark(s samlcheck.Severity) string { return tui.Symbol(KindOf(s)) }

// countOrder is the count line's order, worst first, with each severity's
// word for one and for more.
var countOrder = []struct {
	sev       samlcheck.Severity
	one, many string
}{
	{samlcheck.SeverityFail, "failed", "failed"},
	{samlcheck.SeverityWarn, "warning", "warnings"},
	{samlcheck.SeverityPass, "passed", "passed"},
	{samlcheck.SeverityInfo, "info", "info"},
}

// CountLine is the closing count of a list of findings, worst first,
// leaving out severities that did not occur: "2 failed, 1 warning, 18
// passed, 2 info", or "no checks ran". paint, when not nil, styles each
// part by its severity.
func CountLine(fs samlcheck.Findings, paint func(samlcheck.Severity, string) string) string {
	counts := map[samlcheck.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	var parts []string
	for _, c := range countOrder {
		n := counts[c.sev]
		if n == 0 {
			continue
		}
		word := c.many
		if n == 1 {
			word = c.one
		}
		part := fmt.Sprintf("%d %s", n, word)
		if paint != nil {
			part = paint(c.sev, part)
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return "no checks ran"
	}
	return strings.Join(parts, ", ")
}

// Paint styles text in a severity's tone, for CountLine on a screen.
func Paint(ctx *tui.Context) func(samlcheck.Severity, string) string {
	return func(s samlcheck.Severity, text string) string {
		return ctx.Styles.Tone(KindOf(s)).Render(text)
	}
}

// Rows renders findings for a list w cells wide, failures first, then
// warnings, information and passes: each with its mark and its message
// wrapped under it, and for failures and warnings the fix.
func Rows(ctx *tui.Context, fs samlcheck.Findings, w int) []string {
	var rows []string
	for _, sev := range []samlcheck.Severity{samlcheck.SeverityFail, samlcheck.SeverityWarn, samlcheck.SeverityInfo, samlcheck.SeverityPass} {
		for _, f := range fs {
			if f.Severity == sev {
				rows = append(rows, rowsOf(ctx, f, w)...)
			}
		}
	}
	return rows
}

func rowsOf(ctx *tui.Context, f samlcheck.Finding, w int) []string {
	st := ctx.Styles
	var rows []string
	for i, l := range strings.Split(tui.Wrap(samlcheck.Printable(f.Message), w-4), "\n") {
		prefix := "  "
		if i == 0 {
			prefix = st.Mark(KindOf(f.Severity)) + " "
		}
		rows = append(rows, prefix+st.Text.Render(l))
	}
	if f.Fix != "" && f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
		for _, l := range strings.Split(tui.Wrap("Fix: "+samlcheck.Printable(f.Fix), w-4), "\n") {
			rows = append(rows, "    "+st.Muted.Render(l))
		}
	}
	return rows
}
