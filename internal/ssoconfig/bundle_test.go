package ssoconfig

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

func TestBuildAvoma(t *testing.T) {
	b := build(t, "avoma", avomaAnswers())
	c := b.Config
	if c.Version != 1 || c.Profile != "avoma" || c.Organization != "acmecorp" {
		t.Errorf("header = %d %q %q", c.Version, c.Profile, c.Organization)
	}
	if c.ServiceProvider.EntityID != "https://app.avoma.com" || !slices.Equal(c.ServiceProvider.ACSURLs, []string{"https://prod-api.avoma.com/saml2/acs"}) {
		t.Errorf("SP values = %+v", c.ServiceProvider)
	}
	idp := c.IdentityProvider
	if idp.EntityID != "jumpcloud-acmecorp" || idp.SSOBinding != rules.BindingRedirect || idp.MetadataFile != MetadataFile ||
		idp.MetadataURL != avomaAnswers().MetadataURL || len(idp.Certificates) != 1 {
		t.Errorf("IdP = %+v", idp)
	}
	if c.Access.Scope != "all_users" || !c.Access.EnforceSSO || !c.Access.UsersNotified {
		t.Errorf("access = %+v", c.Access)
	}
	if !c.Validation.OK || !c.Validation.CheckedAt.Equal(testNow) || len(c.Validation.Findings) != 1 {
		t.Errorf("validation = %+v", c.Validation)
	}
	if c.SAML.Attributes["firstname"] != "firstname" || c.SAML.Sign != "assertion_and_response" {
		t.Errorf("saml = %+v", c.SAML)
	}
	if !strings.Contains(string(b.SigningPEM), "BEGIN CERTIFICATE") {
		t.Error("signing PEM is empty")
	}
}

// Avoma's NEXT-STEPS is a message to support holding the two values
// exactly, then the warning that every session ends.
func TestNextStepsAvoma(t *testing.T) {
	ns := string(build(t, "avoma", avomaAnswers()).NextSteps)
	msgStart := strings.Index(ns, "```text")
	msgEnd := strings.Index(ns[msgStart+3:], "```")
	if msgStart < 0 || msgEnd < 0 {
		t.Fatalf("no message block in:\n%s", ns)
	}
	msg := ns[msgStart : msgStart+3+msgEnd]
	for _, want := range []string{
		"Metadata URL: https://sso.jumpcloud.com/saml2/metadata/0123abcd\n",
		"IdP Entity ID: jumpcloud-acmecorp\n",
		"confirm",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("support message lacks %q:\n%s", want, msg)
		}
	}
	for _, want := range []string{"Avoma's support team", "Wait for Avoma's confirmation", "every session ends", "jcsso inspect response.txt --config sso-config.yaml", "User Groups tab"} {
		if !strings.Contains(ns, want) {
			t.Errorf("NEXT-STEPS lacks %q", want)
		}
	}
	if strings.Contains(ns, "Upload `idp-metadata.xml`") {
		t.Error("Avoma's NEXT-STEPS tells the admin to upload the metadata file")
	}
}

func TestNextStepsVome(t *testing.T) {
	ns := string(build(t, "vome", vomeAnswers()).NextSteps)
	for _, want := range []string{
		"Upload the metadata to Vome",
		"Upload `idp-metadata.xml`",
		"Decide on enforcement",
		"You chose to **enforce SSO**",
		"- owner@acme.test\n- it@acme.test\n",
		"must match an admin who already exists in Vome",
		"jcsso inspect response.txt --config sso-config.yaml",
		"`https://app.vome.test/saml/acme-7f3a`",
	} {
		if !strings.Contains(ns, want) {
			t.Errorf("Vome NEXT-STEPS lacks %q:\n%s", want, ns)
		}
	}
	if strings.Contains(ns, "Metadata URL:") || strings.Contains(ns, "every session ends") {
		t.Error("Vome's NEXT-STEPS has Avoma's support flow")
	}
}

func TestNextStepsGeneric(t *testing.T) {
	a := vomeAnswers()
	a.ProfileID, a.EnforceSSO, a.ExcludedAdmins, a.AppName = "generic", false, nil, "Acme CRM"
	ns := string(build(t, "generic", a).NextSteps)
	for _, want := range []string{"Upload `idp-metadata.xml`", "not to enforce SSO yet", "No admin is excluded"} {
		if !strings.Contains(ns, want) {
			t.Errorf("generic NEXT-STEPS lacks %q:\n%s", want, ns)
		}
	}
}

