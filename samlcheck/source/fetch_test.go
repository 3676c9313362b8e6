package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
)

// metadataServer is an httptest TLS server with one route per fetch case.
func metadataServer(t *testing.T, doc []byte) (*httptest.Server, *http.Client, <-chan string) {
	t.Helper()
	release := make(chan struct{})
	agents := make(chan string, 16)
	mux := http.NewServeMux()
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		select {
		case agents <- r.UserAgent():
		default:
		}
		w.Header().Set("Content-Type", "application/samlmetadata+xml")
		w.Write(doc)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Block until the client gives up (or the test ends): no sleeps.
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<html>\n<head><title>Not Found</title></head>\n<body>The application you asked for does not exist, or you are not allowed to see it here.</body></html>")
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "upstream exploded", http.StatusInternalServerError)
	})
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, samltest.LoginPage)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(MaxInputBytes+1))
		w.Write(bytes.Repeat([]byte(" "), 4096)) // the client must refuse before reading it all
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for i := 0; i <= MaxInputBytes/len(chunk)+1; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/hops/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/hops/"), "%d", &n)
		if n == 0 {
			http.Redirect(w, r, "/metadata", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hops/%d", n-1), http.StatusFound)
	})
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(func() { close(release); srv.Close() })
	return srv, srv.Client(), agents
}

func TestFetchURL(t *testing.T) {
	doc := samltest.Metadata(samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.MetadataOptions{})
	srv, client, agents := metadataServer(t, doc)
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(doc) }))
	defer plain.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/to-http", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/metadata", http.StatusFound)
	})
	redirector := httptest.NewTLSServer(mux)
	defer redirector.Close()

	opts := LoadOptions{Fetcher: NewFetcher(FetcherOptions{Client: client, Timeout: 5 * time.Second, UserAgent: "jcsso/1.2.3"})}
	ctx := context.Background()

	t.Run("ok with user agent", func(t *testing.T) {
		got, err := Load(ctx, srv.URL+"/metadata", opts)
		if err != nil || !bytes.Equal(got, doc) {
			t.Fatalf("Load = %d bytes, %v", len(got), err)
		}
		if ua := <-agents; ua != "jcsso/1.2.3" {
			t.Errorf("User-Agent %q", ua)
		}
	})
	t.Run("five redirects followed", func(t *testing.T) {
		if _, err := Load(ctx, srv.URL+"/hops/4", opts); err != nil {
			t.Fatalf("5 redirects refused: %v", err)
		}
	})
	t.Run("an html page loads (the check names it: xml.html)", func(t *testing.T) {
		got, err := Load(ctx, srv.URL+"/login", opts)
		if err != nil || string(got) != samltest.LoginPage {
			t.Fatalf("Load = %q, %v", got, err)
		}
	})
	t.Run("loopback http allowed", func(t *testing.T) {
		if _, err := Load(ctx, plain.URL+"/metadata", LoadOptions{Fetcher: NewFetcher(FetcherOptions{Timeout: 5 * time.Second})}); err != nil {
			t.Fatalf("http to 127.0.0.1 refused: %v", err)
		}
	})

	refusals := []struct {
		name, url string
		opts      LoadOptions
		reason    string
	}{
		{"slow", srv.URL + "/slow", LoadOptions{Fetcher: NewFetcher(FetcherOptions{Client: client, Timeout: 200 * time.Millisecond})}, "timed out after 200ms"},
		{"404", srv.URL + "/404", opts, "HTTP 404 Not Found: <html> <head><title>Not Found</title></head> <body>The application you asked for"},
		{"500", srv.URL + "/500", opts, "HTTP 500 Internal Server Error: upstream exploded"},
		{"redirect to http", redirector.URL + "/to-http", LoadOptions{Fetcher: NewFetcher(FetcherOptions{Client: redirector.Client(), Timeout: 5 * time.Second})}, "redirect refused: from https to http"},
		{"too many redirects", srv.URL + "/hops/5", opts, "redirect refused: more than 5 redirects"},
		{"too large by length", srv.URL + "/big", opts, "too large: 5242881 bytes"},
		{"too large streamed", srv.URL + "/big-chunked", opts, "too large"},
		{"untrusted certificate", srv.URL + "/metadata", LoadOptions{Fetcher: NewFetcher(FetcherOptions{Timeout: 5 * time.Second})}, "TLS: the server's certificate is not trusted"},
		{"host name mismatch", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/metadata", opts, "TLS: the server's certificate does not match the host name"},
		{"plain http", "http://sso.example.com/metadata", opts, "plain http is refused"},
		{"other scheme", "ftp://sso.example.com/metadata", opts, "the ftp: scheme is not supported"},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(ctx, tc.url, tc.opts)
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *Error", err)
			}
			if !strings.Contains(se.Reason, tc.reason) {
				t.Errorf("reason %q, want it to contain %q", se.Reason, tc.reason)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("reason is not one line: %q", err.Error())
			}
			if se.Source != tc.url {
				t.Errorf("source %q, want %q", se.Source, tc.url)
			}
			// The status is kept for callers that judge the cause (doctor).
			if want := map[string]int{"404": 404, "500": 500}[tc.name]; se.Status != want {
				t.Errorf("status %d, want %d", se.Status, want)
			}
		})
	}
}

// TestFetchReasonDNS: a name that does not resolve says so (checked on the
// error value, since tests may not use the network's resolver).
func TestFetchReasonDNS(t *testing.T) {
	err := fmt.Errorf("dial: %w", &net.DNSError{Err: "no such host", Name: "sso.jumpcloud.invalid", IsNotFound: true})
	if got := fetchReason(context.Background(), err, time.Second); got != "DNS: no such host sso.jumpcloud.invalid" {
		t.Errorf("reason %q", got)
	}
}

func TestLoadFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	doc := samltest.Metadata(samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.MetadataOptions{})
	path := filepath.Join(dir, "metadata.xml")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(context.Background(), path, LoadOptions{}); err != nil || !bytes.Equal(got, doc) {
		t.Errorf("file: %d bytes, %v", len(got), err)
	}
	if got, err := Load(context.Background(), "-", LoadOptions{Stdin: bytes.NewReader(doc)}); err != nil || !bytes.Equal(got, doc) {
		t.Errorf("stdin: %d bytes, %v", len(got), err)
	}
	big := filepath.Join(dir, "big.xml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxInputBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct {
		name, source string
		opts         LoadOptions
		reason       string
	}{
		{"missing", filepath.Join(dir, "nope.xml"), LoadOptions{}, "no such file"},
		{"directory", dir, LoadOptions{}, "is a directory"},
		{"big file", big, LoadOptions{}, "too large: 5242881 bytes"},
		{"big stdin", "-", LoadOptions{Stdin: bytes.NewReader(make([]byte, MaxInputBytes+1))}, "too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(context.Background(), tc.source, tc.opts)
			var se *Error
			if !errors.As(err, &se) || !strings.Contains(se.Reason, tc.reason) {
				t.Errorf("error %v, want a Error saying %q", err, tc.reason)
			}
			if tc.reason == "too large" || strings.HasPrefix(tc.reason, "too large") {
				if !errors.Is(err, ErrTooLarge) {
					t.Errorf("%v does not wrap ErrTooLarge", err)
				}
			}
		})
	}
}
