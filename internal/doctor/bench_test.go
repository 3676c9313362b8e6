package doctor_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
)

// fleetSize is the benchmark's number of saved configurations.
const fleetSize = 1000

// BenchmarkDoctorFleet is issue 14's performance target in process: 1,000
// saved configurations (JumpCloud-shaped, RSA-4096 certificates, written by
// ssoconfig's writer), each one's saved copy checked and its metadata URL
// fetched from a local TLS server and compared, by the default 8 workers
// through one Fetcher. Target: under 10 s on the project's 2-vCPU machine.
// It reports the peak live heap during the runs (the heap marked live by
// each collection, /gc/heap/live:bytes, sampled every 5 ms through
// runtime/metrics, which does not stop the world) and the milliseconds
// per configuration. The whole process's peak memory,
// and the same fleet checked by 1,000 `jcsso check` processes, are
// cmd/jcsso's BenchmarkDoctorVersusCheckLoop.
func BenchmarkDoctorFleet(b *testing.B) {
	srv := doctortest.NewServer(b)
	dir := b.TempDir()
	kp := samltest.NewKeyPair(b, 0, samltest.CertOptions{})
	start := time.Now()
	for i := range fleetSize {
		org := fmt.Sprintf("org-%04d", i)
		doctortest.WriteConfig(b, dir, org, doctortest.Metadata(kp, org, samltest.MetadataOptions{}), srv.URL("/"+org+"/metadata.xml"), testNow)
		// Made on each request: the server, in this process, holds no
		// fleet's worth of documents to be counted in the peak.
		srv.Handle("/"+org+"/metadata.xml", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write(doctortest.Metadata(kp, org, samltest.MetadataOptions{}))
		})
	}
	b.Logf("%d configurations written in %s", fleetSize, time.Since(start).Round(time.Millisecond))
	fetcher := srv.Fetcher(15 * time.Second)
	runtime.GC()

	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := doctor.Run(context.Background(), []string{dir}, doctor.Options{Fetcher: fetcher, Now: testNow}, func(r doctor.Result) error {
			if r.Status != doctor.StatusHealthy || r.Fetch != doctor.FetchDone {
				return fmt.Errorf("%s: %s %s %v %v", r.Config, r.Status, r.Fetch, r.Findings, r.Err)
			}
			n++
			return nil
		})
		if err != nil || n != fleetSize {
			b.Fatalf("Run: %v after %d results", err, n)
		}
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-heap-MB")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/fleetSize, "ms/config")
}
