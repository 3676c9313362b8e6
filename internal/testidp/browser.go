package testidp

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxPageBytes caps a page the browser reads: a login form or an
// auto-posting form is a few KiB; anything far larger is not a sign-in.
const maxPageBytes = 4 << 20

// Browser plays a user's browser through a SAML sign-in: an HTTP client
// with a cookie jar that follows redirects, reads the HTML forms of each
// page with the HTML5 parser, fills them in and submits them. It runs no
// scripts: an auto-submitting form is submitted with Submit, as a
// browser's script would. `jcsso demo` signs its demo user in with one;
// the tests drive it through internal/samltest.
type Browser struct {
	// Client is the browser's HTTP client (its jar holds the cookies).
	Client *http.Client
	// Allow, when set, says which URLs the browser may request, redirects
	// included; any other is ErrNotAllowed, never sent. The demo keeps its
	// browser on loopback: a form that would post a response to a real
	// service provider is held instead (see Login.Held).
	Allow func(u *url.URL) bool
}

// ErrNotAllowed: a request Browser.Allow refused; nothing was sent.
var ErrNotAllowed = errors.New("not sent: the browser may not leave this machine")

// Page is one page the browser arrived at after any redirects.
type Page struct {
	URL    *url.URL
	Status int
	Body   string
	Forms  []Form
}

// Form is an HTML form as a browser would submit it: its resolved action,
// its method and the values of its named fields.
type Form struct {
	Action string
	Method string
	Fields url.Values
}

// NewBrowser makes a browser that trusts roots (nil: the system's roots),
// such as a test IdP's CertPool.
func NewBrowser(roots *x509.CertPool) *Browser {
	jar, _ := cookiejar.New(nil) // never fails without a public-suffix list
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	b := &Browser{}
	b.Client = &http.Client{Jar: jar, Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		if b.Allow != nil && !b.Allow(req.URL) {
			return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), ErrNotAllowed)
		}
		return nil
	}}
	return b
}

// OnlyLoopback allows loopback hosts only (127.0.0.1, ::1, localhost).
func OnlyLoopback(u *url.URL) bool { return isLoopbackHost(u.Hostname()) }

// CloseIdleConnections closes the connections the browser keeps open.
func (b *Browser) CloseIdleConnections() { b.Client.CloseIdleConnections() }

// Get opens a URL, following redirects.
func (b *Browser) Get(ctx context.Context, rawURL string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", rawURL, err)
	}
	return b.do(req)
}

// Submit sends a form as a browser does (POST as
// application/x-www-form-urlencoded, GET as a query), following redirects.
func (b *Browser) Submit(ctx context.Context, f Form) (*Page, error) {
	var req *http.Request
	var err error
	if strings.EqualFold(f.Method, http.MethodGet) {
		u, perr := url.Parse(f.Action)
		if perr != nil {
			return nil, fmt.Errorf("form action %q: %w", f.Action, perr)
		}
		u.RawQuery = f.Fields.Encode()
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	} else {
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, f.Action, strings.NewReader(f.Fields.Encode()))
		if req != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("submit to %s: %w", f.Action, err)
	}
	return b.do(req)
}

