package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/samlcheck/rules"
	"github.com/jcsso/jcsso/tui"
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

// severity is a severity's style: the tone the wizard shows it in
// (findings.KindOf), in the report's colours.
func (st reportStyles) severity(s samlcheck.Severity) lipgloss.Style {
	return map[tui.Kind]lipgloss.Style{
		tui.KindOK: st.pass, tui.KindInfo: st.info, tui.KindWarn: st.warn, tui.KindFail: st.fail,
	}[findings.KindOf(s)]
}

// renderFindings writes findings as a checklist, one line each in the
// order the checks ran: a mark (✓ pass, i info, ! warn, ✗ fail, the
// wizard's marks), the id and
// the message; fails and warnings add their fix on an indented line. The
// output is styled: wrap w with colorWriter to drop colour where it does
// not belong. Any command that reports findings prints them this way.
// Messages quote the document, so they pass through samlcheck.Printable.
func renderFindings(w io.Writer, fs samlcheck.Findings) {
	st := newReportStyles()
	var b strings.Builder
	findingRows(&b, fs, st)
	b.WriteString(tally(fs, st))
	io.WriteString(w, b.String()) //nolint:errcheck // a closed stdout has nowhere to report to.
}

// findingRows is renderFindings without its count line, for a report that
// lists only some findings (doctor's details).
func findingRows(b *strings.Builder, fs samlcheck.Findings, st reportStyles) {
	for _, f := range fs {
		sv := st.severity(f.Severity)
		fmt.Fprintf(b, "%s %s %s\n", sv.Render(findings.Mark(f.Severity)), st.label.Render(samlcheck.Printable(f.ID)), samlcheck.Printable(f.Message))
		if f.Fix != "" && f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
			fmt.Fprintf(b, "    %s %s\n", st.dim.Render("fix:"), samlcheck.Printable(f.Fix))
		}
	}
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
// leaving out rows whose value is empty. Titles and values (entity IDs,
// NameIDs, attribute values, certificate subjects) pass through
// samlcheck.Printable.
//
// A verdict, jcsso's own words already coloured, ends the block as its
// "Result" line, as it is: sanitising it would print its colours as text.
func renderSummary(w io.Writer, title string, rows []summaryRow, verdict ...string) {
	st := newReportStyles()
	width := 0
	if len(verdict) > 0 {
		width = len("Result")
	}
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
	for _, v := range verdict {
		fmt.Fprintf(&b, "  %s %s\n", st.dim.Render(fmt.Sprintf("%-*s", width+1, "Result:")), v)
	}
	io.WriteString(w, b.String()) //nolint:errcheck // as above.
}

// renderInspectReport prints who logged in, the checklist and the verdict.
func renderInspectReport(w io.Writer, source string, r *response.Report) {
	st := newReportStyles()
	source = displayName(source)
	fmt.Fprintln(w, st.title.Render(samlcheck.Printable("SAML response: "+source)))
	if r.Capture != nil {
		renderCapture(w, r.Capture)
	}
	if r.Issuer != "" || r.Subject.NameID != "" || r.Subject.Email != "" {
		// One style per line: a styled span inside the styled title would
		// lose its escape sequence when colour is stripped.
		title := "Who logged in"
		if r.Unverified {
			reason := r.UnverifiedReason
			if reason == "" {
				reason = "no signature verified"
			}
			title += " (UNVERIFIED: " + reason + "; do not trust these values)"
		}
		renderSummary(w, title, inspectSummary(r))
		fmt.Fprintln(w)
	}
	renderFindings(w, r.Findings)
	fmt.Fprintln(w)
	verdict := st.pass.Render("ACCEPTED: the service provider would log this user in")
	switch {
	case !r.OK:
		verdict = st.fail.Render("REJECTED: fix the ✗ items above")
	case r.Findings.Worst() == samlcheck.SeverityWarn:
		verdict = st.pass.Render("ACCEPTED") + ", " + st.warn.Render("with warnings (!) worth fixing")
	}
	renderSummary(w, "", nil, verdict)
}

// inspectSummary is the "who logged in" block: the values a support
// engineer reads out on a call.
func inspectSummary(r *response.Report) []summaryRow {
	nameID := r.Subject.NameID
	if nameID != "" && r.Subject.Format != "" {
		nameID += " (" + shortNameIDFormat(r.Subject.Format) + ")"
	}
	signed := "nothing verified"
	switch {
	case r.Signed.Response && r.Signed.Assertion:
		signed = "Response and Assertion (verified)"
	case r.Signed.Response:
		signed = "Response only (verified)"
	case r.Signed.Assertion:
		signed = "Assertion only (verified)"
	}
	window := ""
	if r.Conditions.NotBefore != "" || r.Conditions.NotOnOrAfter != "" {
		window = r.Conditions.NotBefore + " to " + r.Conditions.NotOnOrAfter
	}
	names := make([]string, 0, len(r.Attributes))
	for n := range r.Attributes {
		names = append(names, n)
	}
	slices.Sort(names)
	attrs := make([]string, 0, len(names))
	for _, n := range names {
		attrs = append(attrs, n+"="+strings.Join(r.Attributes[n], ","))
	}
	return []summaryRow{
		{"NameID", nameID},
		{"E-mail", r.Subject.Email},
		{"Issuer", r.Issuer},
		{"Audience", strings.Join(r.Conditions.Audiences, ", ")},
		{"Destination", r.Destination},
		{"InResponseTo", r.InResponseTo},
		{"Issued", r.IssueInstant},
		{"Valid", window},
		{"Signed", signed},
		{"Attributes", strings.Join(attrs, "; ")},
		{"Encoding", string(r.Encoding)},
	}
}

