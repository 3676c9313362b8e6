package samlcheck

import (
	"strings"
	"testing"
)

func TestCompareSaved(t *testing.T) {
	const sso = "https://sso.jumpcloud.com/saml2/acme"
	saved := SavedIdP{EntityID: "jumpcloud-acme", SSOURL: sso, CertSHA256: []string{"AA:BB:CC"}}
	report := func(entityID, url string, fps ...string) *MetadataReport {
		r := &MetadataReport{IdP: IdPInfo{EntityID: entityID}}
		if url != "" {
			r.IdP.SSO = []Endpoint{{Binding: BindingPOST, URL: url}}
		}
		for _, fp := range fps {
			r.IdP.Certificates = append(r.IdP.Certificates, CertInfo{SHA256: fp})
		}
		return r
	}
	for _, tc := range []struct {
		name  string
		fresh *MetadataReport
		want  map[string]Severity
		say   []string
	}{
		{"unchanged", report("jumpcloud-acme", sso, "aa:bb:cc"),
			map[string]Severity{IDDriftEntityID: SeverityPass, IDDriftSSOURL: SeverityPass, IDDriftCertRotated: SeverityPass}, nil},
		{"rotated", report("jumpcloud-acme", sso, "DD:EE:FF"),
			map[string]Severity{IDDriftCertRotated: SeverityFail}, []string{"saved one is SHA-256 AA:BB:CC", "fresh metadata's is SHA-256 DD:EE:FF"}},
		{"rotation begun", report("jumpcloud-acme", sso, "AA:BB:CC", "DD:EE:FF"),
			map[string]Severity{IDDriftCertRotated: SeverityWarn}, []string{"new signing certificate, SHA-256 DD:EE:FF"}},
		{"entity ID", report("jumpcloud-other", sso, "AA:BB:CC"),
			map[string]Severity{IDDriftEntityID: SeverityFail}, []string{`"jumpcloud-acme"`, `"jumpcloud-other"`}},
		{"sign-on URL", report("jumpcloud-acme", "https://sso.jumpcloud.com/saml2/other", "AA:BB:CC"),
			map[string]Severity{IDDriftSSOURL: SeverityFail}, []string{sso, "saml2/other"}},
		{"nothing to compare", report("", ""),
			map[string]Severity{IDDriftEntityID: SeverityInfo, IDDriftSSOURL: SeverityInfo, IDDriftCertRotated: SeverityInfo}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := CompareSaved(saved, tc.fresh)
			if len(fs) != len(DriftTable().Checks()) {
				t.Fatalf("%d findings, want one per check: %+v", len(fs), fs)
			}
			for id, sev := range tc.want {
				f := firstFinding(fs, id)
				if f.Severity != sev {
					t.Errorf("%s = %s (%s), want %s", id, f.Severity, f.Message, sev)
				}
				if (sev == SeverityFail || sev == SeverityWarn) && f.Fix == "" {
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
