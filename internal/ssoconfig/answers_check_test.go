package ssoconfig

import (
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
)

// checked is the real check of a JumpCloud-shaped export whose entityID is

// Continuing past the placeholder export keeps the IdP Entity ID the admin

// typed, records what the export said beside it, and NEXT-STEPS.md opens

// The placeholder gives one failure, worded for the profile: the exact IdP

// NEXT-STEPS.md points to the re-check that fetches and compares, lists

// every field entered (attributes, Declare Redirect Endpoint, the Display

// E-mail addresses name one admin whatever the domain's case, and the

// local part's case as the profile says the SP compares it.
func TestExcludedAdminsComparedAsTheSPDoes(t *testing.T) {
	p := mustProfile(t, "vome")
	a := vomeAnswers()
	a.ExcludedAdmins = []string{"Owner@AcmeCorp.org", "owner@acmecorp.org"}
	probs := CheckAnswers(p, a)
	if len(probs) != 1 || probs[0].Field != FieldExcludedAdmins || !strings.Contains(probs[0].Message, "same admin") {
		t.Fatalf("problems %+v", probs)
	}
	p.Access.EmailCaseSensitive = true
	if probs := CheckAnswers(p, a); len(probs) != 0 {
		t.Errorf("a case-sensitive SP: %+v", probs)
	}
	a.ExcludedAdmins = []string{"owner@ACMECORP.org", "owner@acmecorp.org"}
	if probs := CheckAnswers(p, a); len(probs) != 1 {
		t.Errorf("the domain's case never counts: %+v", probs)
	}
}

// A customizable profile's choices reach sso-config and NEXT-STEPS; a

// fixed profile refuses them.
func TestCustomizableChoicesAreWritten(t *testing.T) {
	a := vomeAnswers()
	a.ProfileID, a.ExcludedAdmins = "generic", nil
	a.AppName, a.NameID, a.NameIDFormat, a.Sign = "Acme CRM", "username", profile.NameIDFormatUnspecified, profile.SignAssertion
	a.Attributes = []profile.Attribute{{Name: "mail", JumpCloud: "email"}}
	a.ACSURLs = []string{"https://crm.acme.test/acs", "https://crm.acme.test/acs2"}
	b := build(t, "generic", a)
	s := b.Config.SAML
	if b.Config.ServiceProvider.Name != "Acme CRM" || s.NameID != "username" || s.NameIDFormat != profile.NameIDFormatUnspecified || s.Sign != profile.SignAssertion || len(s.Attributes) != 1 || s.Attributes["mail"] != "email" {
		t.Errorf("config %+v %+v", b.Config.ServiceProvider, s)
	}
	doc := string(b.NextSteps)
	for _, want := range []string{"Upload the metadata to Acme CRM", "| ACS URL 1 (default) | `https://crm.acme.test/acs` |", "| ACS URL 2 | `https://crm.acme.test/acs2` |", "| Sign | Assertion |", "| SAMLSubject NameID | username |"} {
		if !strings.Contains(doc, want) {
			t.Errorf("NEXT-STEPS.md lacks %q", want)
		}
	}
	if probs := CheckAnswers(mustProfile(t, "vome"), Answers{Org: "a", SPEntityID: "x", ACSURLs: []string{"https://x/acs"}, IdPEntityID: "y", Sign: profile.SignAssertion}); len(probs) != 1 || probs[0].Field != FieldSign {
		t.Errorf("vome took a Sign choice: %+v", probs)
	}
	// The app is named in JumpCloud and NEXT-STEPS names it: the wizard asks
	// first, and setup --yes needs --app-name (review item 21).
	unnamed := a
	unnamed.AppName = ""
	if probs := CheckAnswers(mustProfile(t, "generic"), unnamed); len(probs) != 1 || probs[0].Field != FieldAppName {
		t.Errorf("an unnamed generic app: %+v", probs)
	}
	a.Attributes = append(a.Attributes, profile.Attribute{Name: "mail", JumpCloud: "username"})
	if probs := CheckAnswers(mustProfile(t, "generic"), a); len(probs) != 1 || probs[0].Field != FieldAttributes {
		t.Errorf("a duplicate attribute: %+v", probs)
	}
}

// JumpCloud's placeholder is never taken as the IdP Entity ID.
func TestPlaceholderIsRefusedAsTheIdPEntityID(t *testing.T) {
	a := vomeAnswers()
	a.IdPEntityID = "IdP Entity ID"
	probs := CheckAnswers(mustProfile(t, "vome"), a)
	if len(probs) != 1 || probs[0].Field != FieldIdPEntityID || !strings.Contains(probs[0].Message, "placeholder") {
		t.Errorf("problems %+v", probs)
	}
}
