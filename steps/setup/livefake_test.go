package setup

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/steps/logintest"
)

// fakeLive is a live-test listener that never listens: Wait waits for what
// the test sends on end, or gives up as acs does when its context ends.
type fakeLive struct {
	events chan acs.Event
	end    chan fakeLiveEnd
	once   sync.Once
}

type fakeLiveEnd struct {
	res *acs.Result
	err error
}

func newFakeLive() *fakeLive {
	return &fakeLive{events: make(chan acs.Event, 8), end: make(chan fakeLiveEnd, 1)}
}

func (f *fakeLive) ACSURL() string { return acs.ACSURLFor(acs.DefaultPort) }
func (f *fakeLive) LoginURL() string {
	return fmt.Sprintf("http://127.0.0.1:%d/saml/login", acs.DefaultPort)
}
func (f *fakeLive) Port() int                { return acs.DefaultPort }
func (f *fakeLive) Events() <-chan acs.Event { return f.events }
func (f *fakeLive) Close() error             { f.once.Do(func() { close(f.events) }); return nil }

func (f *fakeLive) Wait(ctx context.Context) (*acs.Result, error) {
	defer f.Close()
	select {
	case e := <-f.end:
		return e.res, e.err
	case <-ctx.Done():
		reason := acs.ErrCanceled
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			reason = acs.ErrNoResponse
		}
		return nil, &acs.WaitError{Err: reason, ACSURL: f.ACSURL(), Causes: acs.LikelyCauses(acs.Evidence{})}
	}
}

// liveServices are the live step's services over fakes: every Start makes
// a new fakeLive (kept in f.lives), the opener records the URL.
func (f *fakes) liveServices() logintest.Services {
	return logintest.Services{
		Start: func(o acs.Options) (logintest.Session, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.liveOpts = append(f.liveOpts, o)
			l := newFakeLive()
			f.lives = append(f.lives, l)
			return l, nil
		},
		Open: func(url string) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.opened = append(f.opened, url)
			return nil
		},
	}
}

// passLiveTest ends the live test that is waiting with a passed login.
func (h *harness) passLiveTest(f *fakes) {
	h.t.Helper()
	f.mu.Lock()
	l := f.lives[len(f.lives)-1]
	f.mu.Unlock()
	l.end <- fakeLiveEnd{res: passedLive()}
	h.AwaitUntil(func() bool { return strings.Contains(h.Screen(), "Passed") })
}

// passedLive is a live result that passed.
func passedLive() *acs.Result {
	test := acs.ACSURLFor(acs.DefaultPort)
	return &acs.Result{
		Report: &response.Report{OK: true, Issuer: "jumpcloud-acmecorp",
			Subject:    response.Subject{NameID: "alice@acmecorp.com", Email: "alice@acmecorp.com"},
			Attributes: map[string][]string{"email": {"alice@acmecorp.com"}},
			Findings:   samlcheck.Findings{{ID: samlcheck.IDSignatureInvalid, Severity: samlcheck.SeverityPass, Message: "the signature verifies"}}},
		ACS: acs.ACSUse{TestURL: test, Destination: test, Recipients: []string{test}, DestinationIsTest: true, RecipientIsTest: true},
	}
}
