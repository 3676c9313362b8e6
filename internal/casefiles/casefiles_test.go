package casefiles_test

import (
	"os"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// TestCaseFiles: a case holds what the doc says: a saved configuration
// that reads back, a HAR with one SAMLResponse among secrets, one with
// none; an unbound user gets only the latter; a rotation's fresh metadata
// differs from what the service provider was given.
func TestCaseFiles(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{Profile: "vome", Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	cfg, err := ssoconfig.Read(f.Config)
	if err != nil || cfg.Profile != "vome" || cfg.ServiceProvider.EntityID != casefiles.GeneratedSPEntityID {
		t.Fatalf("config %+v, %v", cfg, err)
	}
	har, _ := os.ReadFile(f.HAR)
	c, err := response.ParseCapture(har)
	if err != nil || len(c.Responses) != 1 || c.Responses[0].Time != f.SentAt.Format("2006-01-02T15:04:05.000Z") {
		t.Fatalf("capture %+v, %v", c, err)
	}
	for _, s := range casefiles.Secrets {
		if !strings.Contains(string(har), s) {
			t.Errorf("the HAR lacks %s, so tests could not catch it leaking", s)
		}
	}
	empty, _ := os.ReadFile(f.NoResponseHAR)
	if c, err := response.ParseCapture(empty); err != nil || len(c.Responses) != 0 {
		t.Errorf("no-access capture %+v, %v", c, err)
	}
	old, _ := os.ReadFile(f.Metadata)
	fresh, _ := os.ReadFile(f.FreshMetadata)
	if string(old) == string(fresh) {
		t.Error("after a rotation the fresh metadata is the old one")
	}
	u := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultUnboundUser}})
	if u.HAR != "" || u.Response != "" || u.NoResponseHAR == "" {
		t.Errorf("unbound user: %+v", u)
	}
}