func TestBuildRefusesUnresolvedFailures(t *testing.T) {
	fail := samlcheck.Finding{ID: "cert.expired", Severity: samlcheck.SeverityFail, Message: "expired", Fix: "renew"}
	rep, md := report(t, "jumpcloud-acmecorp", fail, samlcheck.Finding{ID: "metadata.entity_id", Severity: samlcheck.SeverityPass})
	p := mustProfile(t, "avoma")
	_, err := Build(p, avomaAnswers(), md, rep, testNow)
	if !errors.Is(err, ErrUnresolvedFailures) || !strings.Contains(err.Error(), "cert.expired") {
		t.Fatalf("Build with a failure = %v, want ErrUnresolvedFailures naming cert.expired", err)
	}
	a := avomaAnswers()
	a.Overridden = []string{"cert.expired", "not.a.failure"}
	b, err := Build(p, a, md, rep, testNow)
	if err != nil {
		t.Fatalf("Build with the failure overridden: %v", err)
	}
	v := b.Config.Validation
	if v.OK || !slices.Equal(v.Overridden, []string{"cert.expired"}) {
		t.Errorf("validation = %+v, want ok false and only cert.expired overridden", v)
	}
	if !strings.Contains(string(b.NextSteps), "`cert.expired`") {
		t.Error("NEXT-STEPS does not mention the overridden finding")
	}
}

func TestBuildRefusesBadAnswers(t *testing.T) {
	cases := []struct {
		name  string
		id    string
		a     func() Answers
		field string
	}{
		{"avoma without metadata URL", "avoma", func() Answers { a := avomaAnswers(); a.MetadataURL = ""; return a }, FieldMetadataURL},
		{"avoma users not told", "avoma", func() Answers { a := avomaAnswers(); a.UsersNotified = false; return a }, FieldUsersNotified},
		{"avoma other SP entity ID", "avoma", func() Answers { a := avomaAnswers(); a.SPEntityID = "https://avoma.com"; return a }, FieldSPEntityID},
		{"vome IdP equals SP", "vome", func() Answers { a := vomeAnswers(); a.IdPEntityID = a.SPEntityID; return a }, FieldIdPEntityID},
		{"vome no ACS", "vome", func() Answers { a := vomeAnswers(); a.ACSURLs = nil; return a }, FieldACSURLs},
		{"vome http ACS", "vome", func() Answers { a := vomeAnswers(); a.ACSURLs = []string{"http://app.vome.test/acs"}; return a }, FieldACSURLs},
		{"vome bad excluded admin", "vome", func() Answers { a := vomeAnswers(); a.ExcludedAdmins = []string{"owner"}; return a }, FieldExcludedAdmins},
		{"no org", "generic", func() Answers { a := vomeAnswers(); a.Org = "  "; return a }, FieldOrg},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := mustProfile(t, c.id)
			a := c.a()
			probs := CheckAnswers(p, a)
			if !slices.ContainsFunc(probs, func(pr Problem) bool { return pr.Field == c.field }) {
				t.Errorf("CheckAnswers = %+v, want a problem on %s", probs, c.field)
			}
			rep, md := report(t, "jumpcloud-acmecorp")
			if _, err := Build(p, a, md, rep, testNow); !errors.Is(err, ErrIncompleteAnswers) {
				t.Errorf("Build = %v, want ErrIncompleteAnswers", err)
			}
		})
	}
	if probs := CheckAnswers(mustProfile(t, "vome"), vomeAnswers()); len(probs) != 0 {
		t.Errorf("complete vome answers have problems: %+v", probs)
	}
}

func TestMetadataOptionsAndSPValues(t *testing.T) {
	o := MetadataOptions(mustProfile(t, "vome"), vomeAnswers(), testNow)
	if o.SPEntityID != "https://app.vome.test/saml/acme-7f3a" || o.ACSURL != "https://app.vome.test/saml/acme-7f3a/acs" ||
		o.IdPEntityID != "jumpcloud-acmecorp" || !o.Now.Equal(testNow) || o.NameIDNotEmail {
		t.Errorf("vome options = %+v", o)
	}
	if o.AppName != "vome" {
		t.Errorf("vome: AppName %q, want the wizard's IdP URL name", o.AppName)
	}
	if o := MetadataOptions(mustProfile(t, "generic"), vomeAnswers(), testNow); o.AppName != "" {
		t.Errorf("generic: AppName %q; its name is no Display Label, so no IdP URL is expected", o.AppName)
	}
	o = MetadataOptions(mustProfile(t, "avoma"), avomaAnswers(), testNow)
	if o.SPEntityID != "https://app.avoma.com" || o.ACSURL != "https://prod-api.avoma.com/saml2/acs" || o.AppName != "avoma" {
		t.Errorf("avoma options = %+v", o)
	}
}
