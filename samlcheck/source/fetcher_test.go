package source

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingServer is a TLS server answering doc, counting the connections
// it accepted.
func countingServer(t *testing.T, doc []byte) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(doc) }))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, &conns
}

// One Fetcher holds one client: fetches one after another go over one
// connection (the TLS handshake once), where a client per fetch dialled
// and shook hands every time.
func TestFetcherReusesItsConnection(t *testing.T) {
	doc := bytes.Repeat([]byte("<x/>"), 1000)
	srv, conns := countingServer(t, doc)
	f := NewFetcher(FetcherOptions{Client: srv.Client(), Timeout: 5 * time.Second})
	defer f.CloseIdleConnections()
	for i := range 5 {
		if got, err := f.Fetch(context.Background(), srv.URL+"/md.xml"); err != nil || !bytes.Equal(got, doc) {
			t.Fatalf("fetch %d: %d bytes, %v", i, len(got), err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 5 fetches, want 1", n)
	}
}

// A pool of PoolSize workers shares one Fetcher (as `jcsso doctor` will):
// every fetch succeeds, with -race watching, and the workers reuse the
// connections rather than opening one per fetch.
func TestFetcherSharedByWorkers(t *testing.T) {
	doc := []byte("<md:EntityDescriptor/>")
	srv, conns := countingServer(t, doc)
	f := NewFetcher(FetcherOptions{Client: srv.Client(), Timeout: 5 * time.Second, UserAgent: "jcsso/test"})
	defer f.CloseIdleConnections()
	const perWorker = 6
	var wg sync.WaitGroup
	errs := make(chan error, PoolSize*perWorker)
	for range PoolSize {
		wg.Go(func() {
			for range perWorker {
				got, err := f.Fetch(context.Background(), srv.URL+"/md.xml")
				if err == nil && !bytes.Equal(got, doc) {
					err = &Error{Source: srv.URL, Reason: "wrong body"}
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := conns.Load(); n >= PoolSize*perWorker {
		t.Errorf("%d connections for %d fetches: none reused", n, PoolSize*perWorker)
	}
}

// The transport keeps a connection for each worker of the pool.
func TestFetchTransportKeepsAConnectionPerWorker(t *testing.T) {
	if got := fetchTransport().MaxIdleConnsPerHost; got < PoolSize {
		t.Errorf("MaxIdleConnsPerHost %d, want at least %d", got, PoolSize)
	}
}
