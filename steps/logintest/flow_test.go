package logintest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
)

// TestWaitingScreen: entering the step starts the listener; the screen
// shows the test ACS URL to add (and to remove afterwards), the login URL,
// the spinner line with the time left and the way out; c copies the URL
// and o opens the browser at the login URL.
func TestWaitingScreen(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.WantScreen("add the test ACS URL under ACS URLs as an", "Remove it again once the",
		"Test ACS URL", "http://127.0.0.1:8741/saml/acs", "Login URL", "http://127.0.0.1:8741/saml/login",
		"o opens it in your browser", "Waiting for the response… 5:00 left (esc cancels)",
		"o open browser • c copy URL • esc cancel • p paste")
	r.Keys("?")
	r.WantScreen("s   skip")
	r.Keys("?")
	r.Keys("c")
	r.Keys("o")
	if len(r.copied) != 1 || r.copied[0] != "http://127.0.0.1:8741/saml/acs" || len(r.opened) != 1 || r.opened[0] != "http://127.0.0.1:8741/saml/login" {
		t.Fatalf("copied %q, opened %q", r.copied, r.opened)
	}
	// The listener's events show under the spinner.
	r.fake.events <- acs.Event{Kind: acs.EventOpened}
	r.Await()
	r.Await()
	r.fake.events <- acs.Event{Kind: acs.EventRefused, Refusal: &acs.Refusal{Method: "GET", Path: "/saml/acs", Message: "This is the test ACS URL."}}
	r.Await()
	r.WantScreen("✓ a browser opened the login URL", "refused GET /saml/acs: This is the test ACS URL.")
}

// TestNoBrowser: over SSH (no display) o cannot open a browser, so the
// screen says to open the login URL by hand, with the port to forward.
func TestNoBrowser(t *testing.T) {
	r := newRig(t, rigOptions{openErr: ErrNoBrowser})
	r.Keys("o")
	r.WantScreen("No browser can be opened from here", "ssh -L 8741:127.0.0.1:8741")
	if len(r.opened) != 1 {
		t.Errorf("opened %q", r.opened)
	}
	if strings.Contains(r.Screen(), "o open browser") {
		t.Errorf("o is still offered:\n%s", r.Screen())
	}
}

// TestAutoOpen: test-login opens the browser as soon as it listens.
func TestAutoOpen(t *testing.T) {
	r := newRig(t, rigOptions{cfg: func(c *Config) {
		plan := c.Plan
		c.Plan = func() (Plan, error) { p, err := plan(); p.AutoOpen = true; return p, err }
	}})
	if len(r.opened) != 1 {
		t.Fatalf("opened %q, want the login URL once", r.opened)
	}
}

// TestResultScreen: a passed login shows who logged in, the attributes,
// which ACS URL was used and the reminder to remove it; a rejected one
// each failure with its fix. enter hands the outcome to the host.
func TestResultScreen(t *testing.T) {
	for _, ok := range []bool{true, false} {
		t.Run(fmt.Sprint(ok), func(t *testing.T) {
			r := newRig(t, rigOptions{})
			r.finish(fakeResult(ok), nil)
			r.WantScreen("alice@acmecorp.com (emailAddress)", "email=alice@acmecorp.com; firstname=Alice",
				"the test ACS URL (Destination and Recipient)", "Remove the test ACS URL", "enter done", "r test again", "p paste")
			if ok {
				r.WantScreen("✓ Passed: alice@acmecorp.com logged in, and Avoma would accept this login.", "2 passed")
			} else {
				r.WantScreen("✗ Rejected: Avoma would refuse this login (1 failure)", `the Audience is "https://app.avoma.con"`, "Fix: Copy the SP Entity ID again exactly.")
			}
			r.Keys("enter")
			want := OutcomePassed
			if !ok {
				want = OutcomeRejected
			}
			if len(r.done) != 1 || r.done[0].Kind != want || !r.M.Quitting() {
				t.Fatalf("done %+v, quitting %v", r.done, r.M.Quitting())
			}
		})
	}
}

