package diagnose

import (
	"fmt"
	"strings"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
)

// ReportOptions say what a report holds beyond the default.
type ReportOptions struct {
	// IncludeResponse adds the SAMLResponse's XML (its signature values
	// removed); without it the report names the response only by what
	// was read from it.
	IncludeResponse bool
	// Now stamps the report; zero leaves the stamp out.
	Now time.Time
}

// Report is the Markdown for the ticket: the symptom, the diagnosis and
// its fix, every cause considered, every answer, every check with its
// findings, the certificates by fingerprint and, only when asked, the
// response itself. It holds nothing else of a capture (no cookie, header,
// other form field or page) and never a signature value.
func Report(res *Result, ev Evidence, w Words, opts ReportOptions) ([]byte, error) {
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	line("# jcsso troubleshooting report")
	line("")
	line("- Symptom: %s (`%s`)", md(res.Symptom.Title), res.Symptom.ID)
	sp := md(w.SPCap)
	if w.Profile != "" {
		sp += fmt.Sprintf(" (profile `%s`)", code(w.Profile))
	}
	line("- Service provider: %s", sp)
	if !opts.Now.IsZero() {
		line("- Written: %s", opts.Now.UTC().Format(time.RFC3339))
	}
	if ev.Response != nil && !ev.Clock.At.IsZero() {
		line("- The response was judged at %s (%s)", ev.Clock.At.UTC().Format(time.RFC3339), clockWords(ev.Clock.Source))
	}

	line("")
	line("## Diagnosis")
	line("")
	if d := res.Diagnosis; d != nil {
		how := "confirmed by the evidence"
		if !d.Confirmed {
			how = "the only cause left"
		}
		line("**%s** (`%s`, %s)", md(d.Title), d.Cause, how)
		line("")
		line("Fix: %s", md(d.Fix))
		if len(d.Evidence) > 0 {
			line("")
			line("Evidence:")
			for _, e := range d.Evidence {
				line("- %s", md(e))
			}
		}
		if len(d.Also) > 0 {
			line("")
			line("Also confirmed, to fix as well: %s", codeList(d.Also))
		}
	} else {
		line("None yet.")
		if q := res.Next; q != nil {
			line("")
			line("Next question (`%s`): %s %s", q.ID, md(q.Ask), md(q.Where))
		}
	}

	line("")
	line("## Causes considered")
	line("")
	for _, c := range res.Causes {
		line("- %s `%s`: %s", statusWords(c.Status), c.ID, md(c.Title))
		for _, e := range c.Evidence {
			line("  - %s", md(e))
		}
	}

	line("")
	line("## Answers")
	line("")
	if len(res.Answers) == 0 {
		line("No question was answered.")
	}
	for _, a := range res.Answers {
		q, _ := QuestionByID(a.Question, w)
		line("- `%s`: %s **%s**", a.Question, md(q.Ask), answerWords(a.Value))
	}

	line("")
	line("## Checks")
	writeChecks(&b, ev, &w)

	line("")
	line("## Certificates")
	line("")
	writeCertificates(&b, ev, &w)

	if opts.IncludeResponse && len(ev.ResponseXML) > 0 {
		xml, err := withoutSignatureValues(ev.ResponseXML)
		if err != nil {
			return nil, err
		}
		line("")
		line("## The SAMLResponse")
		line("")
		line("Re-indented, with its signature values removed.")
		line("")
		line("```xml")
		b.WriteString(strings.TrimRight(samlcheck.Printable(string(xml)), "\n"))
		line("")
		line("```")
	}
	return []byte(b.String()), nil
}

