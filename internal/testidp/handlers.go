package testidp

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// maxFormBytes caps a posted form: a SAMLRequest and a few fields.
const maxFormBytes = 256 << 10

// maxRelayState caps the RelayState carried through the login form. SAML
// asks for at most 80 bytes; some service providers send more.
const maxRelayState = 4 << 10

// The login form's flow field: whether it answers a service provider's
// request or starts from the portal's tile.
const (
	flowSP  = "sp"
	flowIdP = "idp"
)

// routes is the server's HTTP surface, all under the app's /saml2/<app>.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	p := s.ssoPath()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET "+p+"/metadata.xml", s.handleMetadata)
	mux.HandleFunc("GET "+p, s.handleSSO)
	mux.HandleFunc("POST "+p, s.handleSSO)
	mux.HandleFunc("GET "+p+"/idp-initiated", s.handleIdPInitiated)
	mux.HandleFunc("POST "+p+"/login", s.handleLogin)
	return s.logged(mux)
}

// outcome is what a handler says happened, for the request's log record.
type outcome struct {
	msg   string
	attrs []slog.Attr
}

type outcomeKey struct{}

// note records the request's outcome; the last note wins.
func note(r *http.Request, msg string, attrs ...slog.Attr) {
	if o, ok := r.Context().Value(outcomeKey{}).(*outcome); ok {
		o.msg, o.attrs = msg, attrs
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// logged writes one record per request: method, path (never the query,
// which holds the request), status and the handler's outcome. Form values
// are never logged whole, so no password reaches the log; the private key
// never does.
func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		o := &outcome{}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), outcomeKey{}, o)))
		msg := o.msg
		if msg == "" {
			msg = strings.ToLower(http.StatusText(rec.status))
		}
		attrs := append([]slog.Attr{
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Duration("took", time.Since(start)),
		}, o.attrs...)
		level := slog.LevelInfo
		if rec.status >= 400 {
			level = slog.LevelWarn
		}
		s.log.LogAttrs(r.Context(), level, msg, attrs...)
	})
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	note(r, "index page")
	renderPage(w, http.StatusOK, "index", indexPage{Title: "Test IdP · " + s.opts.App, App: s.opts.App,
		EntityID: s.EntityID(), MetadataURL: s.MetadataURL(), SSOURL: s.SSOURL(), IdPInitiatedURL: s.IdPInitiatedURL()})
}

func (s *Server) handleMetadata(w http.ResponseWriter, r *http.Request) {
	md := s.Metadata()
	note(r, "metadata served", slog.String("entity_id", s.EntityID()))
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(md)
}

// handleSSO takes an AuthnRequest (Redirect: GET with a DEFLATEd
// SAMLRequest; POST: a base64 SAMLRequest form field) and shows the login
// form, which carries the request on.
func (s *Server) handleSSO(w http.ResponseWriter, r *http.Request) {
	var (
		req   *authnRequest
		err   error
		relay string
	)
	if r.Method == http.MethodPost {
		if !s.parseForm(w, r) {
			return
		}
		req, err = decodePostRequest(r.PostForm.Get("SAMLRequest"))
		relay = r.PostForm.Get("RelayState")
	} else {
		q := r.URL.Query()
		req, err = decodeRedirectRequest(q.Get("SAMLRequest"))
		relay = q.Get("RelayState")
	}
	switch {
	case errors.Is(err, errNoRequest):
		note(r, "sign-on URL opened without a SAMLRequest")
		renderPage(w, http.StatusBadRequest, "problem", problemPage{Title: "No sign-in request",
			Error: "This is the application's sign-on URL: a service provider sends its SAML AuthnRequest here.",
			Hint:  "To sign in as from the user portal instead, open " + s.IdPInitiatedURL()})
		return
	case err != nil:
		note(r, "request refused", slog.String("reason", err.Error()))
		renderPage(w, http.StatusBadRequest, "problem", problemPage{Title: "Bad sign-in request", Error: err.Error()})
		return
	case len(relay) > maxRelayState:
		note(r, "request refused", slog.String("reason", "RelayState too long"))
		renderPage(w, http.StatusBadRequest, "problem", problemPage{Title: "Bad sign-in request",
			Error: "The RelayState is longer than 4 KiB."})
		return
	}
	attrs := []slog.Attr{slog.String("binding", bindingName(req.Binding)), slog.String("request_id", req.ID),
		slog.String("issuer", req.Issuer), slog.String("acs_url", req.ACSURL)}
	if req.Issuer != "" && req.Issuer != s.sso.Load().SPEntityID {
		attrs = append(attrs, slog.String("note", "the request's Issuer is not the SP Entity ID on the SSO tab"))
	}
	if s.faults[FaultIdPInitiatedOnly] {
		note(r, "request ignored (fault idp-initiated-only): login form for an unsolicited response", attrs...)
		s.renderLogin(w, http.StatusOK, loginPage{Flow: flowIdP})
		return
	}
	note(r, "request received: login form", attrs...)
	s.renderLogin(w, http.StatusOK, loginPage{Flow: flowSP, SAMLRequest: base64.StdEncoding.EncodeToString(req.XML), RelayState: relay})
}

