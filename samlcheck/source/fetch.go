package source

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// MaxRedirects is how many redirects a fetch follows.
const MaxRedirects = 5

// MaxInputBytes caps a source: a metadata file, standard input, or a
// fetched body. It is the parser's own cap, checked before parsing.
const MaxInputBytes = xmlsafe.MaxInputBytes

// DefaultTimeout bounds a fetch when FetcherOptions.Timeout is zero.
const DefaultTimeout = 15 * time.Second

// DefaultUserAgent is sent when FetcherOptions.UserAgent is empty; the
// command sends "jcsso/" and its build version instead.
const DefaultUserAgent = "jcsso/dev"

// PoolSize is how many fetches at once one Fetcher keeps a connection
// ready for, per host: the pool of workers of `jcsso doctor`, whose
// metadata URLs are all on JumpCloud's one host.
const PoolSize = 8

// FetcherOptions shape a Fetcher; the zero value is jcsso's defaults.
type FetcherOptions struct {
	// Timeout bounds each fetch as a whole: DNS, connection, TLS
	// handshake, redirects and body. Zero means DefaultTimeout.
	Timeout time.Duration
	// UserAgent is sent with every request, redirects included; empty
	// means DefaultUserAgent.
	UserAgent string
	// Client is the client to start from (tests give an httptest TLS
	// client): its transport is used, while its redirect policy and time
	// limit are replaced by the Fetcher's. Nil means jcsso's transport
	// (see fetchTransport).
	Client *http.Client
	// RootCAs, when set, are the only certificate authorities an https
	// server's certificate is checked against, instead of the system's
	// (and SSL_CERT_FILE's): an in-process caller that knows the one server
	// it fetches from, such as `jcsso demo` and its test IdP, trusts exactly
	// that server's certificate without touching the environment. Ignored
	// with Client.
	RootCAs *x509.CertPool
}

// Fetcher fetches metadata URLs: https only (http only to a loopback
// host), at most MaxRedirects redirects and never from https to http,
// MaxInputBytes at most, one timeout for the whole fetch, and one line
// naming the cause of any failure. It holds one http.Client, so fetches
// reuse their connections, and it never changes after NewFetcher: any
// number of goroutines may share one (a pool of workers does).
type Fetcher struct {
	client  *http.Client
	ua      string
	timeout time.Duration
}

// NewFetcher makes a Fetcher with its one client.
func NewFetcher(o FetcherOptions) *Fetcher {
	f := &Fetcher{ua: o.UserAgent, timeout: o.Timeout}
	if f.ua == "" {
		f.ua = DefaultUserAgent
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	var c http.Client
	if o.Client != nil {
		c = *o.Client
	} else {
		t := fetchTransport()
		if o.RootCAs != nil {
			t.TLSClientConfig = &tls.Config{RootCAs: o.RootCAs, MinVersion: tls.VersionTLS12}
		}
		c.Transport = t
	}
	c.Timeout = 0 // each request's context carries the timeout
	c.CheckRedirect = f.checkRedirect
	f.client = &c
	return f
}

// defaultFetcher is the Fetcher of a Load given none: made once, as every
// Fetcher is safe to share.
var defaultFetcher = sync.OnceValue(func() *Fetcher { return NewFetcher(FetcherOptions{}) })

// CloseIdleConnections closes the connections kept for later fetches, for
// a long-lived caller that is done fetching.
func (f *Fetcher) CloseIdleConnections() { f.client.CloseIdleConnections() }

// Fetch downloads a metadata URL with the cap, the timeout and the
// redirect policy applied. Every failure is an *Error naming the URL
// without its password; one cut short by ctx wraps ctx's error.
func (f *Fetcher) Fetch(ctx context.Context, raw string) ([]byte, error) {
	shown := samlcheck.RedactURL(raw)
	fail := func(reason string, err error) error {
		return &Error{Source: shown, Reason: reason, Err: err}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fail("not a valid URL", err)
	}
	if p := fetchSchemeProblem(u); p != "" {
		return nil, fail(p, nil)
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail("not a valid URL", err)
	}
	req.Header.Set("User-Agent", f.ua)
	req.Header.Set("Accept", "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fail(fetchReason(ctx, err, f.timeout), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &Error{Source: shown, Reason: statusReason(resp), Status: resp.StatusCode}
	}
	if resp.ContentLength > MaxInputBytes {
		return nil, tooLarge(shown, resp.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxInputBytes+1))
	if err != nil {
		return nil, fail(fetchReason(ctx, err, f.timeout), err)
	}
	if len(body) > MaxInputBytes {
		return nil, tooLarge(shown, -1)
	}
	return body, nil
}

// checkRedirect is the Fetcher's redirect policy: at most MaxRedirects,
// never from https to http, only to URLs a fetch may reach, each with the
// User-Agent.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return &errRedirect{fmt.Sprintf("redirect refused: more than %d redirects", MaxRedirects)}
	}
	prev := via[len(via)-1].URL
	if strings.EqualFold(prev.Scheme, "https") && !strings.EqualFold(req.URL.Scheme, "https") {
		return &errRedirect{"redirect refused: from https to " + req.URL.Scheme + " (" + words.Truncate(req.URL.Redacted(), 80) + ")"}
	}
	if p := fetchSchemeProblem(req.URL); p != "" {
		return &errRedirect{"redirect refused: to " + words.Truncate(req.URL.Redacted(), 80) + ": " + p}
	}
	req.Header.Set("User-Agent", f.ua)
	return nil
}