// shortNameIDFormat names a NameID format by its last word: emailAddress,
// unspecified, persistent, transient.
func shortNameIDFormat(f string) string {
	if i := strings.LastIndexByte(f, ':'); i >= 0 && i < len(f)-1 {
		return f[i+1:]
	}
	return f
}

// renderCapture says which of a capture's SAMLResponses the report is
// about and lists the others by number, time and destination: never any
// other data of the capture (cookies, headers, form fields).
func renderCapture(w io.Writer, c *response.CaptureSummary) {
	format := "HAR file"
	if c.Format == "saml-tracer" {
		format = "SAML-tracer export"
	}
	n := len(c.Responses)
	which := fmt.Sprintf("#%d", c.Picked)
	if c.Picked == n && n > 1 {
		which += " (the last)"
	}
	rows := []summaryRow{{"Capture", fmt.Sprintf("a %s with %d SAMLResponse%s; this report is about %s", format, n, map[bool]string{true: "", false: "s"}[n == 1], which)}}
	for _, cr := range c.Responses {
		line := cr.Destination
		if cr.Time != "" {
			line = cr.Time + "  " + line
		}
		if cr.N == c.Picked {
			line += "  (this one)"
		}
		rows = append(rows, summaryRow{fmt.Sprintf("#%d", cr.N), line})
	}
	if n > 1 {
		rows = append(rows, summaryRow{"Another", "choose it with --pick N"})
	}
	renderSummary(w, "", rows)
	fmt.Fprintln(w)
}

// renderTrustNotes says, on the error stream, when --metadata gave inspect
// less to trust than it lists: past the engine's bound (listed, trusted and
// leftOut are its certificates), or none at all.
func renderTrustNotes(w io.Writer, source string, listed, trusted, leftOut int) {
	shown := samlcheck.Printable(samlcheck.RedactURL(source))
	if leftOut > 0 {
		fmt.Fprintf(w, "note: --metadata %s lists %d signing certificates; only the first %d are trusted\n", shown, listed, response.MaxTrustedCerts)
	}
	if trusted == 0 {
		fmt.Fprintf(w, "note: --metadata %s gave no usable signing certificate; run `jcsso check %s` to see why\n", shown, shown)
	}
}

// renderMetadataReport prints a check's title, checklist and summary.
func renderMetadataReport(w io.Writer, r *metadata.Report) {
	st := newReportStyles()
	src := r.Source
	if src == "-" {
		src = "standard input"
	}
	fmt.Fprintln(w, st.title.Render(samlcheck.Printable("IdP metadata check: "+src)))
	renderFindings(w, r.Findings)
	fmt.Fprintln(w)
	rows := []summaryRow{
		{"Source", src},
		{"IdP entity ID", r.IdP.EntityID},
		{"SSO URL", ssoSummary(r.IdP.SSO)},
	}
	for i, c := range r.IdP.Certificates {
		label := "Certificate"
		if len(r.IdP.Certificates) > 1 {
			label = fmt.Sprintf("Certificate %d", i+1)
		}
		rows = append(rows,
			summaryRow{label, c.Key + ", SHA-256 " + c.SHA256},
			summaryRow{"Expires", c.NotAfter.Format("2006-01-02 15:04 MST")},
		)
	}
	verdict := st.pass.Render("OK: no failures")
	if !r.OK {
		verdict = st.fail.Render("FAILED: fix the ✗ items above")
	}
	renderSummary(w, "Summary", rows, verdict)
}

// ssoSummary is the sign-on URL with its bindings, the browser ones first.
func ssoSummary(eps []samlcheck.Endpoint) string {
	byURL := map[string][]string{}
	var order []string
	for _, ep := range eps {
		if ep.Binding != rules.BindingPOST && ep.Binding != rules.BindingRedirect {
			continue
		}
		if _, ok := byURL[ep.URL]; !ok {
			order = append(order, ep.URL)
		}
		name := rules.BindingName(ep.Binding)
		if !slices.Contains(byURL[ep.URL], name) {
			byURL[ep.URL] = append(byURL[ep.URL], name)
		}
	}
	parts := make([]string, 0, len(order))
	for _, u := range order {
		parts = append(parts, u+" ("+strings.Join(byURL[u], ", ")+")")
	}
	return strings.Join(parts, "; ")
}

// printWritten lists the files and the steps left (NEXT-STEPS.md's, read
// from its data), with the values to hand over when the SP's support
// configures its side.
func printWritten(w io.Writer, wr *ssoconfig.Written, p *profile.Profile) {
	st := newReportStyles()
	c := wr.Bundle.Config
	fmt.Fprintf(w, "\n%s\n", st.title.Render(samlcheck.Printable("Wrote "+wr.Dir)))
	for _, path := range wr.Paths {
		fmt.Fprintf(w, "  %s\n", samlcheck.Printable(path))
	}
	fmt.Fprintf(w, "\n%s\n", st.title.Render("Next steps"))
	for i, s := range wr.Bundle.Next.Steps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, samlcheck.Printable(s.Title))
	}
	if p.Handoff.Method == profile.HandoffSupport {
		fmt.Fprintf(w, "\n  Metadata URL:  %s\n  IdP Entity ID: %s\n", samlcheck.Printable(c.IdentityProvider.MetadataURL), samlcheck.Printable(c.IdentityProvider.EntityID))
	}
	fmt.Fprintf(w, "\nThe details, and a ready-to-use text where one is needed, are in %s.\n", samlcheck.Printable(filepath.Join(wr.Dir, ssoconfig.NextStepsMD)))
}
