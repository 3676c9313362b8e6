package logintest

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/findings"
)

// View implements tui.Step.
func (s *Step) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	var body string
	switch s.mode {
	case modeIdle, modeStarting:
		body = s.spin.View() + " " + st.Text.Render("Starting the test listener…")
	case modeWaiting:
		body = s.waitingView(ctx, w)
	case modeResult:
		body = s.resultView(ctx, w, h)
	case modeNoResponse:
		body = s.noResponseView(ctx, w, h)
	case modeFailed:
		body = s.failedView(ctx, w)
	case modePaste:
		body = s.pasteView(ctx, w)
	case modeInspecting:
		body = s.spin.View() + " " + st.Text.Render("Inspecting the response…")
	case modeSkipped:
		body = st.Info.Render(tui.Wrap("i You skipped the live login test.", w)) + "\n" +
			wrap(ctx, "r starts it now; p takes a pasted response or a capture instead; enter goes on without it.", w)
	}
	return body
}

func wrap(ctx *tui.Context, text string, w int) string {
	return ctx.Styles.Text.Render(tui.Wrap(text, w))
}

// urlRows are the two URLs the test is about, labelled.
func (s *Step) urlRows(ctx *tui.Context, w int) string {
	st := ctx.Styles
	row := func(label, url string) string {
		return "  " + st.Label.Render(fmt.Sprintf("%-14s", label)) + st.Value.Render(tui.Wrap(url, max(w-16, 10)))
	}
	return row("Test ACS URL", s.sess.ACSURL()) + "\n" + row("Login URL", s.sess.LoginURL())
}

func (s *Step) waitingView(ctx *tui.Context, w int) string {
	st := ctx.Styles
	var b strings.Builder
	if s.acsAdded {
		b.WriteString(wrap(ctx, "The IdP lists the test ACS URL already, first. In JumpCloud you would add it on the app's SSO tab under ACS URLs, save, and remove it after the test.", w))
	} else {
		b.WriteString(wrap(ctx, "In JumpCloud, on the app's SSO tab, add the test ACS URL under ACS URLs as an extra URL (keep the first one as it is), and save. Remove it again once the test is done.", w))
	}
	b.WriteString("\n\n" + s.urlRows(ctx, w) + "\n\n")
	then := "Then sign in at the login URL"
	switch {
	case s.launched:
		then = "Your browser was opened at the login URL: sign in there (o opens it again)"
	case s.svc.Open != nil && !s.noBrowser:
		then += ": o opens it in your browser"
	}
	b.WriteString(wrap(ctx, then+".", w) + "\n")
	if s.noBrowser {
		b.WriteString(st.Warn.Render(tui.Wrap("! No browser can be opened from here: open the login URL in a browser on this machine.", w)) + "\n")
	}
	if s.plan.Remote || s.noBrowser {
		port := strconv.Itoa(s.sess.Port())
		b.WriteString(st.Muted.Render(tui.Wrap("Over SSH, forward the port first: ssh -L "+port+":127.0.0.1:"+port+" this-host, then open the login URL on your own machine.", w)) + "\n")
	}
	if s.svc.SignIn != nil {
		b.WriteString(st.Muted.Render(tui.Wrap("Or d signs "+s.svc.SignInAs+" in, in a scripted browser.", w)) + "\n")
	}
	b.WriteString("\n" + s.waitLine(ctx, w))
	b.WriteString("\n\n" + st.Muted.Render(tui.Wrap("No way to add an ACS URL? p takes a pasted SAMLResponse, or a HAR or SAML-tracer file, instead.", w)))
	return b.String()
}

