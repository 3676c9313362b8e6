package metadata

import (
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// FuzzCheckMetadata: any input gives a report whose ok follows its
// findings, each with an id and a known severity, and a fix on every fail
// or warning; never a panic or a hang.
func FuzzCheckMetadata(f *testing.F) {
	for _, s := range samltest.MetadataSeeds(f, xmlsafe.MaxXMLAttrs) {
		f.Add(s)
	}
	opts := Options{Now: testNow, IdPEntityID: "jumpcloud-acmecorp", SPEntityID: "https://sp.example", ACSURL: "https://sp.example/acs"}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Check(data, opts)
		if r == nil || len(r.Findings) == 0 {
			t.Fatal("no findings")
		}
		if r.OK != r.Findings.OK() {
			t.Fatalf("ok = %t, findings say %t", r.OK, r.Findings.OK())
		}
		for _, fd := range r.Findings {
			switch fd.Severity {
			case samlcheck.SeverityPass, samlcheck.SeverityInfo:
			case samlcheck.SeverityWarn, samlcheck.SeverityFail:
				if fd.Fix == "" {
					t.Fatalf("%s %s has no fix", fd.Severity, fd.ID)
				}
			default:
				t.Fatalf("finding %s has severity %q", fd.ID, fd.Severity)
			}
			if fd.ID == "" || fd.Message == "" {
				t.Fatalf("finding without id or message: %+v", fd)
			}
		}
	})
}
