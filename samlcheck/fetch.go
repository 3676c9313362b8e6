package samlcheck

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
	"syscall"
	"time"

	"github.com/jcsso/jcsso/samlcheck/internal/words"
)

// MaxRedirects is how many redirects a fetch follows.
const MaxRedirects = 5

// errRedirect is a redirect the fetch refused; its text is the reason.
type errRedirect struct{ reason string }

func (e *errRedirect) Error() string { return e.reason }

// fetchSchemeProblem says why a URL may not be fetched, or "": only https,
// and http only to a loopback host (a local test IdP).
func fetchSchemeProblem(u *url.URL) string {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return ""
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return ""
		}
		return "plain http is refused; use the https URL (http is allowed only to localhost)"
	}
	return fmt.Sprintf("the %s: scheme is not supported; give an https URL, a file path, or - for standard input", u.Scheme)
}

// fetch downloads a metadata URL with the cap, the timeout and the redirect
// policy applied, whatever client the options carry.
func fetch(ctx context.Context, raw string, opts LoadOptions) ([]byte, error) {
	shown := RedactURL(raw)
	fail := func(reason string, err error) error {
		return &SourceError{Source: shown, Reason: reason, Err: err}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fail("not a valid URL", err)
	}
	if p := fetchSchemeProblem(u); p != "" {
		return nil, fail(p, nil)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ua := opts.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	client := fetchClient(opts.Client, ua)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail("not a valid URL", err)
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fail(fetchReason(ctx, err, timeout), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail(statusReason(resp), nil)
	}
	if resp.ContentLength > MaxInputBytes {
		return nil, tooLarge(shown, resp.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxInputBytes+1))
	if err != nil {
		return nil, fail(fetchReason(ctx, err, timeout), err)
	}
	if len(body) > MaxInputBytes {
		return nil, tooLarge(shown, -1)
	}
	return body, nil
}

// fetchClient returns a client with jcsso's redirect policy: the given one
// (tests) copied, or one on fetchTransport.
func fetchClient(base *http.Client, ua string) *http.Client {
	var c http.Client
	if base != nil {
		c = *base
	} else {
		c.Transport = fetchTransport()
	}
	c.Timeout = 0 // the request's context carries the timeout
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
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
		req.Header.Set("User-Agent", ua)
		return nil
	}
	return &c
}

// fetchTransport is a clone of Go's default transport, which takes
// proxies from HTTP(S)_PROXY/NO_PROXY and extra CAs from SSL_CERT_FILE and
// SSL_CERT_DIR like any Go program, with two changes:
//
//   - no time limits of its own: Go's default gives up a TLS handshake
//     after 10 s and a connection after 30 s, whatever --timeout says,
//     and then the message named the wrong limit; the request's context
//     (the whole fetch's --timeout) bounds both instead;
//   - loopback names (localhost and *.localhost, RFC 6761) are resolved
//     to the loopback address by jcsso rather than by DNS, and no request
//     to a loopback host goes through a proxy: plain http is allowed to
//     them only because such traffic never leaves the machine.
func fetchTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 0
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil || !isLoopbackName(host) {
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
		if isLoopbackHost(req.URL.Hostname()) {
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
