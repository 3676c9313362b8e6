package acs

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// routes is the listener's whole surface: the ACS, the login URL, and a
// refusal for everything else.
func (s *Session) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(ACSPath, s.handleACS)
	mux.HandleFunc(LoginPath, s.handleLogin)
	mux.HandleFunc("/", s.handleOther)
	return mux
}

// handleLogin starts the sign-in: a redirect to the IdP carrying the
// request, or the form that posts it. It works until the response is in.
func (s *Session) handleLogin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		s.refuse(w, r, RefusedMethod, "The login URL is opened in a browser (GET).")
		return
	}
	s.mu.Lock()
	if s.accepted != nil {
		s.mu.Unlock()
		s.refuse(w, r, RefusedSecond, "This login test has its response already; the result is in the terminal. Start a new test for another try.")
		return
	}
	if !s.opened {
		s.opened = true
		s.emit(Event{Kind: EventOpened, At: s.opts.Clock(), Binding: s.req.Binding})
	}
	s.mu.Unlock()
	if s.req.Binding == BindingRedirect {
		noStore(w)
		http.Redirect(w, r, s.req.RedirectURL, http.StatusFound)
		return
	}
	renderPage(w, http.StatusOK, "post", postPage{Title: "Signing in…", Action: s.req.SSOURL,
		SAMLRequest: base64.StdEncoding.EncodeToString(s.req.XML), RelayState: s.req.RelayState})
}

// handleACS takes the one response.
func (s *Session) handleACS(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		s.refuse(w, r, RefusedMethod, "This is the test ACS URL: the IdP posts the SAML response here through the browser. To test the login, open "+s.loginURL+".")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(w, r, RefusedTooLarge, "The form is over "+rules.SizeLimit(s.opts.MaxBodyBytes)+"; a SAML response is far smaller.")
			return
		}
		s.refuse(w, r, RefusedNoResponse, "The form could not be read: "+err.Error()+".")
		return
	}
	value := r.PostForm.Get("SAMLResponse")
	if value == "" {
		s.refuse(w, r, RefusedNoResponse, "The POST has no SAMLResponse field: nothing to inspect.")
		return
	}
	a := peek(value)
	received := s.opts.Clock()
	s.mu.Lock()
	reason, msg := s.judge(a)
	if reason != "" {
		s.mu.Unlock()
		s.refuse(w, r, reason, msg)
		return
	}
	s.accepted = &a
	opened := s.opened
	s.emit(Event{Kind: EventReceived, At: received, InResponseTo: a.inResponseTo,
		IdPInitiated: a.readable && a.inResponseTo == "", Destination: a.destination})
	s.mu.Unlock()

	res := s.inspect(value, a, r.PostForm.Get("RelayState"), opened, received)
	s.mu.Lock()
	s.result = res
	s.mu.Unlock()
	close(s.done)
	renderPage(w, http.StatusOK, "page", page{Title: "Response received",
		Message: "jcsso has the SAML response: the result is in the terminal where it runs.",
		Hint:    "You can close this tab."})
}

// judge says why a response cannot be the one, or accepts it (""); the
// caller holds s.mu. Once a response is in, the request it answered, its
// Assertion IDs and the response itself are remembered only to say why a
// later POST is refused.
func (s *Session) judge(a arrival) (RefusalReason, string) {
	if prev := s.accepted; prev != nil {
		switch {
		case a.digest == prev.digest && prev.digest != [32]byte{}:
			return RefusedReplay, "This response was received already: a response is accepted once, so a replay is refused."
		case a.readable && sharesAssertion(a, *prev):
			return RefusedAssertionReplay, fmt.Sprintf("An assertion with ID %q was received already: an assertion is accepted once, so a replay is refused.", sharedAssertion(a, *prev))
		case a.inResponseTo == s.req.ID:
			return RefusedAnswered, fmt.Sprintf("Request %q was answered already: a request is used once. Start a new login test for another try.", s.req.ID)
		}
		return RefusedSecond, "This login test has its response already and takes only one. Start a new login test for another try."
	}
	if a.inResponseTo != "" && a.inResponseTo != s.req.ID {
		return RefusedOtherRequest, fmt.Sprintf("This response answers request %q, but this login test sent %q: it belongs to another login attempt (an older tab?). Start again from %s.",
			a.inResponseTo, s.req.ID, s.loginURL)
	}
	return "", ""
}

func sharesAssertion(a, b arrival) bool { return sharedAssertion(a, b) != "" }

func sharedAssertion(a, b arrival) string {
	for _, id := range a.assertionIDs {
		if slices.Contains(b.assertionIDs, id) {
			return id
		}
	}
	return ""
}

// inspect runs the engine on the response with the test's expectations:
// the test ACS URL, the SP entity ID, and the request it sent (none when
// the response answers none: an IdP-initiated login).
func (s *Session) inspect(value string, a arrival, relay string, opened bool, received time.Time) *Result {
	unsolicited := a.readable && a.inResponseTo == ""
	opts := s.opts.Inspect
	opts.ACSURL = s.acsURL
	opts.SPEntityID = s.opts.SPEntityID
	opts.RequestID = s.req.ID
	if unsolicited {
		opts.RequestID = ""
	}
	start := time.Now()
	rep := response.Inspect([]byte(value), opts)
	res := &Result{
		Report:         rep,
		Findings:       samlcheck.Findings{},
		IdPInitiated:   unsolicited,
		RequestID:      s.req.ID,
		Binding:        s.req.Binding,
		ACS:            newACSUse(s.acsURL, a),
		RelayState:     relay,
		SentRelayState: s.req.RelayState,
		Listening:      s.listening,
		Received:       received,
		Waited:         received.Sub(s.listening),
		InspectTook:    time.Since(start),
	}
	if a.readable {
		res.Findings = liveFindings(unsolicited, opened, s.req.RelayState, relay, s.opts.Binding, s.req.Binding)
	}
	return res
}

// handleOther refuses every other path, saying where things are. A
// browser's favicon request is answered quietly: it is no one's mistake.
func (s *Session) handleOther(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/favicon.ico" {
		http.NotFound(w, r)
		return
	}
	s.refuse(w, r, RefusedPath, fmt.Sprintf("Nothing is served at %s. The test ACS URL is %s; to test the login, open %s.", r.URL.Path, s.acsURL, s.loginURL))
}

// refuse answers with the reason's status and a page saying why, records
// the refusal and emits it.
func (s *Session) refuse(w http.ResponseWriter, r *http.Request, reason RefusalReason, msg string) {
	ref := Refusal{Reason: reason, Method: r.Method, Path: r.URL.Path, Status: refusalStatus(reason), Message: msg, At: s.opts.Clock()}
	s.mu.Lock()
	s.refusals = append(s.refusals, ref)
	s.emit(Event{Kind: EventRefused, At: ref.At, Refusal: &ref})
	s.mu.Unlock()
	renderPage(w, ref.Status, "page", page{Title: "Not accepted", Message: msg,
		Hint: "This is jcsso's one-shot login test listener; it takes one SAML response."})
}
