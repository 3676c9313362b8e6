package testidp_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// TestACSChoice: the request's ACS URL when it is configured, else the
// default (the first); AlwaysDefaultACS always the first. Destination and
// Recipient follow the URL used.
func TestACSChoice(t *testing.T) {
	acs := []string{"https://sp.example/acs", "https://sp.example/acs2"}
	for _, tc := range []struct {
		always    bool
		requested string
		want      string
	}{
		{false, acs[1], acs[1]},
		{false, "https://other.example/acs", acs[0]},
		{false, "", acs[0]},
		{true, acs[1], acs[0]},
	} {
		idp := startIdP(t, testidp.Options{AlwaysDefaultACS: tc.always, SSO: testidp.SSOSettings{ACSURLs: acs}})
		got, err := idp.Issue(testidp.DefaultEmail, testidp.SignIn{RequestID: "_req1", ACSURL: tc.requested})
		if err != nil {
			t.Fatal(err)
		}
		xml := string(got.XML)
		if got.ACSURL != tc.want || !strings.Contains(xml, `Destination="`+tc.want+`"`) || !strings.Contains(xml, `Recipient="`+tc.want+`"`) {
			t.Errorf("always=%t requested %q: posted to %q, want %q", tc.always, tc.requested, got.ACSURL, tc.want)
		}
	}
	// Through the sign-on URL: the AuthnRequest's AssertionConsumerServiceURL.
	idp := startIdP(t, testidp.Options{SSO: testidp.SSOSettings{ACSURLs: acs}})
	req := `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r2" Version="2.0" AssertionConsumerServiceURL="` + acs[1] + `"><saml:Issuer>` + spEntityID + `</saml:Issuer></samlp:AuthnRequest>`
	v, _ := testidp.RedirectForm([]byte(req))
	b := newBrowser(t, idp)
	page := b.SignIn(b.Get(idp.SSOURL()+"?SAMLRequest="+url.QueryEscape(string(v))+"&RelayState=r"), testidp.DefaultEmail, "pw")
	if !strings.Contains(page.Body, `<form id="saml-post" method="post"`) || !strings.Contains(page.Body, `document.getElementById("saml-post").submit()`) {
		t.Errorf("the response page does not submit itself:\n%s", page.Body)
	}
	if f := page.FormWith(t, "SAMLResponse"); f.Action != acs[1] || f.Fields.Get("RelayState") != "r" || !strings.Contains(decodeResponse(t, f), `InResponseTo="_r2"`) {
		t.Errorf("posted to %q with %v", f.Action, f.Fields.Get("RelayState"))
	}
}

// TestIssueAppliesTheSSOTab: NameID source and format, attributes, the
// fixed clock, the Conditions window, and Configure changing them live.
func TestIssueAppliesTheSSOTab(t *testing.T) {
	users := []testidp.User{{Email: "alice@acmecorp.com", FirstName: "Alice", LastName: "Smith", Username: "asmith", Groups: []string{"sso-users", "admins"}}}
	idp := startIdP(t, testidp.Options{Clock: fixedClock, Users: users, SSO: testidp.SSOSettings{
		NameID: testidp.FieldUsername, NameIDFormat: testidp.NameIDPersistent,
		Attributes: []testidp.AttributeMapping{{Name: "mail", Field: "email"}, {Name: "memberOf", Field: "groups"}},
	}})
	got, err := idp.Issue("alice@acmecorp.com", testidp.SignIn{})
	if err != nil {
		t.Fatal(err)
	}
	xml := string(got.XML)
	for _, want := range []string{
		`<saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">asmith</saml2:NameID>`,
		`Name="mail"`, `>alice@acmecorp.com</saml2:AttributeValue>`, `Name="memberOf"`, `>sso-users<`, `>admins<`,
		`IssueInstant="2025-06-02T10:00:00Z"`, `NotBefore="2025-06-02T09:55:00Z" NotOnOrAfter="2025-06-02T10:05:00Z"`,
		`<saml2:Issuer>jumpcloud-testapp</saml2:Issuer>`, `<saml2:Audience>https://sp.example</saml2:Audience>`,
	} {
		if !strings.Contains(xml, want) {
			t.Errorf("response lacks %s", want)
		}
	}
	next := idp.Settings()
	next.SPEntityID, next.IdPEntityID = "https://sp2.example", "jumpcloud-acme"
	if err := idp.Configure(next); err != nil {
		t.Fatal(err)
	}
	got, _ = idp.Issue("alice@acmecorp.com", testidp.SignIn{})
	if !strings.Contains(string(got.XML), ">https://sp2.example</saml2:Audience>") || !strings.Contains(string(idp.Metadata()), `entityID="jumpcloud-acme"`) {
		t.Error("Configure did not reach the response and the metadata")
	}
	bad := next
	bad.ACSURLs = nil
	if err := idp.Configure(bad); err == nil || idp.Settings().SPEntityID != "https://sp2.example" {
		t.Errorf("invalid settings: %v, kept %q", err, idp.Settings().SPEntityID)
	}
}