// waitLine is the spinner, the time left and what the listener saw.
func (s *Step) waitLine(ctx *tui.Context, w int) string {
	st := ctx.Styles
	left := max(s.deadline.Sub(s.now), 0).Round(time.Second)
	what := fmt.Sprintf("Waiting for the response… %s left (esc cancels)", clock(left))
	switch {
	case s.received:
		what = "The response arrived; inspecting it…"
	case s.signing:
		what = "Signing " + s.svc.SignInAs + " in, in a scripted browser…"
	}
	lines := []string{s.spin.View() + " " + st.Text.Render(what)}
	if s.opened {
		lines = append(lines, "  "+st.Mark(tui.KindOK)+" "+st.Text.Render("a browser opened the login URL"))
	}
	if n := len(s.refused); n > 0 {
		r := s.refused[n-1]
		text := fmt.Sprintf("refused %s %s: %s", r.Method, r.Path, r.Message)
		if n > 1 {
			text = fmt.Sprintf("%d requests refused; the last, %s %s: %s", n, r.Method, r.Path, r.Message)
		}
		lines = append(lines, indentRows(st.Mark(tui.KindWarn)+" ", tui.Wrap(samlcheck.Printable(text), w-4)))
	}
	return strings.Join(lines, "\n")
}

// clock is a duration as m:ss.
func clock(d time.Duration) string {
	sec := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

func indentRows(first, text string) string {
	ls := strings.Split(text, "\n")
	for i := range ls {
		if i == 0 {
			ls[i] = "  " + first + ls[i]
		} else {
			ls[i] = "    " + ls[i]
		}
	}
	return strings.Join(ls, "\n")
}

// verdict is the result's first line: passed, with warnings, or rejected.
func (s *Step) verdict(ctx *tui.Context, fs samlcheck.Findings, w int) string {
	st := ctx.Styles
	r := s.outcome.Report
	who := r.Subject.Email
	if who == "" {
		who = r.Subject.NameID
	}
	if who == "" {
		who = "someone"
	}
	switch {
	case s.outcome.Kind == OutcomeRejected:
		n := 0
		for _, f := range fs {
			if f.Severity == samlcheck.SeverityFail {
				n++
			}
		}
		return st.Fail.Render(tui.Wrap(fmt.Sprintf("✗ Rejected: %s would refuse this login (%s). Each ✗ below says what to fix.", s.spName(), plural(n, "failure", "failures")), w))
	case fs.Worst() == samlcheck.SeverityWarn:
		return st.OK.Render(tui.Wrap(fmt.Sprintf("✓ Passed: %s logged in and %s would accept it; ", samlcheck.Printable(who), s.spName()), w)) +
			st.Warn.Render("the ! below are worth fixing.")
	}
	return st.OK.Render(tui.Wrap(fmt.Sprintf("✓ Passed: %s logged in, and %s would accept this login.", samlcheck.Printable(who), s.spName()), w))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// allFindings are the live test's own findings and the inspection's.
func (s *Step) allFindings() samlcheck.Findings {
	var fs samlcheck.Findings
	if s.outcome.Result != nil {
		fs = append(fs, s.outcome.Result.Findings...)
	}
	if s.outcome.Report != nil {
		fs = append(fs, s.outcome.Report.Findings...)
	}
	return fs
}

// summaryRows are who logged in and where the IdP sent the response.
func (s *Step) summaryRows(ctx *tui.Context, w int) []string {
	st := ctx.Styles
	r := s.outcome.Report
	var rows []string
	add := func(label, value string) {
		if value == "" {
			return
		}
		lines := strings.Split(tui.Wrap(samlcheck.Printable(value), max(w-15, 10)), "\n")
		for i, l := range lines {
			lab := strings.Repeat(" ", 13)
			if i == 0 {
				lab = fmt.Sprintf("%-13s", label)
			}
			rows = append(rows, "  "+st.Label.Render(lab)+st.Value.Render(l))
		}
	}
	nameID := r.Subject.NameID
	if f := r.Subject.Format; nameID != "" && f != "" {
		nameID += " (" + f[strings.LastIndexByte(f, ':')+1:] + ")"
	}
	add("NameID", nameID)
	if r.Subject.Email != r.Subject.NameID {
		add("E-mail", r.Subject.Email)
	}
	add("Issuer", r.Issuer)
	names := make([]string, 0, len(r.Attributes))
	for n := range r.Attributes {
		names = append(names, n)
	}
	slices.Sort(names)
	attrs := make([]string, 0, len(names))
	for _, n := range names {
		attrs = append(attrs, n+"="+strings.Join(r.Attributes[n], ","))
	}
	add("Attributes", strings.Join(attrs, "; "))
	if res := s.outcome.Result; res != nil {
		add("ACS used", acsUsed(res.ACS))
		if res.IdPInitiated {
			add("Started", "at the IdP (no InResponseTo): an IdP-initiated login")
		}
	}
	if r.Unverified {
		rows = append(rows, "  "+st.Warn.Render(tui.Wrap("! unverified values: "+samlcheck.Printable(r.UnverifiedReason), w-4)))
	}
	return rows
}

// acsUsed says which ACS URL the response names.
func acsUsed(a acs.ACSUse) string {
	switch {
	case a.DestinationIsTest && a.RecipientIsTest:
		return "the test ACS URL (Destination and Recipient)"
	case a.Destination == "" && a.RecipientIsTest:
		return "the test ACS URL (Recipient; no Destination)"
	}
	return fmt.Sprintf("Destination %s, Recipient %s (not only the test ACS URL)", orNone(a.Destination), orNone(strings.Join(a.Recipients, ", ")))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// head is the lines above the findings list of a result.
func (s *Step) head(ctx *tui.Context, w int) string {
	st := ctx.Styles
	fs := s.allFindings()
	top := s.verdict(ctx, fs, w) + "\n"
	if s.outcome.Source != "" {
		top = st.Muted.Render(tui.Wrap("Inspected "+samlcheck.Printable(s.outcome.Source), w)) + "\n" + top
	}
	top += strings.Join(s.summaryRows(ctx, w), "\n") + "\n"
	if s.outcome.Result != nil && !s.acsAdded {
		top += st.Muted.Render(tui.Wrap("Remove the test ACS URL from the app's SSO tab in JumpCloud now that the test is done.", w)) + "\n"
	}
	return top + tui.Fit(findings.CountLine(fs, findings.Paint(ctx)), w, 1)
}

func (s *Step) resultView(ctx *tui.Context, w, h int) string {
	head := s.head(ctx, w)
	rows := findings.Rows(ctx, s.allFindings(), w)
	return head + "\n" + s.list(ctx, rows, w, h-lines(head))
}

// list shows rows from the scroll position in h lines, with hints.
func (s *Step) list(ctx *tui.Context, rows []string, w, h int) string {
	h = max(h, 3)
	scroll := min(s.scroll, max(len(rows)-h, 0))
	end := min(scroll+h, len(rows))
	return tui.ScrollHints(ctx, strings.Join(rows[scroll:end], "\n"), scroll, end, len(rows), w)
}

func lines(s string) int { return strings.Count(s, "\n") + 1 }

// maxScroll is how far the list of the finished screen scrolls at the
// size last given.
func (s *Step) maxScroll() int {
	w, h := max(s.width-2, 10), max(s.height-5, 3)
	ctx := &tui.Context{Styles: s.ui.Styles}
	switch s.mode {
	case modeResult:
		return max(len(findings.Rows(ctx, s.allFindings(), w))-max(h-lines(s.head(ctx, w))-1, 3), 0)
	case modeNoResponse:
		head, rows := s.noResponseParts(ctx, w)
		return max(len(rows)-max(h-lines(head)-1, 3), 0)
	}
	return 0
}

// noResponseParts are the headline and the causes, one row a line.
func (s *Step) noResponseParts(ctx *tui.Context, w int) (string, []string) {
	st := ctx.Styles
	we := s.outcome.Wait
	if we == nil || s.outcome.Kind == OutcomeCanceled {
		text := "The test was cancelled; nothing arrived."
		if s.sess != nil && s.cancelledAfter > 0 {
			text = fmt.Sprintf("The test was cancelled after %s; nothing arrived at %s.", s.cancelledAfter.Round(time.Second), s.sess.ACSURL())
		}
		return st.Info.Render(tui.Wrap("i "+text, w)) + "\n" + wrap(ctx, "r starts the test again; p takes a pasted response or a capture instead.", w), nil
	}
	head := fmt.Sprintf("✗ No SAML response reached %s in %s.", we.ACSURL, we.Waited.Round(time.Second))
	if s.browserDone {
		head = fmt.Sprintf("✗ The sign-in ended, but no SAML response reached %s.", we.ACSURL)
		if s.browserErr != nil {
			head += " The scripted browser said: " + s.browserErr.Error() + "."
		}
	}
	text := st.Fail.Render(tui.Wrap(samlcheck.Printable(head), w))
	if n := len(we.Refusals); n > 0 {
		r := we.Refusals[n-1]
		text += "\n" + st.Muted.Render(tui.Wrap(samlcheck.Printable(fmt.Sprintf("%s refused; the last, %s %s: %s", plural(n, "request", "requests"), r.Method, r.Path, r.Message)), w))
	}
	text += "\n" + st.Heading.Render("Likely causes, most likely first:")
	var rows []string
	for i, c := range we.Causes {
		for j, l := range strings.Split(tui.Wrap(c.Title, w-5), "\n") {
			prefix := "     "
			if j == 0 {
				prefix = fmt.Sprintf("  %d  ", i+1)
			}
			rows = append(rows, prefix+st.Text.Render(l))
		}
		for _, l := range strings.Split(tui.Wrap("Fix: "+c.Fix, w-7), "\n") {
			rows = append(rows, "       "+st.Muted.Render(l))
		}
	}
	return text, rows
}

func (s *Step) noResponseView(ctx *tui.Context, w, h int) string {
	head, rows := s.noResponseParts(ctx, w)
	if len(rows) == 0 {
		return head
	}
	return head + "\n" + s.list(ctx, rows, w, h-lines(head))
}

func (s *Step) failedView(ctx *tui.Context, w int) string {
	st := ctx.Styles
	err := s.outcome.Err
	text := st.Fail.Render(tui.Wrap("✗ The login test could not start: "+samlcheck.Printable(errText(err)), w))
	hint := "r tries again."
	if errors.Is(err, acs.ErrPortBusy) {
		hint = "Stop the other program and press r, or test from the command line on another port: jcsso test-login --acs-port N (add that URL in JumpCloud instead)."
	}
	return text + "\n\n" + wrap(ctx, hint, w)
}

func errText(err error) string {
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

func (s *Step) pasteView(ctx *tui.Context, w int) string {
	st := ctx.Styles
	var b strings.Builder
	b.WriteString(wrap(ctx, "Cannot add an ACS URL in JumpCloud? Sign in to "+s.spName()+" as usual while the browser records it, then give the response here:", w) + "\n")
	b.WriteString(wrap(ctx, "• paste the SAMLResponse (SAML-tracer: the POST to the ACS URL, its Parameters tab), or", w) + "\n")
	b.WriteString(wrap(ctx, "• type the path of a HAR file (developer tools: Network, Save all as HAR) or a SAML-tracer export.", w) + "\n\n")
	b.WriteString(s.input.View())
	if s.inputErr != nil {
		b.WriteString("\n" + st.Fail.Render(tui.Wrap("✗ "+samlcheck.Printable(s.inputErr.Error()), w)))
	}
	b.WriteString("\n\n" + st.Muted.Render(tui.Wrap("A capture holds cookies and other personal data: only the SAML response is read from it.", w)))
	return b.String()
}
