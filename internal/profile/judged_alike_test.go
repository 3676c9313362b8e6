package profile_test

import (
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// An ACS URL the wizard and `setup --yes` accept (CheckACSURL) is one
// `jcsso check --acs-url` passes, and the other way round. An external test
// package: the fixtures (samltest) read profiles themselves.
func TestACSURLJudgedAlikeByWizardAndCheck(t *testing.T) {
	md := samltest.Metadata(samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.MetadataOptions{})
	for _, u := range []string{
		"https://acme.example/acs", "http://localhost/acs", "http://app.localhost/acs", "http://127.0.0.1:8080/acs",
		"http://acme.example/acs", "http://localhost.acme.example/acs", "ftp://acme.example/acs", "/acs",
	} {
		wizard := profile.CheckACSURL(u) == nil
		rep := metadata.Check(md, metadata.Options{ACSURL: u})
		acs := rep.Findings.ByID(samlcheck.IDACSURL)
		check := len(acs) == 1 && acs[0].Severity == samlcheck.SeverityPass
		if wizard != check {
			t.Errorf("%s: the wizard says ok=%v, check says ok=%v (%v)", u, wizard, check, acs)
		}
	}
}
