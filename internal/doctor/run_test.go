package doctor_test

import (
	"context"
	"crypto/x509"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/source"
)

var testNow = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

// keys are the fixtures' signing key pairs: 0 is the saved one, 1 the one
// after a rotation (RSA-2048: quick, and the checks read no signature).
func keys(t testing.TB) (saved, next samltest.KeyPair) {
	return samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048}), samltest.NewKeyPair(t, 1, samltest.CertOptions{Bits: 2048})
}

// runAll runs doctor over paths and returns the results in the order
// emitted.
func runAll(t *testing.T, paths []string, o doctor.Options) []doctor.Result {
	t.Helper()
	var out []doctor.Result
	if err := doctor.Run(context.Background(), paths, o, func(r doctor.Result) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out
}

// findingOf returns the one finding of id in r, failing the test when
// there is not exactly one.
func findingOf(t *testing.T, r doctor.Result, id string) samlcheck.Finding {
	t.Helper()
	fs := r.Findings.ByID(id)
	if len(fs) != 1 {
		t.Fatalf("%s: %d %s findings, want 1: %+v", r.Config, len(fs), id, r.Findings)
	}
	return fs[0]
}

// Every re-fetch the issue names, each against the TLS server, all in one
// run of the pool through one Fetcher: what JumpCloud publishes now is
// compared with what was saved, and a URL that cannot be re-fetched (a
// timeout, 404, 401, a login page, a body over the cap, a 5xx) is a
// drift.fetch-failed warning naming the URL and the reason, while the saved
// copy is still checked.
func TestRunRefetchesEachSavedURL(t *testing.T) {
	savedKP, nextKP := keys(t)
	srv := doctortest.NewServer(t)
	dir := t.TempDir()
	write := func(org string) string {
		return doctortest.WriteConfig(t, dir, org, doctortest.Metadata(savedKP, org, samltest.MetadataOptions{}), srv.URL("/"+org+"/metadata.xml"), testNow)
	}
	serve := func(org string, md []byte) { srv.Serve("/"+org+"/metadata.xml", md) }
	// Names sort in the order the cases are listed: results come in the
	// order the folder is walked.
	write("a-good")
	serve("a-good", doctortest.Metadata(savedKP, "a-good", samltest.MetadataOptions{}))
	write("b-rotated")
	serve("b-rotated", doctortest.Metadata(nextKP, "b-rotated", samltest.MetadataOptions{}))
	write("c-entityid")
	serve("c-entityid", doctortest.Metadata(savedKP, "c-entityid", samltest.MetadataOptions{EntityID: "jumpcloud-someone-else"}))
	write("d-added")
	serve("d-added", doctortest.Metadata(savedKP, "d-added", samltest.MetadataOptions{ExtraCerts: []*x509.Certificate{nextKP.Cert}}))
	write("e-timeout")
	srv.Hang("/e-timeout/metadata.xml")
	write("f-gone") // nothing served: 404
	write("g-login")
	srv.Status("/g-login/metadata.xml", http.StatusUnauthorized, "text/plain", "login required")
	write("h-html")
	srv.Status("/h-html/metadata.xml", http.StatusOK, "text/html", samltest.LoginPage)
	write("i-huge")
	srv.Serve("/i-huge/metadata.xml", []byte(strings.Repeat(" ", source.MaxInputBytes+1)))
	write("j-broken")
	srv.Status("/j-broken/metadata.xml", http.StatusBadGateway, "text/plain", "upstream down")

	results := runAll(t, []string{dir}, doctor.Options{Fetcher: srv.Fetcher(500 * time.Millisecond), Now: testNow, Parallel: 4})
	if len(results) != 10 {
		t.Fatalf("%d results, want 10", len(results))
	}
	byOrg := map[string]doctor.Result{}
	for i, r := range results {
		byOrg[r.Organization] = r
		if i > 0 && r.Organization < results[i-1].Organization {
			t.Errorf("results out of order: %s after %s", r.Organization, results[i-1].Organization)
		}
	}

	good := byOrg["a-good"]
	if good.Status != doctor.StatusHealthy || good.Fetch != doctor.FetchDone || doctor.NeedsAction(good.Findings) {
		t.Errorf("unchanged metadata: %s, fetch %s, %+v", good.Status, good.Fetch, good.Findings)
	}
	if good.Cert == nil || good.Cert.SHA256 != samlcheck.FingerprintSHA256(savedKP.Cert) || !good.Cert.NotAfter.Equal(savedKP.Cert.NotAfter) {
		t.Errorf("certificate %+v, want the saved one", good.Cert)
	}

	rot := byOrg["b-rotated"]
	f := findingOf(t, rot, samlcheck.IDDriftCertRotated)
	for _, want := range []string{samlcheck.FingerprintSHA256(savedKP.Cert), samlcheck.FingerprintSHA256(nextKP.Cert), "is stale"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("rotation message lacks %q: %s", want, f.Message)
		}
	}
	if rot.Status != doctor.StatusAction || f.Severity != samlcheck.SeverityFail || rot.Cert.SHA256 != samlcheck.FingerprintSHA256(nextKP.Cert) {
		t.Errorf("rotated: %s, %s, certificate %+v (want the fresh one)", rot.Status, f.Severity, rot.Cert)
	}

	if f := findingOf(t, byOrg["c-entityid"], samlcheck.IDDriftEntityIDChanged); f.Severity != samlcheck.SeverityFail || !strings.Contains(f.Message, "jumpcloud-someone-else") {
		t.Errorf("entity ID changed: %+v", f)
	}

	added := byOrg["d-added"]
	if f := findingOf(t, added, samlcheck.IDDriftCertAdded); f.Severity != samlcheck.SeverityWarn || !strings.Contains(f.Message, samlcheck.FingerprintSHA256(nextKP.Cert)) {
		t.Errorf("certificate added: %+v", f)
	}
	if fs := added.Findings.ByID(samlcheck.IDDriftCertRotated); len(fs) != 0 || added.Status != doctor.StatusAction {
		t.Errorf("a certificate added is also a rotation, or needs no action: %s %+v", added.Status, fs)
	}

	for org, want := range map[string]string{
		"e-timeout": "timed out after 500ms",
		"f-gone":    "HTTP 404 Not Found",
		"g-login":   "HTTP 401 Unauthorized: login required (the URL needs a login)",
		"h-html":    `answered with a sign-in page (it has a password field) titled "JumpCloud – Admin Login", not metadata`,
		"i-huge":    "too large",
		"j-broken":  "HTTP 502 Bad Gateway",
	} {
		r := byOrg[org]
		f := findingOf(t, r, samlcheck.IDDriftFetchFailed)
		if f.Severity != samlcheck.SeverityWarn || !strings.Contains(f.Message, want) || !strings.Contains(f.Message, srv.URL("/"+org+"/metadata.xml")) || f.Fix == "" {
			t.Errorf("%s: %+v, want a warning naming the URL and %q, with a fix", org, f, want)
		}
		if r.Status != doctor.StatusAction || r.Fetch != doctor.FetchFailed {
			t.Errorf("%s: %s, fetch %s; want action, failed", org, r.Status, r.Fetch)
		}
		// The saved copy was still checked: its certificate is known.
		if r.Cert == nil || r.Cert.SHA256 != samlcheck.FingerprintSHA256(savedKP.Cert) {
			t.Errorf("%s: certificate %+v, want the saved copy's", org, r.Cert)
		}
	}
}

