package acs_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// ssoBoth is a JumpCloud-shaped pair of sign-on endpoints; the query shows
// that one the IdP's URL already has is kept.
var ssoBoth = []samlcheck.Endpoint{
	{Binding: rules.BindingPOST, URL: "https://sso.example/saml2/app?tenant=1"},
	{Binding: rules.BindingRedirect, URL: "https://sso.example/saml2/app?tenant=1"},
}

func start(t *testing.T, o acs.Options) *acs.Session {
	t.Helper()
	if o.SPEntityID == "" {
		o.SPEntityID = spEntityID
	}
	if o.SSO == nil {
		o.SSO = ssoBoth
	}
	s, err := acs.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// noRedirects is a client that shows a redirect instead of following it.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// TestRedirectRequest: by HTTP-Redirect the login URL redirects to the
// sign-on URL with the request raw-DEFLATEd, base64'd and URL-encoded, a
// short URL-safe RelayState, no signature, and the endpoint's own query
// kept; the request names the test ACS URL, the SP entity ID and the
// NameID format, and asks for the POST binding.
func TestRedirectRequest(t *testing.T) {
	s := start(t, acs.Options{NameIDFormat: profile.NameIDFormatEmail})
	if s.Binding() != acs.BindingRedirect {
		t.Fatalf("binding %q, want redirect when the metadata offers it", s.Binding())
	}
	resp, err := noRedirects.Get(s.LoginURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != s.RedirectURL() || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("login URL: %d to %q (%q), want 302 to %q", resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Cache-Control"), s.RedirectURL())
	}
	u, err := url.Parse(s.RedirectURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Host != "sso.example" || u.Path != "/saml2/app" || q.Get("tenant") != "1" {
		t.Errorf("redirect URL %s lost the endpoint or its query", u)
	}
	if q.Has("Signature") || q.Has("SigAlg") {
		t.Error("the request is signed; JumpCloud does not want signed requests")
	}
	relay := q.Get("RelayState")
	if relay != s.RelayState() || len(relay) > 80 || !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(relay) {
		t.Errorf("RelayState %q: want the session's, short and URL-safe", relay)
	}
	raw, err := base64.StdEncoding.DecodeString(q.Get("SAMLRequest"))
	if err != nil {
		t.Fatalf("SAMLRequest is not base64: %v", err)
	}
	xml, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatalf("SAMLRequest is not raw DEFLATE: %v", err)
	}
	if !bytes.Equal(xml, s.RequestXML()) {
		t.Errorf("the redirect carries another request than RequestXML")
	}
	req := parseRequest(t, xml)
	for attr, want := range map[string]string{
		"ID": s.RequestID(), "Version": "2.0", "Destination": ssoBoth[1].URL,
		"AssertionConsumerServiceURL": s.ACSURL(), "ProtocolBinding": rules.BindingPOST,
	} {
		if got := req.SelectAttrValue(attr, ""); got != want {
			t.Errorf("%s = %q, want %q", attr, got, want)
		}
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(req.SelectAttrValue("IssueInstant", "")) {
		t.Errorf("IssueInstant %q", req.SelectAttrValue("IssueInstant", ""))
	}
	if iss := req.SelectElement("Issuer"); iss == nil || iss.Text() != spEntityID || iss.NamespaceURI() != "urn:oasis:names:tc:SAML:2.0:assertion" {
		t.Errorf("Issuer %v", iss)
	}
	if p := req.SelectElement("NameIDPolicy"); p == nil || p.SelectAttrValue("Format", "") != profile.NameIDFormatEmail {
		t.Errorf("NameIDPolicy %v", p)
	}
	if req.FindElement("//Signature") != nil {
		t.Error("the request carries a signature")
	}
}

// TestPostRequest: by HTTP-POST (forced, or when the metadata offers only
// POST) the login URL is the listener's own auto-submitting form to the
// sign-on URL, with the request base64'd (not DEFLATEd); without a NameID
// format the NameIDPolicy names none.
func TestPostRequest(t *testing.T) {
	for name, o := range map[string]acs.Options{
		"forced":    {Binding: acs.BindingPOST},
		"POST only": {SSO: ssoBoth[:1]},
	} {
		t.Run(name, func(t *testing.T) {
			s := start(t, o)
			if s.Binding() != acs.BindingPOST || s.RedirectURL() != "" || s.SSOURL() != ssoBoth[0].URL {
				t.Fatalf("binding %q, redirect %q, SSO %q", s.Binding(), s.RedirectURL(), s.SSOURL())
			}
			page := samltest.NewBrowser(t, nil)
			// The browser would follow the form to the IdP; read the form itself.
			page.Client.CheckRedirect = noRedirects.CheckRedirect
			p := page.Get(s.LoginURL())
			f := p.FormWith(t, "SAMLRequest")
			if p.Status != http.StatusOK || f.Method != http.MethodPost || f.Action != ssoBoth[0].URL || f.Fields.Get("RelayState") != s.RelayState() {
				t.Fatalf("form %+v (status %d)", f, p.Status)
			}
			if !strings.Contains(p.Body, ".submit()") {
				t.Error("the form does not submit itself")
			}
			xml, err := base64.StdEncoding.DecodeString(f.Fields.Get("SAMLRequest"))
			if err != nil || !bytes.Equal(xml, s.RequestXML()) {
				t.Fatalf("SAMLRequest is not the base64 of the request: %v", err)
			}
			if pol := parseRequest(t, xml).SelectElement("NameIDPolicy"); pol == nil || pol.SelectAttr("Format") != nil {
				t.Errorf("NameIDPolicy %v, want one without Format", pol)
			}
		})
	}
}

// TestFreshRequestIDs: every session sends a request of its own.
func TestFreshRequestIDs(t *testing.T) {
	a, b := start(t, acs.Options{}), start(t, acs.Options{})
	if a.RequestID() == b.RequestID() || a.RelayState() == b.RelayState() || !strings.HasPrefix(a.RequestID(), "_") {
		t.Errorf("request IDs %q and %q, RelayStates %q and %q", a.RequestID(), b.RequestID(), a.RelayState(), b.RelayState())
	}
}

func parseRequest(t *testing.T, xml []byte) *etree.Element {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(xml); err != nil {
		t.Fatalf("the request is not XML: %v", err)
	}
	req := doc.Root()
	if req == nil || req.Tag != "AuthnRequest" || req.NamespaceURI() != "urn:oasis:names:tc:SAML:2.0:protocol" {
		t.Fatalf("not an AuthnRequest: %s", xml)
	}
	return req
}
