package drift

import (
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

func TestCompare(t *testing.T) {
	const sso = "https://sso.jumpcloud.com/saml2/acme"
	saved := SavedIdP{EntityID: "jumpcloud-acme", SSOURL: sso, CertSHA256: []string{"AA:BB:CC"}}
	report := func(entityID, url string, fps ...string) *metadata.Report {
		r := &metadata.Report{IdP: samlcheck.IdPInfo{EntityID: entityID}}
		if url != "" {
			r.IdP.SSO = []samlcheck.Endpoint{{Binding: rules.BindingPOST, URL: url}}
		}
		for _, fp := range fps {
			r.IdP.Certificates = append(r.IdP.Certificates, samlcheck.CertInfo{SHA256: fp})
		}
		return r
	}
	for _, tc := range []struct {
		name  string
		fresh *metadata.Report
		want  map[string]samlcheck.Severity
		say   []string
	}{
		{"unchanged", report("jumpcloud-acme", sso, "aa:bb:cc"),
			map[string]samlcheck.Severity{samlcheck.IDDriftEntityIDChanged: samlcheck.SeverityPass, samlcheck.IDDriftSSOURLChanged: samlcheck.SeverityPass, samlcheck.IDDriftCertRotated: samlcheck.SeverityPass}, nil},
		{"rotated", report("jumpcloud-acme", sso, "DD:EE:FF"),
			map[string]samlcheck.Severity{samlcheck.IDDriftCertRotated: samlcheck.SeverityFail}, []string{"saved one is SHA-256 AA:BB:CC", "fresh metadata's is SHA-256 DD:EE:FF"}},
		{"rotation begun", report("jumpcloud-acme", sso, "AA:BB:CC", "DD:EE:FF"),
			map[string]samlcheck.Severity{samlcheck.IDDriftCertRotated: samlcheck.SeverityWarn}, []string{"new signing certificate, SHA-256 DD:EE:FF"}},
		{"entity ID", report("jumpcloud-other", sso, "AA:BB:CC"),
			map[string]samlcheck.Severity{samlcheck.IDDriftEntityIDChanged: samlcheck.SeverityFail}, []string{`"jumpcloud-acme"`, `"jumpcloud-other"`}},
		{"sign-on URL", report("jumpcloud-acme", "https://sso.jumpcloud.com/saml2/other", "AA:BB:CC"),
			map[string]samlcheck.Severity{samlcheck.IDDriftSSOURLChanged: samlcheck.SeverityFail}, []string{sso, "saml2/other"}},
		{"nothing to compare", report("", ""),
			map[string]samlcheck.Severity{samlcheck.IDDriftEntityIDChanged: samlcheck.SeverityInfo, samlcheck.IDDriftSSOURLChanged: samlcheck.SeverityInfo, samlcheck.IDDriftCertRotated: samlcheck.SeverityInfo}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Compare(saved, tc.fresh)
			if len(fs) != len(samlcheck.DriftTable().Checks()) {
				t.Fatalf("%d findings, want one per check: %+v", len(fs), fs)
			}
			for id, sev := range tc.want {
				got := fs.ByID(id)
				if len(got) != 1 {
					t.Fatalf("%d %s findings, want 1", len(got), id)
				}
				f := got[0]
				if f.Severity != sev {
					t.Errorf("%s = %s (%s), want %s", id, f.Severity, f.Message, sev)
				}
				if (sev == samlcheck.SeverityFail || sev == samlcheck.SeverityWarn) && f.Fix == "" {
					t.Errorf("%s %s has no fix", id, sev)
				}
			}
			all := ""
			for _, f := range fs {
				all += f.Message + "\n"
			}
			for _, s := range tc.say {
				if !strings.Contains(all, s) {
					t.Errorf("messages lack %q:\n%s", s, all)
				}
			}
		})
	}
}