// --offline checks the saved copies only; a configuration whose metadata
// came as a file (no URL saved) is checked the same way.
func TestRunOffline(t *testing.T) {
	savedKP, _ := keys(t)
	srv := doctortest.NewServer(t)
	dir := t.TempDir()
	doctortest.WriteConfig(t, dir, "acme", doctortest.Metadata(savedKP, "acme", samltest.MetadataOptions{}), srv.URL("/never"), testNow)
	doctortest.WriteConfig(t, dir, "beta", doctortest.Metadata(savedKP, "beta", samltest.MetadataOptions{}), "", testNow)
	srv.Handle("/never", func(http.ResponseWriter, *http.Request) { t.Error("fetched with Offline set") })
	results := runAll(t, []string{dir}, doctor.Options{Fetcher: srv.Fetcher(time.Second), Now: testNow, Offline: true})
	if len(results) != 2 || results[0].Fetch != doctor.FetchOffline || results[1].Fetch != doctor.FetchNone {
		t.Fatalf("results %+v", results)
	}
	for _, r := range results {
		if r.Status != doctor.StatusHealthy || r.Cert == nil {
			t.Errorf("%s: %s %+v, cert %+v", r.Config, r.Status, r.Findings, r.Cert)
		}
	}
	if results[1].ServiceProvider != "Vome" || results[1].MetadataURL != "" {
		t.Errorf("the file-uploaded setup: %+v", results[1])
	}
}
