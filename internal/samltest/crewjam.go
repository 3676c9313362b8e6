package samltest

import (
	"fmt"
	"html/template"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/crewjam/saml/samlidp"
	dsig "github.com/russellhaering/goxmldsig"
)

// CrewjamIdP is crewjam/saml's samlidp server on loopback: an IdP jcsso
// has never seen, configured only through its own REST API, with one user
// (CrewjamUser, CrewjamPassword, alice@acmecorp.com). Its login form has
// the fields "user" and "password".
type CrewjamIdP struct {
	// URL is the server's base URL; its metadata is at URL + "/metadata".
	URL string
	srv *httptest.Server
}

// The one user of a CrewjamIdP.
const (
	CrewjamUser     = "alice"
	CrewjamPassword = "hunter2"
)

// StartCrewjamIdP starts crewjam's IdP for tb, closed at cleanup.
func StartCrewjamIdP(tb testing.TB) *CrewjamIdP {
	tb.Helper()
	var handler atomic.Value // the server's URL is needed to make the IdP
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.Load().(http.Handler).ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	base, _ := url.Parse(srv.URL)
	kp := NewKeyPair(tb, 0, CertOptions{Bits: IdPKeyBits})
	idp, err := samlidp.New(samlidp.Options{URL: *base, Key: kp.Key, Certificate: kp.Cert, Store: &samlidp.MemoryStore{},
		Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		tb.Fatal(err)
	}
	idp.IDP.SignatureMethod = dsig.RSASHA256SignatureMethod
	idp.LoginFormTemplate = template.Must(template.New("login").Parse(
		strings.Replace(crewjamLoginForm, "SSO_URL", template.HTMLEscapeString(idp.IDP.SSOURL.String()), 1)))
	handler.Store(idp)
	c := &CrewjamIdP{URL: srv.URL, srv: srv}
	c.put(tb, "/users/"+CrewjamUser, "application/json", `{"email":"alice@acmecorp.com","password":"`+CrewjamPassword+`","given_name":"Alice"}`)
	return c
}

// crewjamLoginForm is the login form of crewjam's samlidp, posted to its
// sign-on URL (SSO_URL): with the user and password beside the request,
// its ServeSSO makes the session and answers in one step. Its default form
// posts to /login, which only sets a cookie and answers JSON.
const crewjamLoginForm = `<html><p>{{.Toast}}</p>
<form method="post" action="SSO_URL">
<input type="text" name="user"><input type="password" name="password">
<input type="hidden" name="SAMLRequest" value="{{.SAMLRequest}}">
<input type="hidden" name="RelayState" value="{{.RelayState}}">
<input type="submit" value="Log In"></form></html>`

func (c *CrewjamIdP) put(tb testing.TB, path, contentType, body string) {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodPut, c.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		tb.Fatalf("PUT %s: %d", path, resp.StatusCode)
	}
}

// RegisterSP tells the IdP about a service provider, as an admin adds an
// app: its entity ID and its ACS URL.
func (c *CrewjamIdP) RegisterSP(tb testing.TB, entityID, acsURL string) {
	tb.Helper()
	md := fmt.Sprintf(`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s">
<SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s" index="1"/>
</SPSSODescriptor></EntityDescriptor>`, entityID, acsURL)
	c.put(tb, "/services/jcsso-test", "application/xml", md)
}

// Metadata is the IdP's metadata document.
func (c *CrewjamIdP) Metadata(tb testing.TB) []byte {
	tb.Helper()
	resp, err := http.Get(c.URL + "/metadata")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("metadata: %d %v", resp.StatusCode, err)
	}
	return data
}

// LogIn plays a browser from a service provider's login URL through the
// IdP's login form to the ACS, returning the page the response landed on.
func (c *CrewjamIdP) LogIn(tb testing.TB, loginURL string) *Page {
	tb.Helper()
	br := NewBrowser(tb, nil)
	page := br.Get(loginURL)
	if f, ok := page.FindForm("SAMLRequest"); ok {
		if _, login := f.Fields["password"]; !login {
			page = br.Submit(f) // an auto-posting request form
		}
	}
	login := page.FormWith(tb, "password")
	login.Fields.Set("user", CrewjamUser)
	login.Fields.Set("password", CrewjamPassword)
	page = br.Submit(login)
	return br.Submit(page.FormWith(tb, "SAMLResponse"))
}
