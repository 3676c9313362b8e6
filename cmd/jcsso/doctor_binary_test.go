package main

import (
	"bytes"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// TestDoctorBinaryDoneMeans is the "done" tried as a user would,
// with the built binary over a folder of saved configurations whose
// metadata URLs are on a local TLS server (trusted through SSL_CERT_FILE,
// as any Go program): a rotated certificate is flagged as stale metadata
// with both fingerprints, an expiring one with its days left, a metadata
// URL that now serves an HTML login page as a warning naming it; exit 1.
// Then the metrics file, read by Prometheus's parser, and ctrl+c while
// fetches hang: exit 130 at once, no metrics file.
func TestDoctorBinaryDoneMeans(t *testing.T) {
	bin := buildBinary(t)
	now := doctorNow(t)
	srv := doctortest.NewServer(t)
	dir := t.TempDir()
	env := append(os.Environ(), "SSL_CERT_FILE="+srv.CertFile(t, t.TempDir()), "NO_COLOR=1")
	savedKP := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	nextKP := samltest.NewKeyPair(t, 1, samltest.CertOptions{Bits: 2048})
	fleet := filepath.Join(dir, "customers")
	for _, org := range []string{"acme", "beta", "gamma"} {
		doctortest.WriteConfig(t, fleet, org, doctortest.Metadata(savedKP, org, samltest.MetadataOptions{}), srv.URL("/"+org+"/metadata.xml"), now)
	}
	srv.Serve("/acme/metadata.xml", doctortest.Metadata(savedKP, "acme", samltest.MetadataOptions{}))
	srv.Serve("/beta/metadata.xml", doctortest.Metadata(nextKP, "beta", samltest.MetadataOptions{}))
	srv.Status("/gamma/metadata.xml", http.StatusOK, "text/html; charset=utf-8", samltest.LoginPage)
	expiring := samltest.NewKeyPair(t, 2, samltest.CertOptions{Bits: 2048, NotBefore: now.AddDate(-2, 0, 0), NotAfter: now.Add(6 * 24 * time.Hour)})
	doctortest.WriteConfig(t, fleet, "delta", doctortest.Metadata(expiring, "delta", samltest.MetadataOptions{}), "", now.AddDate(-1, 0, 0))

	run := func(args ...string) (int, string, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
	}

	code, out, errOut := run("doctor", fleet, "--now", testNow)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"✓ healthy    acme          Avoma       2030-01-01 1398d nothing",
		"✗ action     beta          Avoma       2030-01-01 1398d cert rotated: SP stale",
		"! action     delta         Vome        2026-03-10 6d    cert expiring",
		"! action     gamma         Avoma       2030-01-01 1398d URL fetch failed",
		// The rotation: stale metadata, both fingerprints.
		"✗ drift.cert-rotated the signing certificate was rotated: the service provider's copy, SHA-256 " + samlcheck.FingerprintSHA256(savedKP.Cert) + ", is stale; JumpCloud now publishes SHA-256 " + samlcheck.FingerprintSHA256(nextKP.Cert),
		"upload the fresh metadata to the service provider at once",
		// The expiring certificate, with its days left.
		"! cert.expiring the signing certificate", "in 6 days; expected more than 60 days left (past JumpCloud's 7-day expiry reminder)",
		// The URL that now serves a login page, named.
		"! drift.fetch-failed the saved metadata URL " + srv.URL("/gamma/metadata.xml") + " answered with a sign-in page",
		"4 configurations checked: 1 healthy, 3 need action",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	t.Run("metrics", func(t *testing.T) {
		prom := filepath.Join(t.TempDir(), "jcsso.prom")
		if code, out, errOut := run("doctor", fleet, "--now", testNow, "--json", "--metrics", prom); code != 1 || strings.Count(out, "\n") != 4 {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
		fams := doctortest.ParseMetrics(t, prom)
		healthy := map[string]float64{}
		for _, m := range fams[doctor.MetricHealthy].GetMetric() {
			healthy[doctortest.Labels(m)["organization"]] = m.GetGauge().GetValue()
		}
		if len(healthy) != 4 || healthy["acme"] != 1 || healthy["beta"] != 0 || healthy["gamma"] != 0 || healthy["delta"] != 0 {
			t.Errorf("healthy series %v", healthy)
		}
		for _, m := range fams[doctor.MetricCertNotAfter].GetMetric() {
			l := doctortest.Labels(m)
			want := float64(savedKP.Cert.NotAfter.Unix())
			switch l["organization"] {
			case "beta":
				want = float64(nextKP.Cert.NotAfter.Unix())
			case "delta":
				want = float64(expiring.Cert.NotAfter.Unix())
			}
			if m.GetGauge().GetValue() != want || !filepath.IsAbs(l["config"]) || l["service_provider"] == "" {
				t.Errorf("not_after %v for %v, want %v", m.GetGauge().GetValue(), l, want)
			}
		}
		if got := fams[doctor.MetricLastCheck].GetMetric(); len(got) != 4 || got[0].GetGauge().GetValue() != float64(now.Unix()) {
			t.Errorf("last check series %v", got)
		}
	})

	t.Run("interrupted", func(t *testing.T) {
		hung := filepath.Join(t.TempDir(), "hung")
		arrived := make(chan struct{}, 8)
		for _, org := range []string{"omega", "sigma"} {
			doctortest.WriteConfig(t, hung, org, doctortest.Metadata(savedKP, org, samltest.MetadataOptions{}), srv.URL("/hang/"+org), now)
			srv.Handle("/hang/"+org, func(_ http.ResponseWriter, r *http.Request) {
				arrived <- struct{}{}
				<-r.Context().Done()
			})
		}
		prom := filepath.Join(t.TempDir(), "jcsso.prom")
		cmd := exec.Command(bin, "doctor", hung, "--timeout", "10m", "--metrics", prom)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		<-arrived // a fetch is hanging
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(errOut.String(), "interrupted by SIGINT") {
			t.Errorf("exit %d, stderr %q; want 130 and the interruption", code, errOut.String())
		}
		if _, err := os.Stat(prom); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("an interrupted run wrote the metrics file: %v", err)
		}
	})
}
