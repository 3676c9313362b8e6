package acs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// shutdownGrace is how long closing waits for a page still being written
// (the browser's "result is in the terminal").
const shutdownGrace = 2 * time.Second

// Session is one login test: a listener on the loopback address that sent
// one AuthnRequest and waits for its response. Make one with Start; Wait
// for the result (which closes the listener), or Close to give up. Its
// methods are safe for concurrent use.
type Session struct {
	opts      Options
	req       *authnRequest
	acsURL    string
	loginURL  string
	port      int
	listening time.Time
	srv       *http.Server
	served    chan struct{} // closed when Serve has returned

	// done is closed when the one response has been inspected (result
	// set); stop when Close is called.
	done     chan struct{}
	stop     chan struct{}
	stopOnce sync.Once

	mu           sync.Mutex
	events       chan Event
	eventsClosed bool
	opened       bool
	refusals     []Refusal
	accepted     *arrival // the response taken, once taken
	result       *Result
	waitErr      *WaitError
	finished     bool // the listener has been shut down
}

// Start checks the options, listens on 127.0.0.1:Port, builds the
// AuthnRequest for the IdP's sign-on URL and serves in the background. The
// first event is EventListening. A busy port is ErrPortBusy, a metadata
// without the sign-on URL needed ErrNoSSOEndpoint.
func Start(opts Options) (*Session, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("login test: %w", err)
	}
	ep, binding, err := chooseEndpoint(o.SSO, o.Binding)
	if err != nil {
		return nil, fmt.Errorf("login test: %w", err)
	}
	ln, err := listen(o.Port)
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	s := &Session{
		opts:     o,
		acsURL:   ACSURLFor(port),
		loginURL: baseURL(port) + LoginPath,
		port:     port,
		served:   make(chan struct{}),
		done:     make(chan struct{}),
		stop:     make(chan struct{}),
		events:   make(chan Event, eventBuffer),
	}
	now := o.Clock()
	if s.req, err = buildRequest(ep, binding, s.acsURL, o, now); err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("login test: %w", err)
	}
	s.listening = now
	s.srv = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
		// net/http would log a client's broken connection to stderr, under
		// a full-screen UI; what matters is reported as events instead.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	s.mu.Lock()
	s.emit(Event{Kind: EventListening, At: now, ACSURL: s.acsURL, LoginURL: s.loginURL, RequestID: s.req.ID, Binding: binding})
	s.mu.Unlock()
	go func() {
		defer close(s.served)
		_ = s.srv.Serve(ln) // returns http.ErrServerClosed once shut down
	}()
	return s, nil
}

// listen binds the loopback port, naming --acs-port when it is taken.
func listen(port int) (net.Listener, error) {
	addr := net.JoinHostPort(Host, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("%w: %s is taken by another program (another jcsso test-login?); pick another with --acs-port (0 picks a free one) and use that URL in JumpCloud", ErrPortBusy, addr)
	case err != nil:
		return nil, fmt.Errorf("login test: listen on %s: %w", addr, err)
	}
	return ln, nil
}

// ACSURL is the test ACS URL, http://127.0.0.1:PORT/saml/acs: the admin
// adds it in JumpCloud as an extra ACS URL for the test.
func (s *Session) ACSURL() string { return s.acsURL }

// LoginURL starts the sign-in in a browser: it redirects to the IdP with
// the request (HTTP-Redirect) or serves a form that posts it (HTTP-POST).
func (s *Session) LoginURL() string { return s.loginURL }

// RedirectURL is the IdP's sign-on URL carrying the request by
// HTTP-Redirect, where LoginURL redirects to; "" with HTTP-POST.
func (s *Session) RedirectURL() string { return s.req.RedirectURL }

// SSOURL is the IdP sign-on endpoint the request goes to.
func (s *Session) SSOURL() string { return s.req.SSOURL }

// RequestID is the AuthnRequest's ID, the InResponseTo a response must carry.
func (s *Session) RequestID() string { return s.req.ID }

// RequestXML is the AuthnRequest as sent (unsigned), for display.
func (s *Session) RequestXML() []byte { return slices.Clone(s.req.XML) }

// RelayState is the RelayState sent with the request.
func (s *Session) RelayState() string { return s.req.RelayState }

// Binding is how the request is sent: BindingRedirect or BindingPOST.
func (s *Session) Binding() Binding { return s.req.Binding }

// Port is the port the listener bound (the chosen one when Options.Port
// was 0).
func (s *Session) Port() int { return s.port }

// Events delivers what the session does, EventListening first, without
// polling: for a spinner's status line or JSON lines. It never blocks the
// listener (see eventBuffer) and is closed when the listener is.
func (s *Session) Events() <-chan Event { return s.events }

// Wait returns the inspected response once it has arrived, or, when ctx
// ends first, a *WaitError wrapping ErrNoResponse (deadline) or
// ErrCanceled. A response already in is returned even when ctx has ended.
// Either way the listener is closed. Called again, it returns the same.
func (s *Session) Wait(ctx context.Context) (*Result, error) {
	select {
	case <-s.done:
		s.finish()
		return s.result, nil
	default:
	}
	select {
	case <-s.done:
		s.finish()
		return s.result, nil
	case <-ctx.Done():
		reason := ErrCanceled
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			reason = ErrNoResponse
		}
		return s.giveUp(reason)
	case <-s.stop:
		return s.giveUp(ErrCanceled)
	}
}

// giveUp closes the listener and returns the one WaitError. A response
// that slipped in while closing still wins.
func (s *Session) giveUp(reason error) (*Result, error) {
	s.finish()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.result != nil {
		return s.result, nil
	}
	if s.waitErr == nil {
		s.waitErr = &WaitError{
			Err:         reason,
			ACSURL:      s.acsURL,
			Waited:      s.opts.Clock().Sub(s.listening),
			LoginOpened: s.opened,
			Refusals:    slices.Clone(s.refusals),
		}
		s.waitErr.Causes = LikelyCauses(Evidence{LoginOpened: s.opened, Refusals: s.refusals})
	}
	return nil, s.waitErr
}

// Close stops the session: the listener closes and a Wait in progress
// returns ErrCanceled. It may be called more than once, and after Wait.
func (s *Session) Close() error {
	s.stopOnce.Do(func() { close(s.stop) })
	s.finish()
	return nil
}

// finish shuts the listener down once: pages being written get
// shutdownGrace, then the events channel is closed.
func (s *Session) finish() {
	s.mu.Lock()
	if s.finished {
		s.mu.Unlock()
		return
	}
	s.finished = true
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
	}
	<-s.served
	s.mu.Lock()
	s.eventsClosed = true
	close(s.events)
	s.mu.Unlock()
}

// Refusals are the requests refused so far, oldest first.
func (s *Session) Refusals() []Refusal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.refusals)
}
