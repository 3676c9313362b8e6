package logintest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// fakeSession is a listener that never listens: the test decides what
// Wait returns (end), and Wait gives up as acs does when its context ends.
type fakeSession struct {
	port   int
	events chan acs.Event
	end    chan fakeEnd
	once   sync.Once
}

type fakeEnd struct {
	res *acs.Result
	err error
}

func newFakeSession(port int) *fakeSession {
	f := &fakeSession{port: port, events: make(chan acs.Event, 8), end: make(chan fakeEnd, 1)}
	f.events <- acs.Event{Kind: acs.EventListening, ACSURL: f.ACSURL(), LoginURL: f.LoginURL()}
	return f
}

func (f *fakeSession) ACSURL() string           { return acs.ACSURLFor(f.port) }
func (f *fakeSession) LoginURL() string         { return fmt.Sprintf("http://127.0.0.1:%d/saml/login", f.port) }
func (f *fakeSession) Port() int                { return f.port }
func (f *fakeSession) Events() <-chan acs.Event { return f.events }
func (f *fakeSession) Close() error {
	f.once.Do(func() { close(f.events) })
	return nil
}

func (f *fakeSession) Wait(ctx context.Context) (*acs.Result, error) {
	defer f.Close()
	select {
	case e := <-f.end:
		return e.res, e.err
	case <-ctx.Done():
		reason := acs.ErrCanceled
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			reason = acs.ErrNoResponse
		}
		return nil, &acs.WaitError{Err: reason, ACSURL: f.ACSURL(), LoginOpened: true,
			Causes: acs.LikelyCauses(acs.Evidence{LoginOpened: true})}
	}
}

// rig is the step in a shell of its own, with fake services that record
// what the step asked of them.
type rig struct {
	*tuitest.Harness
	step *Step
	fake *fakeSession
	mu   sync.Mutex
	// opened are the URLs the opener was given; copied what was copied;
	// done the outcomes handed to the host.
	opened, copied []string
	done           []Outcome
}

type rigOptions struct {
	cfg      func(*Config)
	openErr  error // what the opener returns
	noOpener bool
	startErr error
	timeout  int // 0: the default; -1: already over
}

func newRig(t *testing.T, o rigOptions) *rig {
	t.Helper()
	r := &rig{fake: newFakeSession(8741)}
	cfg := Config{
		Key: "live", Title: "Test a live login",
		Plan: func() (Plan, error) {
			p := Plan{SP: "Avoma", Options: acs.Options{SPEntityID: "https://app.avoma.com", Port: 8741}}
			if o.timeout < 0 {
				p.Timeout = 1 // a nanosecond: over when the wait starts
			}
			return p, nil
		},
		Services: Services{
			Start: func(acs.Options) (Session, error) {
				// A start that fails fails once: the other program on the
				// port has stopped by the time the admin tries again.
				if err := o.startErr; err != nil {
					o.startErr = nil
					return nil, err
				}
				return r.fake, nil
			},
			Open: func(url string) error {
				r.mu.Lock()
				defer r.mu.Unlock()
				r.opened = append(r.opened, url)
				return o.openErr
			},
			Inspect: func(_ context.Context, input []byte, _ response.Options) *response.Report {
				return fakeReport(strings.Contains(string(input), "good"))
			},
			ReadCapture: func(_ context.Context, path string) ([]byte, error) {
				if strings.Contains(path, "missing") {
					return nil, errors.New(path + ": no such file")
				}
				return []byte("good capture"), nil
			},
		},
		Skippable: true, CanGoBack: false, DoneLabel: "done",
		OnDone: func(out Outcome) tea.Cmd {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.done = append(r.done, out)
			return tui.Quit
		},
	}
	if o.noOpener {
		cfg.Services.Open = nil
	}
	if o.cfg != nil {
		o.cfg(&cfg)
	}
	r.step = New(cfg)
	m := tui.New(tui.Config{Flow: tui.Flow{Name: "jcsso test-login"}, Steps: []tui.Step{r.step},
		Clipboard: func(s string) error { r.mu.Lock(); defer r.mu.Unlock(); r.copied = append(r.copied, s); return nil }})
	r.step.Bind(m.Context())
	r.Harness = tuitest.New(t, m, 80, 24)
	return r
}

// extra is what the rig counts, for the key property.
func (r *rig) extra() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return fmt.Sprintf("%d opened, %d copied, %d done", len(r.opened), len(r.copied), len(r.done))
}

// finish makes the fake's Wait return and delivers it.
func (r *rig) finish(res *acs.Result, err error) {
	r.fake.end <- fakeEnd{res, err}
	r.AwaitUntil(func() bool { return r.step.mode != modeWaiting })
}

// fakeReport is an inspection that passed, or failed on the audience.
func fakeReport(ok bool) *response.Report {
	rep := &response.Report{OK: ok, Issuer: "jumpcloud-acmecorp",
		Subject:    response.Subject{NameID: "alice@acmecorp.com", Format: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", Email: "alice@acmecorp.com"},
		Attributes: map[string][]string{"email": {"alice@acmecorp.com"}, "firstname": {"Alice"}}}
	rep.Findings = append(rep.Findings, samlcheck.Finding{ID: samlcheck.IDSignatureInvalid, Severity: samlcheck.SeverityPass, Message: "the signature verifies"})
	if !ok {
		rep.Findings = append(rep.Findings, samlcheck.Finding{ID: samlcheck.IDAudienceMismatch, Severity: samlcheck.SeverityFail,
			Message: `the Audience is "https://app.avoma.con", not the SP Entity ID "https://app.avoma.com"`, Fix: "Copy the SP Entity ID again exactly."})
	}
	return rep
}

// fakeResult is a live result around fakeReport.
func fakeResult(ok bool) *acs.Result {
	test := acs.ACSURLFor(8741)
	return &acs.Result{Report: fakeReport(ok), ACS: acs.ACSUse{TestURL: test, Destination: test, Recipients: []string{test}, DestinationIsTest: true, RecipientIsTest: true},
		Findings: samlcheck.Findings{{ID: acs.IDLiveUnsolicited, Severity: samlcheck.SeverityPass, Message: "it answers the request this test sent"}}}
}
