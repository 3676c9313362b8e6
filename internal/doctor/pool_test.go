package doctor_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
)

// writeFleet writes n configurations of orgs org-000… into dir, each
// saving /org-NNN on srv as its metadata URL; serve, when set, answers
// each path (else the same metadata is served).
func writeFleet(t *testing.T, srv *doctortest.Server, dir string, n int, handler http.HandlerFunc) {
	t.Helper()
	kp, _ := keys(t)
	for i := range n {
		org := fmt.Sprintf("org-%03d", i)
		md := doctortest.Metadata(kp, org, samltest.MetadataOptions{})
		doctortest.WriteConfig(t, dir, org, md, srv.URL("/"+org), testNow)
		if handler != nil {
			srv.Handle("/"+org, handler)
		} else {
			srv.Serve("/"+org, md)
		}
	}
}

// --parallel bounds the fetches in flight, and the workers share one
// Fetcher's connections instead of opening one per configuration.
func TestRunBoundsWorkersAndReusesConnections(t *testing.T) {
	const parallel, n = 3, 24
	srv := doctortest.NewServer(t)
	dir := t.TempDir()
	kp, _ := keys(t)
	var inFlight, most atomic.Int32
	arrived := make(chan struct{}, n)
	release := make(chan struct{})
	writeFleet(t, srv, dir, n, func(w http.ResponseWriter, r *http.Request) {
		now := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if now <= m || most.CompareAndSwap(m, now) {
				break
			}
		}
		arrived <- struct{}{}
		<-release // the first fetches wait until parallel of them are in flight
		_, _ = w.Write(doctortest.Metadata(kp, r.URL.Path[1:], samltest.MetadataOptions{}))
	})
	go func() {
		for range parallel {
			<-arrived
		}
		close(release)
	}()
	results := runAll(t, []string{dir}, doctor.Options{Fetcher: srv.Fetcher(10 * time.Second), Now: testNow, Parallel: parallel})
	if len(results) != n {
		t.Fatalf("%d results, want %d", len(results), n)
	}
	for _, r := range results {
		if r.Status != doctor.StatusHealthy || r.Fetch != doctor.FetchDone {
			t.Errorf("%s: %s %s %+v", r.Config, r.Status, r.Fetch, r.Findings)
		}
	}
	if m := most.Load(); m != parallel {
		t.Errorf("%d fetches in flight at most, want %d (--parallel)", m, parallel)
	}
	if c := srv.Conns(); c > 2*parallel {
		t.Errorf("%d connections for %d fetches by %d workers: the Fetcher's connections are not reused", c, n, parallel)
	}
}

// A signal (the command's context ending) stops the pool while fetches
// hang: Run returns the context's error without waiting for --timeout, and
// nothing is emitted after it.
func TestRunStopsWhenCancelled(t *testing.T) {
	srv := doctortest.NewServer(t)
	dir := t.TempDir()
	arrived := make(chan struct{}, 64)
	writeFleet(t, srv, dir, 20, func(_ http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	var mu sync.Mutex
	emitted := 0
	go func() {
		done <- doctor.Run(ctx, []string{dir}, doctor.Options{Fetcher: srv.Fetcher(time.Hour), Now: testNow, Parallel: 4}, func(doctor.Result) error {
			mu.Lock()
			defer mu.Unlock()
			emitted++
			return nil
		})
	}()
	<-arrived
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second): // a bound for a hung test, not a timing assertion
		t.Fatal("Run did not stop when its context was cancelled")
	}
	mu.Lock()
	defer mu.Unlock()
	if emitted != 0 {
		t.Errorf("%d results emitted from hung fetches", emitted)
	}
}

// An error from emit (stdout closed) stops the run with that error.
func TestRunStopsAtEmitError(t *testing.T) {
	srv := doctortest.NewServer(t)
	dir := t.TempDir()
	writeFleet(t, srv, dir, 12, nil)
	closed := errors.New("stdout closed")
	calls := 0
	err := doctor.Run(context.Background(), []string{dir}, doctor.Options{Fetcher: srv.Fetcher(10 * time.Second), Now: testNow, Parallel: 2}, func(doctor.Result) error {
		calls++
		if calls == 3 {
			return closed
		}
		return nil
	})
	if !errors.Is(err, closed) || calls != 3 {
		t.Errorf("Run = %v after %d results, want the emit error after 3", err, calls)
	}
}
