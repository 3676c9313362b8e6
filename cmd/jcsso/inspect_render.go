package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
)

// renderInspectReport prints who logged in, the checklist and the verdict.
func renderInspectReport(w io.Writer, source string, r *samlcheck.ResponseReport) {
	st := newReportStyles()
	source = displayName(source)
	fmt.Fprintln(w, st.title.Render("SAML response: "+source))
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
	renderSummary(w, "", []summaryRow{{"Result", verdict}})
}

// inspectSummary is the "who logged in" block: the values a support
// engineer reads out on a call.
func inspectSummary(r *samlcheck.ResponseReport) []summaryRow {
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
func renderCapture(w io.Writer, c *samlcheck.CaptureSummary) {
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