// handleIdPInitiated starts a sign-in from the portal's tile.
func (s *Server) handleIdPInitiated(w http.ResponseWriter, r *http.Request) {
	note(r, "IdP-initiated sign-in: login form")
	s.renderLogin(w, http.StatusOK, loginPage{Flow: flowIdP})
}

// handleLogin checks the e-mail and password, then posts the response
// through the auto-submitting form, or shows the no-access page.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	f := r.PostForm
	page := loginPage{Flow: f.Get("flow"), SAMLRequest: f.Get("SAMLRequest"), RelayState: f.Get("RelayState"), Email: strings.TrimSpace(f.Get("email"))}
	var in SignIn
	switch page.Flow {
	case flowIdP:
	case flowSP:
		req, err := decodePostRequest(page.SAMLRequest)
		if err != nil {
			note(r, "login refused", slog.String("reason", err.Error()))
			renderPage(w, http.StatusBadRequest, "problem", problemPage{Title: "Bad sign-in request", Error: err.Error()})
			return
		}
		in = SignIn{RequestID: req.ID, ACSURL: req.ACSURL, RelayState: page.RelayState}
	default:
		note(r, "login refused", slog.String("reason", "the form has no flow field"))
		renderPage(w, http.StatusBadRequest, "problem", problemPage{Title: "Bad sign-in form", Error: "Start again from the service provider or the IdP-initiated URL."})
		return
	}
	if !s.passwordOK(f.Get("password")) {
		note(r, "login refused: wrong password", slog.String("email", page.Email))
		page.Error = "Wrong e-mail or password."
		s.renderLogin(w, http.StatusUnauthorized, page)
		return
	}
	issued, err := s.Issue(page.Email, in)
	switch {
	case errors.Is(err, ErrUnknownUser):
		note(r, "login refused: no such user", slog.String("email", page.Email))
		page.Error = "Wrong e-mail or password."
		s.renderLogin(w, http.StatusUnauthorized, page)
		return
	case errors.Is(err, ErrNoAccess):
		note(r, "no access: the user is in no group bound to the app", slog.String("email", page.Email))
		renderPage(w, http.StatusForbidden, "noaccess", noAccessPage{Title: "No access · " + s.opts.App, App: s.opts.App, Email: page.Email})
		return
	case err != nil:
		note(r, "response failed", slog.String("error", err.Error()))
		renderPage(w, http.StatusInternalServerError, "problem", problemPage{Title: "Sign-in failed", Error: err.Error()})
		return
	}
	note(r, "response posted", slog.String("email", page.Email), slog.String("name_id", issued.NameID),
		slog.String("acs_url", issued.ACSURL), slog.String("response_id", issued.ResponseID),
		slog.String("in_response_to", issued.InResponseTo), slog.String("signed", signedWhat(issued)),
		slog.Any("faults", s.faults.list()))
	renderPage(w, http.StatusOK, "post", postPage{Title: "Signing in…", Action: issued.ACSURL,
		SAMLResponse: issued.SAMLResponse, RelayState: issued.RelayState})
}

func (s *Server) renderLogin(w http.ResponseWriter, status int, p loginPage) {
	p.Title, p.App, p.Action = "Sign in · "+s.opts.App, s.opts.App, s.loginURL()
	renderPage(w, status, "login", p)
}

// parseForm reads a posted form within maxFormBytes, or answers 400.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		note(r, "form refused", slog.String("reason", err.Error()))
		renderPage(w, http.StatusBadRequest, "problem", problemPage{Title: "Bad form", Error: "The form could not be read: " + err.Error()})
		return false
	}
	return true
}

// passwordOK compares in constant time; with no password set any
// non-empty one is accepted.
func (s *Server) passwordOK(pw string) bool {
	if pw == "" {
		return false
	}
	if s.opts.Password == "" {
		return true
	}
	return subtle.ConstantTimeCompare([]byte(pw), []byte(s.opts.Password)) == 1
}

func bindingName(b string) string {
	return strings.TrimPrefix(b, "urn:oasis:names:tc:SAML:2.0:bindings:")
}

func signedWhat(i *Issued) string {
	switch {
	case i.SignedAssertion && i.SignedResponse:
		return "assertion and response"
	case i.SignedAssertion:
		return "assertion"
	case i.SignedResponse:
		return "response"
	}
	return "nothing"
}
