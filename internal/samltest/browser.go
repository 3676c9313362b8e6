package samltest

import (
	"context"
	"crypto/x509"
	"net/http"
	"testing"

	"github.com/jcsso/jcsso/internal/testidp"
)

// Browser is testidp's scripted browser for a test: each call fails the
// test instead of returning an error, and its connections are closed when
// the test ends. The browser itself (an HTTP client with a cookie jar
// that follows redirects, reads the HTML forms with the HTML5 parser,
// fills them in and submits them, running no scripts) is product code:
// `jcsso demo` signs its demo user in with it.
type Browser struct {
	tb testing.TB
	b  *testidp.Browser
	// Client is the browser's HTTP client.
	Client *http.Client
}

// Page is one page the browser arrived at after any redirects.
type Page struct{ *testidp.Page }

// Form is an HTML form as a browser would submit it.
type Form = testidp.Form

// NewBrowser makes a browser that trusts roots (nil: the system's roots),
// such as a test IdP's CertPool.
func NewBrowser(tb testing.TB, roots *x509.CertPool) *Browser {
	tb.Helper()
	b := testidp.NewBrowser(roots)
	tb.Cleanup(b.CloseIdleConnections)
	return &Browser{tb: tb, b: b, Client: b.Client}
}

// Get opens a URL, following redirects.
func (b *Browser) Get(rawURL string) *Page {
	b.tb.Helper()
	p, err := b.b.Get(context.Background(), rawURL)
	if err != nil {
		b.tb.Fatalf("%v", err)
	}
	return &Page{p}
}

// Submit sends a form as a browser does, following redirects.
func (b *Browser) Submit(f Form) *Page {
	b.tb.Helper()
	p, err := b.b.Submit(context.Background(), f)
	if err != nil {
		b.tb.Fatalf("%v", err)
	}
	return &Page{p}
}

// SignIn fills the login form on p with the e-mail and password, submits
// it and returns the page that follows (the IdP's auto-submitting form, a
// no-access page, or the login form again).
func (b *Browser) SignIn(p *Page, email, password string) *Page {
	b.tb.Helper()
	next, err := b.b.SignIn(context.Background(), p.Page, email, password)
	if err != nil {
		b.tb.Fatalf("%v:\n%s", err, p.Body)
	}
	return &Page{next}
}

// FormWith returns the page's first form that has a field named name, or
// fails the test.
func (p *Page) FormWith(tb testing.TB, name string) Form {
	tb.Helper()
	if f, ok := p.FindForm(name); ok {
		return f
	}
	tb.Fatalf("%s (status %d) has no form with a %q field:\n%s", p.URL, p.Status, name, p.Body)
	return Form{}
}
