package acs_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// spEntityID is the service provider the tests log in to.
const spEntityID = "https://sp.example/saml"

// rig is a test IdP and a login test wired as an admin wires them: the
// app's SSO tab lists the service provider's real ACS URL (a stand-in that
// records what reaches it) and the test ACS URL, and the login test trusts
// the IdP's metadata as `jcsso test-login --metadata` will.
type rig struct {
	idp  *testidp.Server
	sess *acs.Session
	prod *recorder
}

// rigOptions shape a rig.
type rigOptions struct {
	idp testidp.Options
	// testFirst puts the test ACS URL first (the default ACS URL), as the
	// causes advise for IdP-initiated tests; otherwise it is added second.
	testFirst bool
	// acs adjusts the login test's options before Start.
	acs func(*acs.Options)
}

func newRig(t testing.TB, ro rigOptions) *rig {
	t.Helper()
	r := newIdPRig(t, ro)
	r.sess = r.startSession(t, ro)
	t.Cleanup(func() { _ = r.sess.Close() })
	return r
}

// newIdPRig starts the IdP and the service provider's stand-in, without a
// login test yet.
func newIdPRig(t testing.TB, ro rigOptions) *rig {
	t.Helper()
	prod := newRecorder(t)
	o := ro.idp
	o.SSO.SPEntityID = spEntityID
	o.SSO.ACSURLs = []string{prod.url()}
	o.SSO.DeclareRedirectEndpoint = true
	o.SSO.NameIDFormat = profile.NameIDFormatEmail
	o.SSO.Attributes = []testidp.AttributeMapping{{Name: "email", Field: testidp.FieldEmail}, {Name: "firstname", Field: testidp.FieldFirstName}}
	return &rig{idp: samltest.StartIdP(t, o), prod: prod}
}

// startSession starts a login test that trusts the IdP's metadata, and
// adds its test ACS URL on the IdP's SSO tab.
func (r *rig) startSession(t testing.TB, ro rigOptions) *acs.Session {
	t.Helper()
	md := metadata.Check(r.idp.Metadata(), metadata.Options{SPEntityID: spEntityID})
	opts := acs.Options{SPEntityID: spEntityID, NameIDFormat: profile.NameIDFormatEmail}
	opts.UseMetadata(md)
	if ro.acs != nil {
		ro.acs(&opts)
	}
	sess, err := acs.Start(opts)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	settings := r.idp.Settings()
	settings.ACSURLs = []string{r.prod.url(), sess.ACSURL()}
	if ro.testFirst {
		settings.ACSURLs = []string{sess.ACSURL(), r.prod.url()}
	}
	if err := r.idp.Configure(settings); err != nil {
		t.Fatal(err)
	}
	return sess
}

// browser is a user's browser that trusts the IdP's TLS certificate.
func (r *rig) browser(t testing.TB) *samltest.Browser {
	t.Helper()
	return samltest.NewBrowser(t, r.idp.CertPool())
}

// signIn plays the user from start (the login URL, or the IdP-initiated
// URL) to wherever the IdP's auto-posting form lands: our form that posts
// the request is submitted, the IdP's login form filled in, and the
// response form submitted, as a browser's scripts would. A page with no
// response form (the no-access page) is returned as it is.
func signIn(t testing.TB, br *samltest.Browser, start string) *samltest.Page {
	t.Helper()
	page := br.Get(start)
	if f, ok := page.FindForm("SAMLRequest"); ok {
		if _, login := f.Fields["password"]; !login {
			page = br.Submit(f)
		}
	}
	if page.Status != http.StatusOK {
		t.Fatalf("the IdP's login page: %s status %d\n%s", page.URL, page.Status, page.Body)
	}
	page = br.SignIn(page, testidp.DefaultEmail, "correct horse")
	if f, ok := page.FindForm("SAMLResponse"); ok {
		return br.Submit(f)
	}
	return page
}

// wait is Wait with a deadline far beyond what a round trip takes; a
// test that expects no response uses expired instead.
func wait(t testing.TB, s *acs.Session) (*acs.Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return s.Wait(ctx)
}

// expired is a context whose deadline has passed: Wait gives up at once,
// which is what a timeout looks like once the browser has finished.
func expired() context.Context {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	_ = cancel // the context is already done; cancel only frees a timer
	return ctx
}

// drain collects every event until the channel closes (Wait has closed
// the listener).
func drain(s *acs.Session) []acs.Event {
	var out []acs.Event
	for ev := range s.Events() {
		out = append(out, ev)
	}
	return out
}

func kinds(evs []acs.Event) string {
	var k []string
	for _, e := range evs {
		k = append(k, string(e.Kind))
	}
	return strings.Join(k, ",")
}

// recorder stands in for the service provider's real ACS: it records the
// SAMLResponse values posted to it.
type recorder struct {
	srv   *httptest.Server
	mu    sync.Mutex
	posts []string
}

func newRecorder(t testing.TB) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		rec.mu.Lock()
		rec.posts = append(rec.posts, r.PostForm.Get("SAMLResponse"))
		rec.mu.Unlock()
		_, _ = io.WriteString(w, "the service provider's own ACS")
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (r *recorder) url() string { return r.srv.URL + "/saml2/acs" }

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.posts)
}

// post sends a form to the listener as a browser would and returns the
// status and the page's text with HTML entities decoded.
func post(t testing.TB, target string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(target, form)
	if err != nil {
		t.Fatalf("POST %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, html.UnescapeString(string(body))
}

func get(t testing.TB, target string) (int, string) {
	t.Helper()
	resp, err := http.Get(target)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, html.UnescapeString(string(body))
}

// findingOf returns the first finding with the id, failing the test when
// there is none.
func findingOf(t testing.TB, fs samlcheck.Findings, id string) samlcheck.Finding {
	t.Helper()
	got := fs.ByID(id)
	if len(got) == 0 {
		t.Fatalf("no %s finding in %+v", id, fs)
	}
	return got[0]
}
