package metadata

import (
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// TestPassNamesTheScheme: a passing acs.url or sso.url never calls a
// plain-http URL (accepted only to a loopback host, for local tests) an
// https one.
func TestPassNamesTheScheme(t *testing.T) {
	for _, tc := range []struct {
		acs, sso string
		id, say  string
	}{
		{acs: "http://app.localhost/acs", id: samlcheck.IDACSURL, say: "plain-http URL to a loopback host"},
		{acs: "http://127.0.0.1:18300/acs", id: samlcheck.IDACSURL, say: "plain-http URL to a loopback host"},
		{acs: "https://prod-api.avoma.com/saml2/acs", id: samlcheck.IDACSURL, say: "is an https URL"},
		{sso: "http://127.0.0.1:18301/saml2/acmecorp", id: samlcheck.IDSSOURL, say: "plain http to a loopback host"},
	} {
		opts := goodOpts()
		if tc.acs != "" {
			opts.ACSURL = tc.acs
		}
		r := Check(samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{SSOURL: tc.sso}), opts)
		fs := r.Findings.ByID(tc.id)
		if len(fs) != 1 || fs[0].Severity != samlcheck.SeverityPass || !strings.Contains(fs[0].Message, tc.say) {
			t.Errorf("%s with acs %q, sso %q: %+v, want a pass saying %q", tc.id, tc.acs, tc.sso, fs, tc.say)
		}
	}
}

// TestAppNameAsPeopleCopyIt: --app-name given as the application's IdP URL
// the way a person copies it (a trailing slash, http, no scheme, any case
// of the host) names the application; a URL of another form says so, and
// never that no name was given.
func TestAppNameAsPeopleCopyIt(t *testing.T) {
	doc := samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{})
	for given, want := range map[string]string{
		"https://sso.jumpcloud.com/saml2/acmecorp/":  `"acmecorp", as expected`,
		"http://sso.jumpcloud.com/saml2/acmecorp":    `"acmecorp", as expected`,
		"HTTPS://SSO.JumpCloud.com/saml2/acmecorp//": `"acmecorp", as expected`,
		"sso.jumpcloud.com/saml2/acmecorp":           `"acmecorp", as expected`,
		" acmecorp/ ":                                `"acmecorp", as expected`,
		"https://sso.jumpcloud.com/saml2/othercrm/":  `expected "othercrm"`,
		"https://example.com/saml2/acmecorp":         "is a URL but not a JumpCloud IdP URL",
	} {
		opts := goodOpts()
		opts.AppName = given
		fs := Check(doc, opts).Findings.ByID(samlcheck.IDSSOAppName)
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) || strings.Contains(fs[0].Message, "was not given") {
			t.Errorf("--app-name %q: %+v, want a finding saying %q", given, fs, want)
		}
	}
}

// TestAppNameFixNamesTheFlagOnlyWhereTaken: sso.app-name's warning tells
// the user to give the name with --app-name only when the caller has that
// flag (jcsso check); the wizard, which has none, is not told to.
func TestAppNameFixNamesTheFlagOnlyWhereTaken(t *testing.T) {
	doc := samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{SSOURL: "https://sso.jumpcloud.com/saml2/othercrm"})
	for _, ins := range []samlcheck.Inputs{{samlcheck.InputAppName: "--app-name"}, nil} {
		opts := goodOpts()
		opts.Inputs = ins
		fs := Check(doc, opts).Findings.ByID(samlcheck.IDSSOAppName)
		if len(fs) != 1 || fs[0].Severity != samlcheck.SeverityWarn || !strings.Contains(fs[0].Fix, "can be ignored") {
			t.Fatalf("inputs %v: %+v", ins, fs)
		}
		if got := strings.Contains(fs[0].Fix, "--app-name"); got != (ins != nil) {
			t.Errorf("inputs %v: the fix names --app-name %v: %q", ins, got, fs[0].Fix)
		}
	}
}
