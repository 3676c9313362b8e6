package acs

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors callers branch on (errors.Is).
var (
	// ErrPortBusy: another program listens on the chosen port. The error
	// Start returns names the --acs-port flag; a command may word its own.
	ErrPortBusy = errors.New("the test ACS port is already in use")
	// ErrNoSSOEndpoint: the metadata offers no sign-on URL for the binding.
	ErrNoSSOEndpoint = errors.New("no usable sign-on URL")
	// ErrNoResponse: nothing was accepted before the context's deadline.
	// test-login exits 3 and lists the WaitError's causes.
	ErrNoResponse = errors.New("no SAML response arrived")
	// ErrCanceled: the context was cancelled (esc, ctrl+c) or the session
	// was closed before a response arrived.
	ErrCanceled = errors.New("the login test was cancelled")
)

// WaitError is what Wait returns when no response was accepted: why
// (ErrNoResponse or ErrCanceled, for errors.Is), what the listener saw, and
// the likely causes in order.
type WaitError struct {
	// Err is ErrNoResponse or ErrCanceled.
	Err error
	// ACSURL is the test ACS URL that waited.
	ACSURL string
	// Waited is the time from listening to giving up.
	Waited time.Duration
	// LoginOpened says whether a browser opened the login URL.
	LoginOpened bool
	// Refusals are the requests the listener refused, oldest first.
	Refusals []Refusal
	// Causes are the likely reasons, most likely first (see LikelyCauses).
	Causes []Cause
}

// Error is one line: what happened, where, and after how long.
func (e *WaitError) Error() string {
	what := "no SAML response arrived"
	if errors.Is(e.Err, ErrCanceled) {
		what = "the login test was cancelled"
	}
	msg := fmt.Sprintf("%s at %s after %s", what, e.ACSURL, e.Waited.Round(time.Second))
	if n := len(e.Refusals); n > 0 {
		msg += fmt.Sprintf(" (%d request(s) refused; last: %s)", n, e.Refusals[n-1].Message)
	}
	return msg
}

// Unwrap gives ErrNoResponse or ErrCanceled.
func (e *WaitError) Unwrap() error { return e.Err }