func writeChecks(b *strings.Builder, ev Evidence, w *Words) {
	line := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	ran := false
	if len(ev.Unchecked) > 0 {
		ran = true
		line("")
		line("### Not checked")
		line("")
		for _, n := range ev.Unchecked {
			line("- %s", md(n))
		}
	}
	if r := ev.Metadata; r != nil {
		ran = true
		line("")
		line("### Metadata: %s", md(orDefault(ev.MetadataSource, "given")))
		line("")
		line("%s", verdictWords(r.OK))
		writeFindings(b, r.Findings)
	}
	if len(ev.Drift) > 0 {
		ran = true
		line("")
		line("### Comparison with the saved configuration: %s", md(orDefault(ev.SavedSource, "sso-config.yaml")))
		line("")
		line("%s", verdictWords(ev.Drift.OK()))
		writeFindings(b, ev.Drift)
	}
	if c := ev.Capture; c != nil && c.Responses == 0 {
		ran = true
		line("")
		line("### Capture: %s", md(orDefault(ev.ResponseSource, "given")))
		line("")
		line("%d requests, no SAMLResponse.", c.Requests)
	}
	if r := ev.Response; r != nil && (ev.Capture == nil || ev.Capture.Responses > 0) {
		ran = true
		line("")
		title := "SAMLResponse: " + orDefault(ev.ResponseSource, "given")
		if c := ev.Capture; c != nil {
			title += fmt.Sprintf(" (SAMLResponse %d of %d in the capture)", c.Picked, c.Responses)
		}
		line("### %s", md(title))
		line("")
		line("%s", verdictWords(r.OK))
		line("")
		for _, kv := range [][2]string{
			{"NameID", r.Subject.NameID}, {"E-mail", r.Subject.Email}, {"Issuer", r.Issuer},
			{"Audience", strings.Join(r.Conditions.Audiences, ", ")}, {"Destination", r.Destination},
			{"InResponseTo", r.InResponseTo}, {"IssueInstant", r.IssueInstant},
		} {
			if kv[1] != "" {
				line("- %s: `%s`", kv[0], code(kv[1]))
			}
		}
		if r.Unverified {
			line("- Unverified: %s", md(r.UnverifiedReason))
		}
		writeFindings(b, r.Findings)
	}
	switch {
	case ran:
	case ev.Saved != nil:
		line("")
		line("None: the saved configuration %s was given, but no metadata or capture to check with it.", md(orDefault(ev.SavedSource, "sso-config.yaml")))
	default:
		line("")
		line("None: no metadata, saved configuration or capture was given.")
	}
}

func writeFindings(b *strings.Builder, fs samlcheck.Findings) {
	fmt.Fprintln(b)
	for _, f := range fs {
		fmt.Fprintf(b, "- %s `%s`: %s\n", f.Severity, f.ID, md(samlcheck.Printable(f.Message)))
		if f.Fix != "" && f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
			fmt.Fprintf(b, "  - Fix: %s\n", md(samlcheck.Printable(f.Fix)))
		}
	}
}

func writeCertificates(b *strings.Builder, ev Evidence, w *Words) {
	n := 0
	if ev.Metadata != nil {
		for _, c := range ev.Metadata.IdP.Certificates {
			fmt.Fprintf(b, "- In the metadata: SHA-256 `%s`, %s, valid until %s\n", c.SHA256, md(samlcheck.Printable(c.Subject)), c.NotAfter.UTC().Format(time.DateOnly))
			n++
		}
	}
	if ev.Saved != nil {
		for _, fp := range ev.Saved.CertSHA256 {
			fmt.Fprintf(b, "- Saved in the configuration (what %s has): SHA-256 `%s`\n", md(w.SP), code(fp))
			n++
		}
	}
	if r := ev.Response; r != nil && r.StaleCertificate != nil {
		fmt.Fprintf(b, "- The response is signed with (its KeyInfo, which no trusted certificate matches): SHA-256 `%s`\n", r.StaleCertificate.Signer)
		n++
	}
	if n == 0 {
		fmt.Fprintln(b, "None was read.")
	}
}

func statusWords(s Status) string {
	switch s {
	case StatusConfirmed:
		return "**confirmed**"
	case StatusRuledOut:
		return "ruled out"
	}
	return "possible"
}

func answerWords(a string) string {
	if a == AnswerUnsure {
		return "not sure"
	}
	return a
}

func verdictWords(ok bool) string {
	if ok {
		return "Result: no failure."
	}
	return "Result: failed."
}

func clockWords(src string) string {
	switch src {
	case ClockFlag:
		return "the time given with --now"
	case ClockCapture:
		return "when the browser sent it, from the capture"
	}
	return "the current time"
}

func codeList(ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = "`" + id + "`"
	}
	return strings.Join(parts, ", ")
}

// md makes text from documents safe in Markdown prose: control characters
// visible, and no raw HTML or code spans it could open.
func md(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "`", "'").Replace(samlcheck.Printable(s))
}

// code makes a value safe inside a code span.
func code(s string) string { return strings.ReplaceAll(samlcheck.Printable(s), "`", "'") }
