package setup

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/steps/logintest"
)

// LiveTest shapes the optional live-login step after the import.
type LiveTest struct {
	// AnyPort listens on a free port instead of acs.DefaultPort: where
	// the program adds the test ACS URL to the IdP itself (the demo), the
	// URL need not stay the same from run to run.
	AnyPort bool
	// Admins are e-mails the service provider knows, checked as
	// admin.unknown (the demo's users); nil checks none.
	Admins []string
	// Timeout bounds the wait; zero is acs.DefaultTimeout.
	Timeout time.Duration
	// Remote says the terminal is reached over SSH.
	Remote bool
}

// errNotImported is the live test's plan before any metadata.
var errNotImported = errors.New("import JumpCloud's metadata first: the test sends its request to the sign-on URL the metadata gives (esc goes back to the import)")

// newLiveTest is step 7: the live login screen of steps/logintest, with
// the plan from the answers and the imported metadata. It is optional: s
// skips it, and the session records how it ended.
func newLiveTest(w *wizard) *logintest.Step {
	return logintest.New(logintest.Config{
		Key:       keyLiveTest,
		Title:     "Test a live login (optional)",
		Plan:      w.livePlan,
		Services:  w.svc.LiveTest,
		Skippable: true,
		CanGoBack: true,
		DoneLabel: "next",
		OnDone:    w.liveDone,
		Context:   w.ctx,
	})
}

// livePlan is the test the answers describe: the SP's values, the
// IdP Entity ID chosen (what the SP expects as the Issuer, even when the
// metadata says otherwise), the signing the SP asks for, and the imported
// metadata's sign-on URL and certificates.
func (w *wizard) livePlan() (logintest.Plan, error) {
	if w.report == nil || w.prof == nil {
		return logintest.Plan{}, errNotImported
	}
	sp, acsURLs := w.spValues()
	lt := w.opts.LiveTest
	o := ssoconfig.LiveTestOptions(w.prof, w.ans, w.report, w.now())
	if lt.AnyPort {
		o.Port = 0
	}
	o.Inspect.Admins = lt.Admins
	capture := o.Inspect
	capture.SPEntityID = sp
	if len(acsURLs) > 0 {
		capture.ACSURL = acsURLs[0]
	}
	return logintest.Plan{Options: o, Timeout: lt.Timeout, Capture: capture, SP: w.ans.App(w.prof), Remote: lt.Remote}, nil
}

// liveDone records how the test ended (the review and a resumed session
// say it) and goes on.
func (w *wizard) liveDone(out logintest.Outcome) tea.Cmd {
	w.ans.LiveLogin = string(out.Kind)
	return w.next()
}

// liveLoginWords is the review's line for the recorded outcome.
func liveLoginWords(kind string) string {
	switch logintest.OutcomeKind(kind) {
	case logintest.OutcomePassed:
		return "passed"
	case logintest.OutcomeRejected:
		return "rejected: the live test's ✗ say what to fix"
	case logintest.OutcomeNoResponse:
		return "no response arrived"
	case logintest.OutcomeCanceled, logintest.OutcomeFailed:
		return "not finished"
	}
	return "skipped"
}