// errRedirect is a redirect the fetch refused; its text is the reason.
type errRedirect struct{ reason string }

func (e *errRedirect) Error() string { return e.reason }

// fetchTransport is a clone of Go's default transport, which takes
// proxies from HTTP(S)_PROXY/NO_PROXY and extra CAs from SSL_CERT_FILE and
// SSL_CERT_DIR like any Go program, with these changes:
//
//   - no time limits of its own: Go's default gives up a TLS handshake
//     after 10 s and a connection after 30 s, whatever --timeout says,
//     and then the message named the wrong limit; the request's context
//     (the whole fetch's --timeout) bounds both instead;
//   - loopback names (localhost and *.localhost, RFC 6761) are resolved
//     to the loopback address by jcsso rather than by DNS, and no request
//     to a loopback host goes through a proxy: plain http is allowed to
//     them only because such traffic never leaves the machine;
//   - PoolSize idle connections kept per host (Go's default keeps two), so
//     a pool of workers fetching from one host reuses its connections.
func fetchTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 0
	t.MaxIdleConnsPerHost = PoolSize
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil || !rules.IsLoopbackName(host) {
			return dialer.DialContext(ctx, network, addr)
		}
		conn, err := dialer.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
		if err != nil {
			if c6, err6 := dialer.DialContext(ctx, network, net.JoinHostPort("::1", port)); err6 == nil {
				return c6, nil
			}
		}
		return conn, err
	}
	t.Proxy = func(req *http.Request) (*url.URL, error) {
		if rules.IsLoopbackHost(req.URL.Hostname()) {
			return nil, nil
		}
		return http.ProxyFromEnvironment(req)
	}
	return t
}

// statusReason is "HTTP 404 Not Found: <start of the body>" on one line.
func statusReason(resp *http.Response) string {
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	reason := "HTTP " + resp.Status
	if text := strings.Join(strings.Fields(strings.ToValidUTF8(string(head), "?")), " "); text != "" {
		reason += ": " + words.Truncate(text, 80)
	}
	return reason
}

// fetchReason turns a transport error into one line that names the cause.
func fetchReason(ctx context.Context, err error, timeout time.Duration) string {
	var (
		rd      *errRedirect
		dnsErr  *net.DNSError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		record  tls.RecordHeaderError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &rd):
		return rd.reason
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("timed out after %s", timeout)
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return "DNS: no such host " + dnsErr.Name
		}
		return "DNS: lookup of " + dnsErr.Name + " failed: " + words.OneLine(dnsErr.Err)
	case errors.As(err, &unknown):
		return "TLS: the server's certificate is not trusted (signed by an unknown authority; set SSL_CERT_FILE for a private CA)"
	case errors.As(err, &host):
		return "TLS: the server's certificate does not match the host name: " + words.OneLine(host.Error())
	case errors.As(err, &invalid):
		return "TLS: the server's certificate is invalid: " + words.OneLine(invalid.Error())
	case errors.As(err, &record):
		return "TLS: the server did not answer with TLS (is it plain http?)"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("timed out after %s", timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return "fetch failed: " + words.OneLine(err.Error())
}
