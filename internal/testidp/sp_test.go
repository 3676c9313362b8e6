package testidp_test

import (
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crewjam/saml"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// testSP is a service provider built on crewjam/saml's ServiceProvider (an
// independent SAML implementation), on a loopback httptest server:
//
//	GET  /login?binding=redirect|post  starts an SP-initiated sign-in
//	POST /acs                          consumes the response: 200 "signed in as X",
//	                                   or 403 "rejected: <crewjam's reason>"
//
// Like Vome, it also refuses a verified NameID with no account.
type testSP struct {
	t   testing.TB
	srv *httptest.Server
	// SP is crewjam's service provider; tests may change its settings
	// before the first sign-in.
	SP       *saml.ServiceProvider
	Accounts []string

	mu         sync.Mutex
	requestIDs []string
}

// newTestSP starts the SP's listener; connect it to an IdP with trust.
func newTestSP(t testing.TB) *testSP {
	t.Helper()
	s := &testSP{t: t, Accounts: []string{testidp.DefaultEmail}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	acs, _ := url.Parse(s.srv.URL + "/acs")
	md, _ := url.Parse(s.srv.URL + "/metadata")
	s.SP = &saml.ServiceProvider{EntityID: s.EntityID(), AcsURL: *acs, MetadataURL: *md}
	return s
}

// EntityID is the SP's entity ID.
func (s *testSP) EntityID() string { return s.srv.URL + "/metadata" }

// ACSURL is the SP's ACS URL.
func (s *testSP) ACSURL() string { return s.srv.URL + "/acs" }

// LoginURL starts an SP-initiated sign-in with the binding named.
func (s *testSP) LoginURL(binding string) string { return s.srv.URL + "/login?binding=" + binding }

// trust has the SP fetch the IdP's metadata from its Metadata URL, over the
// IdP's TLS certificate, as an admin pasting the URL would have it do.
func (s *testSP) trust(idp *testidp.Server) {
	s.t.Helper()
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: idp.CertPool()}}}
	defer c.CloseIdleConnections()
	resp, err := c.Get(idp.MetadataURL())
	if err != nil {
		s.t.Fatalf("fetch IdP metadata: %v", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		s.t.Fatalf("fetch IdP metadata: status %d, %v", resp.StatusCode, err)
	}
	var ed saml.EntityDescriptor
	if err := xml.Unmarshal(data, &ed); err != nil {
		s.t.Fatalf("crewjam cannot read the IdP's metadata: %v\n%s", err, data)
	}
	s.SP.IDPMetadata = &ed
}

func (s *testSP) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/login":
		s.startLogin(w, r)
	case "/acs":
		s.consume(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (s *testSP) startLogin(w http.ResponseWriter, r *http.Request) {
	binding := saml.HTTPRedirectBinding
	if r.URL.Query().Get("binding") == "post" {
		binding = saml.HTTPPostBinding
	}
	loc := s.SP.GetSSOBindingLocation(binding)
	if loc == "" {
		http.Error(w, "the IdP's metadata offers no "+binding+" sign-on endpoint", http.StatusBadGateway)
		return
	}
	req, err := s.SP.MakeAuthenticationRequest(loc, binding, saml.HTTPPostBinding)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.mu.Lock()
	s.requestIDs = append(s.requestIDs, req.ID)
	s.mu.Unlock()
	if binding == saml.HTTPPostBinding {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(req.Post("state-post"))
		return
	}
	u, err := req.Redirect("state-redirect", s.SP)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func (s *testSP) consume(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	ids := slices.Clone(s.requestIDs)
	s.mu.Unlock()
	a, err := s.SP.ParseResponse(r, ids)
	if err != nil {
		http.Error(w, "rejected: "+reason(err), http.StatusForbidden)
		return
	}
	nameID := ""
	if a.Subject != nil && a.Subject.NameID != nil {
		nameID = a.Subject.NameID.Value
	}
	if !slices.Contains(s.Accounts, nameID) {
		http.Error(w, "rejected: no account for "+nameID, http.StatusForbidden)
		return
	}
	fmt.Fprintf(w, "signed in as %s relay=%s", nameID, r.PostForm.Get("RelayState"))
}

// reason is crewjam's private reason for a rejection (its public message
// is deliberately always the same).
func reason(err error) string {
	var ire *saml.InvalidResponseError
	if errors.As(err, &ire) && ire.PrivateErr != nil {
		return ire.PrivateErr.Error()
	}
	return err.Error()
}

// connect starts an IdP for the SP (its entity ID and ACS URL on the SSO
// tab, plus opts) and has the SP trust its metadata.
func connect(t testing.TB, sp *testSP, opts testidp.Options) *testidp.Server {
	t.Helper()
	if opts.SSO.SPEntityID == "" {
		opts.SSO.SPEntityID = sp.EntityID()
	}
	if opts.SSO.ACSURLs == nil {
		opts.SSO.ACSURLs = []string{sp.ACSURL()}
	}
	opts.SSO.DeclareRedirectEndpoint = true
	opts.SSO.Attributes = []testidp.AttributeMapping{{Name: "email", Field: "email"}, {Name: "firstname", Field: "firstname"}}
	idp := samltest.StartIdP(t, opts)
	sp.trust(idp)
	return idp
}

// signIn plays the browser from the SP's login URL to the SP's verdict:
// the SP redirects (or auto-posts) to the IdP, the user fills in the login
// form, and the IdP's auto-submitting form is posted to its target.
func signIn(t testing.TB, idp *testidp.Server, start string) (verdict *samltest.Page, posted samltest.Form) {
	t.Helper()
	b := newBrowser(t, idp)
	page := b.Get(start)
	if f, ok := page.FindForm("SAMLRequest"); ok && !strings.HasPrefix(page.URL.String(), idp.BaseURL()) {
		page = b.Submit(f) // the SP's auto-posting AuthnRequest form
	}
	if page.Status != http.StatusOK {
		t.Fatalf("the IdP's login page: status %d\n%s", page.Status, page.Body)
	}
	page = b.SignIn(page, testidp.DefaultEmail, "correct horse")
	posted = page.FormWith(t, "SAMLResponse")
	return b.Submit(posted), posted
}

// newBrowser is a browser that trusts the IdP's TLS certificate.
func newBrowser(t testing.TB, idp *testidp.Server) *samltest.Browser {
	t.Helper()
	return samltest.NewBrowser(t, idp.CertPool())
}
