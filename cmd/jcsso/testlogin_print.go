package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/steps/logintest"
)

// loginPrinter prints a login test without the full screen: instructions
// and events on stderr and the report on stdout, or JSON lines on stdout.
type loginPrinter struct {
	out, errOut io.Writer
	json        bool
	mu          sync.Mutex // the events goroutine and the result share out
}

func newLoginPrinter(cmd *cobra.Command, asJSON bool) *loginPrinter {
	return &loginPrinter{out: cmd.OutOrStdout(), errOut: cmd.ErrOrStderr(), json: asJSON}
}

// line writes one JSON line.
func (p *loginPrinter) line(v any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := writeJSONLine(p.out, v); err != nil {
		_ = writeJSONLine(p.out, map[string]string{"event": "error", "error": err.Error()})
	}
}

// follow prints the session's events as they come (the listening event
// first) and closes the channel it returns when the listener has closed.
func (p *loginPrinter) follow(sess *acs.Session) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range sess.Events() {
			if p.json {
				p.line(ev)
				continue
			}
			p.event(ev)
		}
	}()
	return done
}

// event is one listener event in words, on stderr.
func (p *loginPrinter) event(ev acs.Event) {
	var text string
	switch ev.Kind {
	case acs.EventOpened:
		text = "a browser opened the login URL"
	case acs.EventRefused:
		if r := ev.Refusal; r != nil {
			text = fmt.Sprintf("refused %s %s (%d): %s", r.Method, r.Path, r.Status, r.Message)
		}
	case acs.EventReceived:
		text = "the SAML response arrived; inspecting it"
	}
	if text == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.errOut, samlcheck.Printable(text))
}

// listening says what to add in JumpCloud and how to start the login.
func (p *loginPrinter) listening(sess *acs.Session, noBrowser bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := p.errOut
	fmt.Fprintf(w, "Listening. In JumpCloud, on the app's SSO tab, add this ACS URL as an extra one (keep the first as it is) and save; remove it after the test:\n  %s\n", sess.ACSURL())
	opened := false
	if !noBrowser {
		if err := openBrowser(sess.LoginURL()); err == nil {
			opened = true
			fmt.Fprintf(w, "Opened the login URL in your browser:\n  %s\n", sess.LoginURL())
		}
	}
	if !opened {
		fmt.Fprintf(w, "Then open this login URL in a browser on this machine:\n  %s\n", sess.LoginURL())
		if remoteSession() {
			fmt.Fprintf(w, "Over SSH, forward the port first: ssh -L %d:127.0.0.1:%d HOST, then open the URL on your own machine.\n", sess.Port(), sess.Port())
		}
	}
	fmt.Fprintln(w, "Waiting for the SAML response (ctrl+c stops)…")
}

// loginResult is the last JSON line: the outcome, the live result
// (inspection, live findings, ACS used), or why nothing came.
type loginResult struct {
	Event   string                `json:"event"`
	OK      bool                  `json:"ok"`
	Outcome logintest.OutcomeKind `json:"outcome"`
	*acs.Result
	Error       string        `json:"error,omitempty"`
	ACSURL      string        `json:"acs_url,omitempty"`
	LoginOpened *bool         `json:"login_opened,omitempty"`
	Refusals    []acs.Refusal `json:"refusals,omitempty"`
	Causes      []acs.Cause   `json:"causes,omitempty"`
}

// newLoginResult is the result line of a finished wait.
func newLoginResult(acsURL string, res *acs.Result, err error) loginResult {
	r := loginResult{Event: "result", Outcome: waitOutcome(res, err), Result: res}
	r.OK = r.Outcome == logintest.OutcomePassed
	if res != nil {
		res.Report.Source = acsURL
		return r
	}
	r.Error, r.ACSURL = errText(err), acsURL
	var we *acs.WaitError
	if errors.As(err, &we) {
		opened := we.LoginOpened
		r.LoginOpened, r.Refusals, r.Causes = &opened, we.Refusals, we.Causes
	}
	return r
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// result prints how the test ended and returns its exit status.
func (p *loginPrinter) result(acsURL string, res *acs.Result, err error) error {
	r := newLoginResult(acsURL, res, err)
	if p.json {
		p.line(r)
	} else {
		renderLoginResult(reportWriter(p.out), acsURL, res, err)
	}
	return exitOfOutcome(r.Outcome)
}

// renderLoginResult is the text report of a live test: how it went, the
// live test's own findings, then the inspection as jcsso inspect prints
// it; or, with no response, the likely causes in order.
func renderLoginResult(w io.Writer, acsURL string, res *acs.Result, err error) {
	st := newReportStyles()
	if res == nil {
		var we *acs.WaitError
		if !errors.As(err, &we) {
			fmt.Fprintln(w, samlcheck.Printable(errText(err)))
			return
		}
		fmt.Fprintln(w, st.fail.Render(samlcheck.Printable(we.Error())))
		fmt.Fprintln(w, "Likely causes, most likely first:")
		for i, c := range we.Causes {
			fmt.Fprintf(w, "  %d. %s %s\n     %s %s\n", i+1, st.label.Render(c.ID), c.Title, st.dim.Render("fix:"), c.Fix)
		}
		return
	}
	started := "by this test (the response answers its request " + res.RequestID + ")"
	if res.IdPInitiated {
		started = "at the IdP: no InResponseTo (an IdP-initiated login)"
	}
	renderSummary(w, "Live login test: "+acsURL, []summaryRow{
		{"Request", fmt.Sprintf("%s by %s", res.RequestID, bindingName(res.Binding))},
		{"Started", started},
		{"ACS used", acsUseText(res.ACS)},
		{"Waited", res.Waited.Round(time.Millisecond).String()},
	})
	fmt.Fprintln(w)
	renderFindings(w, res.Findings)
	fmt.Fprintln(w)
	renderInspectReport(w, acsURL, res.Report)
	fmt.Fprintf(w, "\nRemove %s from the app's ACS URLs in JumpCloud now that the test is done.\n", acsURL)
}

func bindingName(b acs.Binding) string {
	if b == acs.BindingPOST {
		return "HTTP-POST"
	}
	return "HTTP-Redirect"
}

// acsUseText says which ACS URL the response names, in one line.
func acsUseText(a acs.ACSUse) string {
	switch {
	case a.DestinationIsTest && a.RecipientIsTest:
		return "the test ACS URL (Destination and Recipient)"
	case a.Destination == "" && a.RecipientIsTest:
		return "the test ACS URL (Recipient; the Response has no Destination)"
	}
	return fmt.Sprintf("Destination %s, Recipient %s", noneIfEmpty(a.Destination), noneIfEmpty(strings.Join(a.Recipients, ", ")))
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
