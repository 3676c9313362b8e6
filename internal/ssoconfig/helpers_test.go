package ssoconfig

import (
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

var testNow = time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)

// report is a hand-made check result for JumpCloud-shaped metadata, so
// these tests do not depend on the checks themselves.
func report(t *testing.T, entityID string, findings ...samlcheck.Finding) (*metadata.Report, []byte) {
	t.Helper()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	md := samltest.Metadata(kp, samltest.MetadataOptions{EntityID: entityID})
	if findings == nil {
		findings = samlcheck.Findings{{ID: "metadata.entity_id", Severity: samlcheck.SeverityPass}}
	}
	return &metadata.Report{
		Source: "JumpCloud-test-metadata.xml",
		OK:     samlcheck.Findings(findings).OK(),
		IdP: samlcheck.IdPInfo{
			EntityID: entityID,
			SSO: []samlcheck.Endpoint{
				{Binding: rules.BindingPOST, URL: "https://sso.jumpcloud.com/saml2/acmecorp"},
				{Binding: rules.BindingRedirect, URL: "https://sso.jumpcloud.com/saml2/acmecorp"},
			},
			Certificates: []samlcheck.CertInfo{samlcheck.NewCertInfo(kp.Cert)},
		},
		Findings: findings,
	}, md
}

func mustProfile(t *testing.T, id string) *profile.Profile {
	t.Helper()
	p, ok := profile.Builtin(id)
	if !ok {
		t.Fatalf("no built-in profile %s", id)
	}
	return p
}

func avomaAnswers() Answers {
	return Answers{
		ProfileID:     "avoma",
		Org:           "acmecorp",
		IdPEntityID:   "jumpcloud-acmecorp",
		MetadataURL:   "https://sso.jumpcloud.com/saml2/metadata/0123abcd",
		UsersNotified: true,
	}
}

func vomeAnswers() Answers {
	return Answers{
		ProfileID:      "vome",
		Org:            "acmecorp",
		SPEntityID:     "https://app.vome.test/saml/acme-7f3a",
		ACSURLs:        []string{"https://app.vome.test/saml/acme-7f3a/acs"},
		IdPEntityID:    "jumpcloud-acmecorp",
		EnforceSSO:     true,
		ExcludedAdmins: []string{"owner@acme.test", "it@acme.test"},
	}
}

func build(t *testing.T, id string, a Answers) *Bundle {
	t.Helper()
	rep, md := report(t, a.IdPEntityID)
	b, err := Build(mustProfile(t, id), a, md, rep, testNow)
	if err != nil {
		t.Fatalf("Build(%s): %v", id, err)
	}
	return b
}
