package drift

import (
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

const testSSO = "https://sso.jumpcloud.com/saml2/acme"

var testSaved = SavedIdP{EntityID: "jumpcloud-acme", SSOURL: testSSO, CertSHA256: []string{"AA:BB:CC"}, Redirect: true}

// freshReport is a checked fresh report with the given entityID, sign-on
// URL (both bindings unless postOnly) and certificates by fingerprint,
// valid 2026-01-01 to 2031-01-01.
func freshReport(entityID, url string, postOnly bool, fps ...string) *metadata.Report {
	r := &metadata.Report{IdP: samlcheck.IdPInfo{EntityID: entityID}}
	if url != "" {
		r.IdP.SSO = []samlcheck.Endpoint{{Binding: rules.BindingPOST, URL: url}}
		if !postOnly {
			r.IdP.SSO = append(r.IdP.SSO, samlcheck.Endpoint{Binding: rules.BindingRedirect, URL: url})
		}
	}
	for _, fp := range fps {
		r.IdP.Certificates = append(r.IdP.Certificates, samlcheck.CertInfo{SHA256: fp,
			NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	return r
}

type sevs = map[string]samlcheck.Severity

func TestCompare(t *testing.T) {
	const (
		pass = samlcheck.SeverityPass
		info = samlcheck.SeverityInfo
		warn = samlcheck.SeverityWarn
		fail = samlcheck.SeverityFail
	)
	for _, tc := range []struct {
		name  string
		saved SavedIdP
		fresh *metadata.Report
		want  sevs
		say   []string
	}{
		{"unchanged", testSaved, freshReport("jumpcloud-acme", testSSO, false, "aa:bb:cc"),
			sevs{samlcheck.IDDriftEntityIDChanged: pass, samlcheck.IDDriftSSOURLChanged: pass, samlcheck.IDDriftCertRotated: pass, samlcheck.IDDriftCertAdded: pass, samlcheck.IDDriftRedirectRemoved: pass}, nil},
		{"rotated", testSaved, freshReport("jumpcloud-acme", testSSO, false, "DD:EE:FF"),
			sevs{samlcheck.IDDriftCertRotated: fail, samlcheck.IDDriftCertAdded: info},
			[]string{"service provider's copy, SHA-256 AA:BB:CC, is stale", "publishes SHA-256 DD:EE:FF (valid 2026-01-01 to 2031-01-01)", "until the service provider has the fresh metadata"}},
		// A rollover begun is drift.cert-added, and not also a rotation.
		{"certificate added", testSaved, freshReport("jumpcloud-acme", testSSO, false, "AA:BB:CC", "DD:EE:FF"),
			sevs{samlcheck.IDDriftCertRotated: pass, samlcheck.IDDriftCertAdded: warn},
			[]string{"new signing certificate, SHA-256 DD:EE:FF (valid 2026-01-01 to 2031-01-01), beside the saved SHA-256 AA:BB:CC"}},
		{"entity ID", testSaved, freshReport("jumpcloud-other", testSSO, false, "AA:BB:CC"),
			sevs{samlcheck.IDDriftEntityIDChanged: fail}, []string{`"jumpcloud-acme"`, `"jumpcloud-other"`}},
		{"sign-on URL", testSaved, freshReport("jumpcloud-acme", "https://sso.jumpcloud.com/saml2/other", false, "AA:BB:CC"),
			sevs{samlcheck.IDDriftSSOURLChanged: fail}, []string{testSSO, "saml2/other"}},
		{"redirect removed", testSaved, freshReport("jumpcloud-acme", testSSO, true, "AA:BB:CC"),
			sevs{samlcheck.IDDriftRedirectRemoved: warn}, []string{"offers only HTTP-POST", "Declare Redirect Endpoint"}},
		{"post only then and now", SavedIdP{EntityID: "jumpcloud-acme", SSOURL: testSSO, CertSHA256: []string{"AA:BB:CC"}}, freshReport("jumpcloud-acme", testSSO, true, "AA:BB:CC"),
			sevs{samlcheck.IDDriftRedirectRemoved: info}, nil},
		{"nothing to compare", testSaved, freshReport("", "", false),
			sevs{samlcheck.IDDriftEntityIDChanged: info, samlcheck.IDDriftSSOURLChanged: info, samlcheck.IDDriftCertRotated: info, samlcheck.IDDriftCertAdded: info, samlcheck.IDDriftRedirectRemoved: info}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Compare(tc.saved, tc.fresh)
			if len(fs) != len(samlcheck.DriftTable().Checks())-1 {
				t.Fatalf("%d findings, want one per check but drift.fetch-failed: %+v", len(fs), fs)
			}
			if got := fs.ByID(samlcheck.IDDriftFetchFailed); len(got) != 0 {
				t.Errorf("Compare reports %s: %+v", samlcheck.IDDriftFetchFailed, got)
			}
			assertFindings(t, fs, tc.want, tc.say)
		})
	}
}

// assertFindings checks one finding per id of want at its severity, with
// a fix for each problem, and that the messages say every say.
func assertFindings(t *testing.T, fs samlcheck.Findings, want sevs, say []string) {
	t.Helper()
	for id, sev := range want {
		got := fs.ByID(id)
		if len(got) != 1 {
			t.Fatalf("%d %s findings, want 1: %+v", len(got), id, fs)
		}
		f := got[0]
		if f.Severity != sev {
			t.Errorf("%s = %s (%s), want %s", id, f.Severity, f.Message, sev)
		}
		if f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() && f.Fix == "" {
			t.Errorf("%s %s has no fix", id, sev)
		}
	}
	all := ""
	for _, f := range fs {
		all += f.Message + "\n"
	}
	for _, s := range say {
		if !strings.Contains(all, s) {
			t.Errorf("messages lack %q:\n%s", s, all)
		}
	}
}
