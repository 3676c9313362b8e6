package source

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
)

// A server that accepts the connection and never answers the TLS
// handshake: the fetch ends at --timeout, and says so.
func TestFetchTimeoutCoversTheHandshake(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { <-stop; c.Close() }()
		}
	}()
	var err2 error
	start := time.Now()
	enginetest.WithinDeadline(t, 10*time.Second, "fetch from a server that never shakes hands", func() {
		_, err2 = Load(context.Background(), "https://"+ln.Addr().String()+"/metadata", LoadOptions{Fetcher: NewFetcher(FetcherOptions{Timeout: 300 * time.Millisecond})})
	})
	var se *Error
	if !errors.As(err2, &se) || se.Reason != "timed out after 300ms" {
		t.Fatalf("err = %v, want timed out after 300ms", err2)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("gave up after %s, before the timeout", d)
	}
}

// The transport sets no limit of its own shorter than any --timeout: Go's
// default ends a TLS handshake at 10 s and a dial at 30 s, and the message
// then named the --timeout the fetch did not wait for.
func TestFetchTransportHasNoShorterLimits(t *testing.T) {
	tr := fetchTransport()
	if tr.TLSHandshakeTimeout != 0 || tr.ResponseHeaderTimeout != 0 {
		t.Errorf("TLSHandshakeTimeout %s, ResponseHeaderTimeout %s; want none (the request's context bounds them)", tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout)
	}
	// A dial that would take longer than Go's default 30 s is still
	// waiting when the context is cancelled: its only limit is ctx.
	ctx, cancel := context.WithCancel(context.Background())
	dl, _ := ctx.Deadline()
	if !dl.IsZero() {
		t.Fatal("context has a deadline")
	}
	cancel()
	if _, err := tr.DialContext(ctx, "tcp", "192.0.2.1:443"); !errors.Is(err, context.Canceled) {
		t.Errorf("dial with a cancelled context: %v, want context.Canceled", err)
	}
}

// loopbackServer serves body on 127.0.0.1 and counts its requests.
func loopbackServer(t *testing.T, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// app.localhost is loopback by RFC 6761: jcsso resolves it itself, where
// DNS (and so Go's resolver) knows no such host.
func TestFetchResolvesLocalhostNames(t *testing.T) {
	srv, hits := loopbackServer(t, "<md/>")
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, host := range []string{"localhost", "app.localhost", "IdP.Test.LOCALHOST."} {
		data, err := Load(context.Background(), "http://"+host+":"+port+"/md.xml", LoadOptions{Fetcher: NewFetcher(FetcherOptions{Timeout: 5 * time.Second})})
		if err != nil || string(data) != "<md/>" {
			t.Errorf("%s: %q, %v", host, data, err)
		}
	}
	if hits.Load() != 3 {
		t.Errorf("server saw %d requests, want 3", hits.Load())
	}
}

// A loopback request never goes through HTTP_PROXY. Go reads the proxy
// variables once per process, so the fetch runs in a child process of this
// test binary with HTTP_PROXY set to a second server that must see nothing.
func TestFetchNeverProxiesLoopback(t *testing.T) {
	if url := os.Getenv("JCSSO_PROXY_CHILD_URL"); url != "" {
		data, err := Load(context.Background(), url, LoadOptions{Fetcher: NewFetcher(FetcherOptions{Timeout: 5 * time.Second})})
		if err != nil {
			fmt.Println("child:", err)
			os.Exit(3)
		}
		fmt.Print(string(data))
		os.Exit(0)
	}
	srv, hits := loopbackServer(t, "from the server")
	proxy, proxied := loopbackServer(t, "from the proxy")
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, host := range []string{"app.localhost", "localhost", "127.0.0.1"} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestFetchNeverProxiesLoopback$")
		cmd.Env = append(os.Environ(), "JCSSO_PROXY_CHILD_URL=http://"+host+":"+port+"/md.xml",
			"HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL, "NO_PROXY=", "no_proxy=")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "from the server") {
			t.Errorf("%s: %v: %s", host, err, out)
		}
	}
	if proxied.Load() != 0 || hits.Load() != 3 {
		t.Errorf("proxy saw %d requests and the server %d; want 0 and 3", proxied.Load(), hits.Load())
	}
}

// TestFetchRootCAs: a Fetcher given RootCAs trusts exactly those, without
// SSL_CERT_FILE (jcsso demo fetches its test IdP's metadata so); without
// them the same server's certificate is an unknown authority.
func TestFetchRootCAs(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<md/>")) }))
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	got, err := NewFetcher(FetcherOptions{RootCAs: pool}).Fetch(context.Background(), srv.URL)
	if err != nil || string(got) != "<md/>" {
		t.Fatalf("with RootCAs: %q, %v", got, err)
	}
	_, err = NewFetcher(FetcherOptions{}).Fetch(context.Background(), srv.URL)
	if err == nil || !strings.Contains(err.Error(), "not trusted") {
		t.Fatalf("without RootCAs: %v, want an untrusted certificate", err)
	}
}
