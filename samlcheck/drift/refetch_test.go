package drift

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// A re-fetch that fails, or serves something that is not metadata, is one
// drift.fetch-failed warning naming the URL and the reason, with the fix
// for its cause, and nothing is compared; one that serves metadata passes
// drift.fetch-failed and is compared. (Real fetches against TLS servers are
// internal/doctor's tests; these are the verdicts on each outcome.)
func TestRefetched(t *testing.T) {
	const url = "https://console.jumpcloud.com/api/organizations/o1/applications/a1/metadata.xml"
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	saved := SavedIdP{EntityID: "jumpcloud-acmecorp", SSOURL: "https://sso.jumpcloud.com/saml2/acmecorp",
		CertSHA256: []string{samlcheck.FingerprintSHA256(kp.Cert)}, Redirect: true}
	opts := metadata.Options{Now: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)}
	timeout := &source.Error{Source: url, Reason: "timed out after 2s", Err: fmt.Errorf("get: %w", context.DeadlineExceeded)}
	for _, tc := range []struct {
		name string
		body []byte
		err  error
		say  []string
		fix  string
	}{
		{"401", nil, &source.Error{Source: url, Reason: "HTTP 401 Unauthorized: log in", Status: 401}, []string{url, "HTTP 401 Unauthorized", "needs a login", "the saved copy was checked"}, loginFix},
		{"403", nil, &source.Error{Source: url, Reason: "HTTP 403 Forbidden", Status: 403}, []string{"HTTP 403 Forbidden", "needs a login"}, loginFix},
		{"404", nil, &source.Error{Source: url, Reason: "HTTP 404 Not Found", Status: 404}, []string{"HTTP 404 Not Found"}, goneFix},
		{"500", nil, &source.Error{Source: url, Reason: "HTTP 500 Internal Server Error", Status: 500}, []string{"HTTP 500"}, laterFix},
		{"timeout", nil, timeout, []string{"timed out after 2s"}, laterFix},
		{"over the cap", nil, &source.Error{Source: url, Reason: "too large: over the 5 MiB limit for metadata", Err: source.ErrTooLarge}, []string{"too large"}, samlcheck.DriftTable().Checks()[0].Fix},
		{"login page", []byte(samltest.LoginPage), nil, []string{"answered with a sign-in page", `titled "JumpCloud – Admin Login"`, "not metadata"}, loginFix},
		{"not metadata", []byte(`<?xml version="1.0"?><note>hello</note>`), nil, []string{"not an IdP's metadata", "metadata.root"}, samlcheck.DriftTable().Checks()[0].Fix},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, fresh := Refetched(context.Background(), saved, url, tc.body, tc.err, opts)
			if fresh != nil {
				t.Errorf("a failed re-fetch gives a fresh report")
			}
			if len(fs) != 1 {
				t.Fatalf("%d findings, want drift.fetch-failed alone: %+v", len(fs), fs)
			}
			assertFindings(t, fs, sevs{samlcheck.IDDriftFetchFailed: samlcheck.SeverityWarn}, tc.say)
			if fs[0].Fix != tc.fix {
				t.Errorf("fix %q, want %q", fs[0].Fix, tc.fix)
			}
			if strings.ContainsAny(fs[0].Message, "\n\r") {
				t.Errorf("message is not one line: %q", fs[0].Message)
			}
		})
	}
	t.Run("metadata", func(t *testing.T) {
		other := samltest.NewKeyPair(t, 1, samltest.CertOptions{Bits: 2048})
		body := samltest.Metadata(other, samltest.MetadataOptions{EntityID: saved.EntityID, SSOURL: saved.SSOURL})
		fs, fresh := Refetched(context.Background(), saved, url, body, nil, opts)
		if fresh == nil || len(fresh.IdP.Certificates) != 1 {
			t.Fatalf("fresh report %+v", fresh)
		}
		if len(fs) != len(samlcheck.DriftTable().Checks()) {
			t.Fatalf("%d findings, want one per check: %+v", len(fs), fs)
		}
		assertFindings(t, fs, sevs{samlcheck.IDDriftFetchFailed: samlcheck.SeverityPass, samlcheck.IDDriftCertRotated: samlcheck.SeverityFail},
			[]string{samlcheck.FingerprintSHA256(kp.Cert), samlcheck.FingerprintSHA256(other.Cert)})
	})
}