// TestTimeout: nothing before the timeout lists the likely causes in
// order, each with its fix; r starts a new test.
func TestTimeout(t *testing.T) {
	r := newRig(t, rigOptions{timeout: -1})
	r.AwaitUntil(func() bool { return r.step.mode == modeNoResponse })
	r.WantScreen("✗ No SAML response reached http://127.0.0.1:8741/saml/acs", "Likely causes, most likely first:",
		"1  the test ACS URL was not added in JumpCloud", "2  JumpCloud posted the response to the default (first) ACS URL",
		"3  the user is not bound to the app", "Fix: On the app's SSO tab, add the test ACS URL")
	if r.step.Outcome().Kind != OutcomeNoResponse {
		t.Errorf("outcome %q", r.step.Outcome().Kind)
	}
	r.fake = newFakeSession(8741)
	r.Keys("r")
	r.WantScreen("Waiting for the response…")
}

// TestCancel: esc cancels a waiting test at once; r starts it again.
func TestCancel(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.Keys("esc")
	r.WantScreen("i The test was cancelled", "r test again")
	if r.step.Outcome().Kind != OutcomeCanceled {
		t.Errorf("outcome %q", r.step.Outcome().Kind)
	}
	r.AwaitUntil(func() bool { return true })
}

// TestSkip: s leaves an optional test, saying so to the host.
func TestSkip(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.Keys("s")
	if len(r.done) != 1 || r.done[0].Kind != OutcomeSkipped {
		t.Fatalf("done %+v", r.done)
	}
	r.WantScreen("You skipped the live login test", "r test again")
}

// TestStartFails: a busy port is said in one line, with what to do.
func TestStartFails(t *testing.T) {
	r := newRig(t, rigOptions{startErr: fmt.Errorf("%w: 127.0.0.1:8741 is taken", acs.ErrPortBusy)})
	r.WantScreen("✗ The login test could not start:", "127.0.0.1:8741 is taken", "jcsso test-login --acs-port N")
	if r.step.Outcome().Kind != OutcomeFailed {
		t.Errorf("outcome %q", r.step.Outcome().Kind)
	}
}

// TestPasteInstead: p takes a pasted SAMLResponse (inspected at once) or
// a path to a capture (read, then inspected); a file that cannot be read
// is said under the field.
func TestPasteInstead(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.Keys("p")
	r.WantScreen("Cannot add an ACS URL in JumpCloud?", "type the path of a HAR file", "esc cancel")
	if strings.Contains(r.Screen(), "enter inspect") {
		t.Errorf("enter is offered on an empty field")
	}
	r.Type("~/missing.har")
	r.Keys("enter")
	r.WantScreen("no such file")
	for range len("~/missing.har") {
		r.Keys("backspace")
	}
	r.Type("login.har")
	r.Keys("enter")
	r.WantScreen("Inspected login.har", "✓ Passed")
	// A paste that is a response is inspected without a key.
	r.Send(tea.PasteMsg{Content: "<samlp:Response>bad</samlp:Response>"})
	r.WantScreen("Inspected the pasted response", "✗ Rejected")
	if r.step.Outcome().Source != "the pasted response" {
		t.Errorf("outcome %+v", r.step.Outcome())
	}
}

// TestDemoSignIn: where a scripted browser can play the user (jcsso
// demo), d signs the demo user in; when the IdP's page carried no response
// the wait ends at once, the user not being bound listed first.
func TestDemoSignIn(t *testing.T) {
	r := newRig(t, rigOptions{cfg: func(c *Config) {
		c.Services.SignInAs = "alice@acmecorp.com"
		c.Services.SignIn = func(context.Context, string) (acs.BrowserOutcome, error) {
			return acs.BrowserOutcome{NoResponse: true}, nil
		}
		c.Services.AddACSURL = func(string) error { return nil }
	}})
	r.WantScreen("The IdP lists the test ACS URL already, first", "d signs alice@acmecorp.com in", "d demo sign-in")
	r.Keys("d")
	r.AwaitUntil(func() bool { return r.step.mode == modeNoResponse })
	r.WantScreen("The sign-in ended, but no SAML response reached", "1  the user is not bound to the app")
	if errors.Is(r.step.Outcome().Err, acs.ErrCanceled) || r.step.Outcome().Kind != OutcomeNoResponse {
		t.Errorf("outcome %+v", r.step.Outcome())
	}
}
