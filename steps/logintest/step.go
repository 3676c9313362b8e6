// Package logintest is the live-login screen: it starts a one-shot service
// provider on the loopback address (internal/acs), shows the test ACS URL
// to add in JumpCloud, opens the browser at the login URL, waits for the
// response with a spinner and the time left, and then shows who logged in,
// the attributes and every finding with its fix, or, when nothing came,
// the likely causes in order. Admins who cannot add an ACS URL paste a
// SAMLResponse, or give a HAR or SAML-tracer file, instead.
//
// It is one tui.Step, made to be embedded: the setup wizard's optional
// step after the import, and the only step of `jcsso test-login` on a
// terminal. The host gives it a Plan (what to send and trust) and
// Services (listening, the browser, reading files); Update does no I/O,
// and every result carries the sequence number of the test it belongs to,
// so one from an abandoned test is dropped.
package logintest

import (
	"context"
	"time"

	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/tui"
)

// Plan is what one login test sends and trusts, from the host's state
// when the test starts (the wizard's answers and imported metadata, or
// test-login's flags).
type Plan struct {
	// Options start the listener: the SP Entity ID, the IdP's sign-on
	// endpoints, the port, and what the response is inspected against.
	Options acs.Options
	// Timeout bounds the wait; zero means acs.DefaultTimeout.
	Timeout time.Duration
	// Capture is what a pasted response or a browser capture is inspected
	// against: the service provider's own ACS URL, not the test one.
	Capture response.Options
	// SP names the service provider in texts ("Avoma"); empty says "the
	// service provider".
	SP string
	// AutoOpen opens the browser as soon as the listener is up.
	AutoOpen bool
	// Remote says the terminal is reached over SSH: the browser runs on
	// another machine, which needs the port forwarded.
	Remote bool
}

// Session is a started login test, as internal/acs makes one (tests give
// a fake).
type Session interface {
	ACSURL() string
	LoginURL() string
	Port() int
	Events() <-chan acs.Event
	Wait(ctx context.Context) (*acs.Result, error)
	Close() error
}

// Config wires the step into its host.
type Config struct {
	// Key and Title name the step in its flow.
	Key, Title string
	// Plan is called when a test starts; an error is shown instead.
	Plan func() (Plan, error)
	// Services do the step's I/O; nil fields are the real ones, except
	// the optional Open, AddACSURL and SignIn.
	Services Services
	// Skippable offers s to leave the step without a test (the wizard).
	Skippable bool
	// CanGoBack offers esc on a finished test (a flow with history).
	CanGoBack bool
	// DoneLabel is enter's word once a test has finished ("next", "done").
	DoneLabel string
	// OnDone runs inside Update when the admin moves on (enter once the
	// test finished, or s): the host navigates or quits.
	OnDone func(Outcome) tea.Cmd
	// Context ends the waiting when the program ends; nil is Background.
	Context context.Context
}

// OutcomeKind is how a test ended.
type OutcomeKind string

// The outcomes, as test-login's exit status and the wizard's session
// record them.
const (
	OutcomeNone       OutcomeKind = ""
	OutcomePassed     OutcomeKind = "passed"
	OutcomeRejected   OutcomeKind = "rejected"
	OutcomeNoResponse OutcomeKind = "no-response"
	OutcomeCanceled   OutcomeKind = "cancelled"
	OutcomeSkipped    OutcomeKind = "skipped"
	OutcomeFailed     OutcomeKind = "failed" // the test could not start
)

// Outcome is a finished test.
type Outcome struct {
	Kind OutcomeKind
	// Result is the live test's (nil for a pasted response).
	Result *acs.Result
	// Report is the inspection: the live response's, or the pasted one's.
	Report *response.Report
	// Source names what was pasted ("" for a live test).
	Source string
	// Wait says why no response came (NoResponse, Canceled).
	Wait *acs.WaitError
	// Err is why the test could not start (Failed).
	Err error
}

// mode is what the screen shows.
type mode int