// TestFaultsShapeTheResponse checks what each response-level fault changes,
// at the fixed clock.
func TestFaultsShapeTheResponse(t *testing.T) {
	for _, tc := range []struct {
		fault      testidp.Fault
		has, lacks []string
	}{
		{testidp.FaultPlaceholderEntityID, []string{"<saml2:Issuer>IdP Entity ID</saml2:Issuer>"}, []string{"jumpcloud-testapp"}},
		{testidp.FaultEmailMismatch, []string{">alice.alt@acmecorp.com</saml2:NameID>", ">alice.alt@acmecorp.com</saml2:AttributeValue>"}, []string{">alice@"}},
		{testidp.FaultClockSkew, []string{`IssueInstant="2025-06-02T10:10:00Z"`}, nil},
		{testidp.FaultWrongAudience, []string{"<saml2:Audience>https://sp.exampel</saml2:Audience>"}, nil},
		{testidp.FaultWrongACS, []string{`Destination="http://127.0.0.1:9000/asc"`, `Recipient="http://127.0.0.1:9000/asc"`}, nil},
		{testidp.FaultSHA1, []string{"xmldsig#rsa-sha1", "xmldsig#sha1"}, []string{"rsa-sha256"}},
		{testidp.FaultIdPInitiatedOnly, nil, []string{"InResponseTo"}},
	} {
		idp := startIdP(t, testidp.Options{Clock: fixedClock, Faults: []testidp.Fault{tc.fault},
			SSO: testidp.SSOSettings{Attributes: []testidp.AttributeMapping{{Name: "email", Field: "email"}}}})
		got, err := idp.Issue(testidp.DefaultEmail, testidp.SignIn{RequestID: "_req"})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tc.has {
			if !strings.Contains(string(got.XML), s) {
				t.Errorf("%s: response lacks %s", tc.fault, s)
			}
		}
		for _, s := range tc.lacks {
			if strings.Contains(string(got.XML), s) {
				t.Errorf("%s: response has %s", tc.fault, s)
			}
		}
	}
	signed := map[testidp.Fault][2]bool{
		"":                         {true, true},
		testidp.FaultAssertionOnly: {true, false},
		testidp.FaultResponseOnly:  {false, true},
		testidp.FaultUnsigned:      {false, false},
	}
	for f, want := range signed {
		o := testidp.Options{}
		if f != "" {
			o.Faults = []testidp.Fault{f}
		}
		got, err := startIdP(t, o).Issue(testidp.DefaultEmail, testidp.SignIn{})
		if err != nil {
			t.Fatal(err)
		}
		if got.SignedAssertion != want[0] || got.SignedResponse != want[1] {
			t.Errorf("%q: signed assertion %t response %t", f, got.SignedAssertion, got.SignedResponse)
		}
	}
}

// TestRotatedAndExpiredCertificates: rotated-cert publishes the old
// certificate and signs with the new key (FreshMetadata shows it);
// expired-cert's certificate ended before the IdP's now.
func TestRotatedAndExpiredCertificates(t *testing.T) {
	idp := startIdP(t, testidp.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	oldB64 := samltest.KeyPair{Cert: idp.PublishedCertificate()}.CertBase64()
	newB64 := samltest.KeyPair{Cert: idp.SigningCertificate()}.CertBase64()
	if oldB64 == newB64 || !strings.Contains(string(idp.Metadata()), oldB64) || !strings.Contains(string(idp.FreshMetadata()), newB64) {
		t.Error("rotated-cert: the metadata does not show the old certificate, or the fresh one the new")
	}
	got, _ := idp.Issue(testidp.DefaultEmail, testidp.SignIn{})
	if !strings.Contains(string(got.XML), newB64) {
		t.Error("rotated-cert: the response is not signed by the new certificate")
	}
	exp := startIdP(t, testidp.Options{Clock: fixedClock, Faults: []testidp.Fault{testidp.FaultExpiredCert}})
	if c := exp.SigningCertificate(); !c.NotAfter.Before(fixedClock()) || !c.NotAfter.Equal(c.NotBefore.AddDate(5, 0, 0)) {
		t.Errorf("expired-cert: valid %s to %s", c.NotBefore, c.NotAfter)
	}
}
