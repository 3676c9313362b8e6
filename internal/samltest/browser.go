package samltest

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Browser plays a user's browser through a SAML sign-in: an HTTP client
// with a cookie jar that follows redirects, reads the HTML forms of each
// page, fills them in and submits them. It runs no scripts: the IdP's
// auto-submitting form is submitted with Submit, as a browser's script
// would.
type Browser struct {
	tb     testing.TB
	Client *http.Client
}

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
func NewBrowser(tb testing.TB, roots *x509.CertPool) *Browser {
	tb.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatalf("cookie jar: %v", err)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	tb.Cleanup(tr.CloseIdleConnections)
	return &Browser{tb: tb, Client: &http.Client{Jar: jar, Transport: tr}}
}

// Get opens a URL, following redirects.
func (b *Browser) Get(rawURL string) *Page {
	b.tb.Helper()
	resp, err := b.Client.Get(rawURL)
	if err != nil {
		b.tb.Fatalf("GET %s: %v", rawURL, err)
	}
	return b.read(resp)
}

// Submit sends a form as a browser does (POST as
// application/x-www-form-urlencoded, GET as a query), following redirects.
func (b *Browser) Submit(f Form) *Page {
	b.tb.Helper()
	var resp *http.Response
	var err error
	if strings.EqualFold(f.Method, http.MethodGet) {
		u, perr := url.Parse(f.Action)
		if perr != nil {
			b.tb.Fatalf("form action %q: %v", f.Action, perr)
		}
		u.RawQuery = f.Fields.Encode()
		resp, err = b.Client.Get(u.String())
	} else {
		resp, err = b.Client.PostForm(f.Action, f.Fields)
	}
	if err != nil {
		b.tb.Fatalf("submit to %s: %v", f.Action, err)
	}
	return b.read(resp)
}

func (b *Browser) read(resp *http.Response) *Page {
	b.tb.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		b.tb.Fatalf("read %s: %v", resp.Request.URL, err)
	}
	p := &Page{URL: resp.Request.URL, Status: resp.StatusCode, Body: string(body)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		p.Forms = parseForms(b.tb, p.URL, p.Body)
	}
	return p
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

// FindForm returns the page's first form that has a field named name.
func (p *Page) FindForm(name string) (Form, bool) {
	for _, f := range p.Forms {
		if _, ok := f.Fields[name]; ok {
			return f, true
		}
	}
	return Form{}, false
}

// SignIn fills the login form on p with the e-mail and password, submits
// it and returns the page that follows (the IdP's auto-submitting form, a
// no-access page, or the login form again).
func (b *Browser) SignIn(p *Page, email, password string) *Page {
	b.tb.Helper()
	f := p.FormWith(b.tb, "password")
	f.Fields.Set("email", email)
	f.Fields.Set("password", password)
	return b.Submit(f)
}

// parseForms reads every form of an HTML page with the HTML5 parser: the
// named input, textarea and select fields a browser would send.
func parseForms(tb testing.TB, base *url.URL, body string) []Form {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		tb.Fatalf("parse HTML of %s: %v", base, err)
	}
	var forms []Form
	var walk func(n *html.Node, form *Form)
	walk = func(n *html.Node, form *Form) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Form:
				action, err := base.Parse(attr(n, "action"))
				if err != nil {
					tb.Fatalf("form action %q on %s: %v", attr(n, "action"), base, err)
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
		if n.Type == html.ElementNode && n.DataAtom == atom.Form {
			form = nil
		}
	}
	walk(doc, nil)
	return forms
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