func (b *Browser) do(req *http.Request) (*Page, error) {
	if b.Allow != nil && !b.Allow(req.URL) {
		return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Redacted(), ErrNotAllowed)
	}
	resp, err := b.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Redacted(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPageBytes))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", resp.Request.URL.Redacted(), err)
	}
	p := &Page{URL: resp.Request.URL, Status: resp.StatusCode, Body: string(body)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if p.Forms, err = parseForms(p.URL, p.Body); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// FindForm returns the page's first form that has a field named name.
func (p *Page) FindForm(name string) (Form, bool) {
	for _, f := range p.Forms {
		if _, ok := f.Fields[name]; ok {
			return f, true
		}
	}
	return Form{}, false
}

// ErrNoLoginForm: the page has no login form to fill in.
var ErrNoLoginForm = errors.New("no login form")

// SignIn fills the test IdP's login form on p with the e-mail and
// password, submits it and returns the page that follows (the
// auto-submitting form, a no-access page, or the login form again).
func (b *Browser) SignIn(ctx context.Context, p *Page, email, password string) (*Page, error) {
	f, ok := p.FindForm("password")
	if !ok {
		return nil, fmt.Errorf("%w on %s (status %d)", ErrNoLoginForm, p.URL.Redacted(), p.Status)
	}
	f.Fields.Set("email", email)
	f.Fields.Set("password", password)
	return b.Submit(ctx, f)
}

// LogIn plays a whole sign-in from start (a service provider's login URL,
// or the IdP-initiated URL) to wherever the IdP's auto-posting form lands:
// a form that posts an AuthnRequest is submitted, the test IdP's login
// form filled in, and the form carrying the SAMLResponse submitted, as a
// browser's scripts would. A page with no response form (a no-access page)
// is returned as it is, with Delivered false.
func (b *Browser) LogIn(ctx context.Context, start, email, password string) (*Login, error) {
	page, err := b.Get(ctx, start)
	if err != nil {
		return nil, err
	}
	if f, ok := page.FindForm("SAMLRequest"); ok {
		if _, login := f.Fields["password"]; !login {
			if page, err = b.Submit(ctx, f); err != nil {
				return nil, err
			}
		}
	}
	if page, err = b.SignIn(ctx, page, email, password); err != nil {
		return nil, err
	}
	f, ok := page.FindForm("SAMLResponse")
	if !ok {
		return &Login{Page: page}, nil
	}
	landed, err := b.Submit(ctx, f)
	if errors.Is(err, ErrNotAllowed) {
		return &Login{Page: page, PostedTo: f.Action, Held: true}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Login{Page: landed, Delivered: true, PostedTo: f.Action}, nil
}

// Login is how a scripted sign-in ended.
type Login struct {
	// Page is the last page: the one the response was posted to, or the
	// IdP's page that carried no response (no access).
	Page *Page
	// Delivered says a SAMLResponse was posted, to PostedTo.
	Delivered bool
	PostedTo  string
	// Held says the IdP's form would have posted the response to
	// PostedTo, which Browser.Allow refused: it was not sent.
	Held bool
}

// parseForms reads every form of an HTML page with the HTML5 parser: the
// named input and textarea fields a browser would send.
func parseForms(base *url.URL, body string) ([]Form, error) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse HTML of %s: %w", base.Redacted(), err)
	}
	var forms []Form
	var bad error
	var walk func(n *html.Node, form *Form)
	walk = func(n *html.Node, form *Form) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Form:
				action, err := base.Parse(attr(n, "action"))
				if err != nil {
					bad = fmt.Errorf("form action %q on %s: %w", attr(n, "action"), base.Redacted(), err)
					return
				}
				method := strings.ToUpper(attr(n, "method"))
				if method == "" {
					method = http.MethodGet
				}
				forms = append(forms, Form{Action: action.String(), Method: method, Fields: url.Values{}})
				form = &forms[len(forms)-1]
			case atom.Input:
				if form != nil && attr(n, "name") != "" {
					switch strings.ToLower(attr(n, "type")) {
					case "submit", "button", "image", "reset", "file":
					case "checkbox", "radio":
						if hasAttr(n, "checked") {
							form.Fields.Add(attr(n, "name"), valueOr(n, "on"))
						}
					default:
						form.Fields.Add(attr(n, "name"), attr(n, "value"))
					}
				}
			case atom.Textarea:
				if form != nil && attr(n, "name") != "" {
					form.Fields.Add(attr(n, "name"), text(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, form)
		}
	}
	walk(doc, nil)
	return forms, bad
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func valueOr(n *html.Node, def string) string {
	if hasAttr(n, "value") {
		return attr(n, "value")
	}
	return def
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