const (
	modeIdle       mode = iota // not started (or skipped)
	modeStarting               // the listener is being started
	modeWaiting                // listening, waiting for the response
	modeResult                 // a response was inspected
	modeNoResponse             // nothing came (timeout, cancelled, browser done)
	modeFailed                 // the test could not start
	modePaste                  // typing a path or pasting a response
	modeInspecting             // inspecting what was pasted
	modeSkipped                // the admin skipped it; r starts it
)

// Step is the live-login screen. Make one with New, then Bind it to the
// shell's context once the shell exists.
type Step struct {
	cfg  Config
	svc  Services
	ui   *tui.Context
	mode mode
	plan Plan
	seq  int
	sess Session
	// cancel ends the current wait (esc, s, the browser done).
	cancel context.CancelFunc

	deadline, now time.Time
	// startedAt is when the listener came up; cancelledAfter how long a
	// cancelled test had waited.
	startedAt      time.Time
	cancelledAfter time.Duration
	spin           spinner.Model
	// what the listener reported while waiting, newest last
	opened   bool
	refused  []acs.Refusal
	received bool
	// noBrowser: o found no browser to open, so the screen says to open
	// the login URL by hand.
	noBrowser bool
	// launched: the opener started a browser at the login URL.
	launched bool
	// acsAdded: the IdP itself was given the test ACS URL (the demo).
	acsAdded bool
	// signing: the scripted browser is signing the demo user in;
	// browser is how it ended, once browserDone.
	signing     bool
	browserDone bool
	browser     acs.BrowserOutcome
	browserErr  error

	outcome Outcome
	input   textinput.Model
	// inputErr is why the field's value failedFor could not be read.
	inputErr  error
	failedFor string
	scroll    int
	width     int
	height    int
}

// New makes the step; it starts nothing until it is entered.
func New(cfg Config) *Step {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.DoneLabel == "" {
		cfg.DoneLabel = "done"
	}
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "a path such as ~/Downloads/login.har, or paste the SAMLResponse"
	in.CharLimit = 4096
	in.SetStyles(tui.InputStyles(true))
	ui := &tui.Context{Keys: tui.DefaultKeyMap(), Styles: tui.NewStyles(true)}
	return &Step{cfg: cfg, svc: cfg.Services.withDefaults(), ui: ui, input: in,
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), width: tui.MinWidth, height: tui.MinHeight}
}

// Bind gives the step the shell's context: the one KeyMap it matches keys
// against and the clock its timers use.
func (s *Step) Bind(ctx *tui.Context) { s.ui = ctx }

// Key implements tui.Step.
func (s *Step) Key() string { return s.cfg.Key }

// Title implements tui.Step.
func (s *Step) Title() string { return s.cfg.Title }

// Typing implements tui.Step: the path field takes every printable key.
func (s *Step) Typing() bool { return s.mode == modePaste }

// Modal implements tui.Step: esc cancels a test that is running, or
// leaves the paste field, rather than going back a step.
func (s *Step) Modal() bool {
	switch s.mode {
	case modeStarting, modeWaiting, modePaste, modeInspecting:
		return true
	}
	return !s.cfg.CanGoBack
}

// Outcome is the last finished test (OutcomeNone while none has).
func (s *Step) Outcome() Outcome { return s.outcome }

// ACSURL is the test ACS URL of the running or last test ("" before one
// started listening).
func (s *Step) ACSURL() string {
	if s.sess != nil {
		return s.sess.ACSURL()
	}
	return ""
}

// Enter implements tui.Step: a test starts when the step is first
// entered; a finished or skipped one is shown as it was (r starts another).
func (s *Step) Enter() tea.Cmd {
	switch s.mode {
	case modeIdle:
		return s.start()
	case modePaste:
		return s.input.Focus()
	}
	return nil
}

// Close ends a test still waiting and closes its listener, for a host
// whose program has ended; it may be called more than once.
func (s *Step) Close() {
	if s.cancel != nil {
		s.cancel()
	}
	if s.sess != nil {
		_ = s.sess.Close()
	}
}

func (s *Step) timeout() time.Duration {
	if s.plan.Timeout > 0 {
		return s.plan.Timeout
	}
	return acs.DefaultTimeout
}

func (s *Step) spName() string {
	if s.plan.SP != "" {
		return s.plan.SP
	}
	return "the service provider"
}
