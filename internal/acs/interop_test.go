package acs_test

import (
	"bytes"
	"context"
	"encoding/json"
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

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// crewjamIdP is crewjam/saml's samlidp server on loopback: an IdP jcsso
// has never seen, configured only through its own REST API, with one user.
type crewjamIdP struct {
	srv *httptest.Server
	idp *samlidp.Server
}

func startCrewjamIdP(t *testing.T) *crewjamIdP {
	t.Helper()
	var handler atomic.Value // the server's URL is needed to make the IdP
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.Load().(http.Handler).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	base, _ := url.Parse(srv.URL)
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: samltest.IdPKeyBits})
	idp, err := samlidp.New(samlidp.Options{URL: *base, Key: kp.Key, Certificate: kp.Cert, Store: &samlidp.MemoryStore{},
		Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	idp.IDP.SignatureMethod = dsig.RSASHA256SignatureMethod
	idp.LoginFormTemplate = template.Must(template.New("login").Parse(
		strings.Replace(loginForm, "SSO_URL", template.HTMLEscapeString(idp.IDP.SSOURL.String()), 1)))
	handler.Store(idp)
	c := &crewjamIdP{srv: srv, idp: idp}
	c.put(t, "/users/alice", "application/json", `{"email":"alice@acmecorp.com","password":"hunter2","given_name":"Alice"}`)
	return c
}

// loginForm is the login form of crewjam's samlidp, posted to its
// sign-on URL (SSO_URL): with the user and password beside the request,
// its ServeSSO makes the session and answers in one step. Its default form
// posts to /login, which only sets a cookie and answers JSON.
const loginForm = `<html><p>{{.Toast}}</p>
<form method="post" action="SSO_URL">
<input type="text" name="user"><input type="password" name="password">
<input type="hidden" name="SAMLRequest" value="{{.SAMLRequest}}">
<input type="hidden" name="RelayState" value="{{.RelayState}}">
<input type="submit" value="Log In"></form></html>`

func (c *crewjamIdP) put(t *testing.T, path, contentType, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, c.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("PUT %s: %d", path, resp.StatusCode)
	}
}

// registerSP tells the IdP about the service provider, as an admin adds
// an app: its entity ID and the test ACS URL.
func (c *crewjamIdP) registerSP(t *testing.T, entityID, acsURL string) {
	t.Helper()
	md := fmt.Sprintf(`<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s">
<SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s" index="1"/>
</SPSSODescriptor></EntityDescriptor>`, entityID, acsURL)
	c.put(t, "/services/jcsso-test", "application/xml", md)
}

func (c *crewjamIdP) metadata(t *testing.T) []byte {
	t.Helper()
	resp, err := http.Get(c.srv.URL + "/metadata")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("metadata: %d %v", resp.StatusCode, err)
	}
	return data
}

// TestInteropCrewjamIdP is test-login against an IdP it has never seen:
// crewjam/saml's samlidp on loopback, known only by its metadata. By each
// binding, a scripted browser opens the login URL, signs in on crewjam's
// form and submits its auto-posting form; the response is accepted with
// the request matched and passes, and the JSON lines test-login will print
// (listening first, the result last) carry what they should.
func TestInteropCrewjamIdP(t *testing.T) {
	for _, b := range []acs.Binding{acs.BindingRedirect, acs.BindingPOST} {
		t.Run(string(b), func(t *testing.T) {
			idp := startCrewjamIdP(t)
			md := metadata.Check(idp.metadata(t), metadata.Options{SPEntityID: spEntityID})
			opts := acs.Options{SPEntityID: spEntityID, Binding: b, NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"}
			opts.UseMetadata(md)
			if len(opts.Inspect.TrustedCerts) != 1 || opts.Inspect.IdPEntityID != idp.srv.URL+"/metadata" {
				t.Fatalf("trust from crewjam's metadata: %d certificates, entity %q", len(opts.Inspect.TrustedCerts), opts.Inspect.IdPEntityID)
			}
			sess, err := acs.Start(opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = sess.Close() })
			idp.registerSP(t, spEntityID, sess.ACSURL())
			var lines bytes.Buffer
			first := <-sess.Events()
			writeLine(t, &lines, first)

			br := samltest.NewBrowser(t, nil)
			page := br.Get(sess.LoginURL())
			if f, ok := page.FindForm("SAMLRequest"); ok && page.URL.Path == acs.LoginPath {
				page = br.Submit(f) // the listener's auto-posting request form
			}
			login := page.FormWith(t, "password")
			login.Fields.Set("user", "alice")
			login.Fields.Set("password", "hunter2")
			page = br.Submit(login)
			done := br.Submit(page.FormWith(t, "SAMLResponse"))
			if done.Status != http.StatusOK || done.URL.String() != sess.ACSURL() {
				t.Fatalf("the response landed at %s with %d: %s", done.URL, done.Status, done.Body)
			}

			ctx, cancel := context.WithTimeout(context.Background(), acs.DefaultTimeout)
			defer cancel()
			res, err := sess.Wait(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() || res.IdPInitiated || res.Report.InResponseTo != sess.RequestID() || !res.ACS.DestinationIsTest || !res.ACS.RecipientIsTest {
				t.Fatalf("crewjam's response: OK %v, IdP-initiated %v, ACS %+v\n%+v\n%+v", res.OK(), res.IdPInitiated, res.ACS, res.Report.Findings, res.Findings)
			}
			if res.Report.Subject.Email != "alice@acmecorp.com" || !res.Report.Signed.Assertion {
				t.Errorf("subject %+v signed %+v", res.Report.Subject, res.Report.Signed)
			}
			writeLine(t, &lines, struct {
				Event string `json:"event"`
				*acs.Result
			}{"result", res})
			checkJSONLines(t, lines.Bytes(), sess)
		})
	}
}

func writeLine(t *testing.T, w io.Writer, v any) {
	t.Helper()
	line, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "%s\n", line)
}

// checkJSONLines reads the lines as a script would: the listening event
// with the URLs, then the result with the inspection as `inspect --json`
// prints it.
func checkJSONLines(t *testing.T, data []byte, sess *acs.Session) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %s", len(lines), data)
	}
	var l map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &l); err != nil || l["event"] != "listening" || l["acs_url"] != sess.ACSURL() ||
		l["login_url"] != sess.LoginURL() || l["request_id"] != sess.RequestID() {
		t.Errorf("first line %s (%v)", lines[0], err)
	}
	var result struct {
		Event      string          `json:"event"`
		Inspection response.Report `json:"inspection"`
		ACS        acs.ACSUse      `json:"acs"`
		WaitedNS   *int64          `json:"waited_ns"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &result); err != nil || result.Event != "result" || !result.Inspection.OK ||
		len(result.Inspection.Findings) == 0 || result.ACS.TestURL != sess.ACSURL() || result.WaitedNS == nil {
		t.Errorf("last line %s (%v)", lines[1], err)
	}
}
