package testidp_test

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

const (
	spEntityID = "https://sp.example"
	acsURL     = "http://127.0.0.1:9000/acs"
)

// fixedClock is the fixtures' one test clock.
func fixedClock() time.Time { return testidp.DefaultIssueInstant }

func startIdP(t *testing.T, o testidp.Options) *testidp.Server {
	t.Helper()
	if o.SSO.SPEntityID == "" {
		o.SSO.SPEntityID = spEntityID
	}
	if o.SSO.ACSURLs == nil {
		o.SSO.ACSURLs = []string{acsURL}
	}
	return samltest.StartIdP(t, o)
}

// TestMetadataIsAJumpCloudExport: the metadata served is, byte for byte,
// the shape of a real export (elements, order, prefixes, attributes), with
// the Redirect binding only when Declare Redirect Endpoint is ticked.
func TestMetadataIsAJumpCloudExport(t *testing.T) {
	for _, redirect := range []bool{true, false} {
		idp := startIdP(t, testidp.Options{App: "avoma", SSO: testidp.SSOSettings{DeclareRedirectEndpoint: redirect}})
		cert := samltest.KeyPair{Cert: idp.SigningCertificate()}.CertBase64()
		sso := idp.BaseURL() + "/saml2/avoma"
		want := `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="jumpcloud-avoma">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` + cert + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="` + sso + `"/>
`
		if redirect {
			want += `    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="` + sso + `"/>
`
		}
		want += "  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n"
		resp := get(t, idp, idp.MetadataURL())
		if resp.status != http.StatusOK || resp.body != want {
			t.Errorf("redirect=%t: status %d, metadata\n%s\nwant\n%s", redirect, resp.status, resp.body, want)
		}
		if idp.SSOURL() != sso || idp.MetadataURL() != sso+"/metadata.xml" || idp.IdPInitiatedURL() != sso+"/idp-initiated" {
			t.Errorf("URLs: %s %s %s", idp.SSOURL(), idp.MetadataURL(), idp.IdPInitiatedURL())
		}
		// Someone who opens the server's root in a browser finds the URLs.
		if index := get(t, idp, idp.BaseURL()+"/"); index.status != http.StatusOK || !strings.Contains(index.body, idp.MetadataURL()) ||
			!strings.Contains(index.body, idp.IdPInitiatedURL()) {
			t.Errorf("index page: %d %s", index.status, index.body)
		}
	}
}

// TestSigningCertificateIsJumpCloudShaped: self-signed, the JumpCloud
// subject, SHA-256, valid exactly five years; RSA-4096 unless told.
func TestSigningCertificateIsJumpCloudShaped(t *testing.T) {
	idp, err := testidp.New(testidp.Options{KeyBits: 2048, Clock: fixedClock, PlainHTTP: true,
		SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}}})
	if err != nil {
		t.Fatal(err)
	}
	defer idp.Close()
	c := idp.SigningCertificate()
	if c.Subject.CommonName != "JumpCloudSAMLUser" || c.Subject.OrganizationalUnit[0] != "JumpCloudSAMLIdP" || c.Issuer.String() != c.Subject.String() {
		t.Errorf("subject %s, issuer %s", c.Subject, c.Issuer)
	}
	if c.SignatureAlgorithm != x509.SHA256WithRSA || c.PublicKey.(*rsa.PublicKey).N.BitLen() != 2048 {
		t.Errorf("%s, %d bits", c.SignatureAlgorithm, c.PublicKey.(*rsa.PublicKey).N.BitLen())
	}
	if !c.NotAfter.Equal(c.NotBefore.AddDate(5, 0, 0)) || !c.NotBefore.Before(fixedClock()) {
		t.Errorf("valid %s to %s", c.NotBefore, c.NotAfter)
	}
	if _, err := testidp.New(testidp.Options{KeyBits: 1024}); err == nil {
		t.Error("a 1024-bit signing key was accepted")
	}
	if _, err := testidp.New(testidp.Options{KeyBits: testidp.MaxServerKeyBits + 1}); err == nil {
		t.Error("a signing key above the maximum was accepted (it would be generated for minutes)")
	}
}

// TestTLSCertificateFile: HTTPS with a certificate whose PEM (never the
// key) is written to the reported file; a client trusting only that file
// connects; Close removes the temporary file.
func TestTLSCertificateFile(t *testing.T) {
	idp := startIdP(t, testidp.Options{})
	path := idp.TLSCertFile()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("PRIVATE")) {
		t.Fatal("the certificate file holds a private key")
	}
	block, _ := pem.Decode(data)
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	defer c.CloseIdleConnections()
	for _, u := range []string{idp.MetadataURL(), strings.Replace(idp.MetadataURL(), "127.0.0.1", "localhost", 1)} {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatalf("a client trusting %s: %v", path, err)
		}
		resp.Body.Close()
	}
	if !strings.HasPrefix(idp.BaseURL(), "https://127.0.0.1:") {
		t.Errorf("base URL %s", idp.BaseURL())
	}
	if err := idp.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temporary certificate %s is still there after Close: %v", path, err)
	}
	if err := idp.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
}

func TestTLSCertificateFileGivenPathStays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idp.pem")
	idp := startIdP(t, testidp.Options{TLSCertFile: path})
	if idp.TLSCertFile() != path {
		t.Fatalf("reported %q, want %q", idp.TLSCertFile(), path)
	}
	idp.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the given certificate path was removed: %v", err)
	}
}

func TestPlainHTTP(t *testing.T) {
	idp := startIdP(t, testidp.Options{PlainHTTP: true})
	if !strings.HasPrefix(idp.MetadataURL(), "http://127.0.0.1:") || idp.TLSCertFile() != "" || idp.CertPool() != nil {
		t.Fatalf("%s, cert %q", idp.MetadataURL(), idp.TLSCertFile())
	}
	if r := get(t, idp, idp.MetadataURL()); r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
}

// TestLoopbackOnly: an address that is not loopback is refused (at New).
func TestLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "example.com:0", "nonsense"} {
		o := testidp.Options{Addr: addr, Key: samltest.Key(t, 2048, 0), PlainHTTP: true,
			SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}}}
		if err := o.Check(); err == nil || !strings.Contains(err.Error(), "address") {
			t.Errorf("%s: Check says %v", addr, err)
		}
		if idp, err := testidp.New(o); err == nil {
			idp.Close()
			t.Errorf("%s: accepted", addr)
		} else if addr != "nonsense" && !strings.Contains(err.Error(), "loopback") {
			t.Errorf("%s: %v", addr, err)
		}
	}
	idp := startIdP(t, testidp.Options{Addr: "[::1]:0", PlainHTTP: true})
	if !strings.HasPrefix(idp.BaseURL(), "http://[::1]:") {
		t.Errorf("IPv6 loopback: %s", idp.BaseURL())
	}
}

// TestOptionsRefused: mistakes in the options are errors at New, each
// naming what is wrong.
func TestOptionsRefused(t *testing.T) {
	ok := testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}}
	for _, tc := range []struct {
		name string
		o    testidp.Options
		say  string
	}{
		{"no SP entity ID", testidp.Options{SSO: testidp.SSOSettings{ACSURLs: []string{acsURL}}}, "SP Entity ID"},
		{"no ACS URL", testidp.Options{SSO: testidp.SSOSettings{SPEntityID: spEntityID}}, "ACS URL"},
		{"relative ACS URL", testidp.Options{SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{"/acs"}}}, `"/acs"`},
		{"IdP equals SP", testidp.Options{SSO: testidp.SSOSettings{IdPEntityID: spEntityID, SPEntityID: spEntityID, ACSURLs: []string{acsURL}}}, "must differ"},
		{"app name", testidp.Options{App: "my app", SSO: ok}, "application name"},
		{"bad user", testidp.Options{SSO: ok, Users: []testidp.User{{Email: "alice"}}}, `"alice"`},
		{"twice", testidp.Options{SSO: ok, Users: []testidp.User{{Email: "a@x.example"}, {Email: "A@x.example"}}}, "twice"},
		{"unknown fault", testidp.Options{SSO: ok, Faults: []testidp.Fault{"typo"}}, "unknown fault"},
		{"signing faults", testidp.Options{SSO: ok, Faults: []testidp.Fault{testidp.FaultUnsigned, testidp.FaultAssertionOnly}}, "cannot be combined"},
		{"attribute field", testidp.Options{SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}, Attributes: []testidp.AttributeMapping{{Name: "mail", Field: "e-mail"}}}}, `"e-mail"`},
		{"sign", testidp.Options{SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}, Sign: "all"}}, "assertion, response or both"},
	} {
		tc.o.Key = samltest.Key(t, 2048, 0)
		tc.o.PlainHTTP = true
		_, err := testidp.New(tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.say) {
			t.Errorf("%s: %v, want an error saying %s", tc.name, err, tc.say)
		}
	}
}

// TestFaultNamesAreStable: the names scripts use, in the issue's order,
// each with a one-line description.
func TestFaultNamesAreStable(t *testing.T) {
	want := []string{"placeholder-entity-id", "unbound-user", "email-mismatch", "rotated-cert", "assertion-only",
		"response-only", "unsigned", "sha1", "expired-cert", "clock-skew", "wrong-audience", "wrong-acs",
		"no-redirect-binding", "idp-initiated-only"}
	got := testidp.Faults()
	if len(got) != len(want) {
		t.Fatalf("%d faults, want %d", len(got), len(want))
	}
	for i, f := range got {
		if string(f.Name) != want[i] || f.Description == "" || strings.Contains(f.Description, "\n") {
			t.Errorf("fault %d: %q %q", i, f.Name, f.Description)
		}
		if p, err := testidp.ParseFault(want[i]); err != nil || p != f.Name {
			t.Errorf("ParseFault(%q) = %q, %v", want[i], p, err)
		}
	}
	if _, err := testidp.ParseFault("sha-1"); err == nil || !strings.Contains(err.Error(), "sha1") {
		t.Errorf("unknown fault: %v", err)
	}
}

// TestNoAccessPage: a user in no bound group (or anyone, with the
// unbound-user fault) gets a no-access page and no SAMLResponse.
func TestNoAccessPage(t *testing.T) {
	users := []testidp.User{{Email: "alice@acmecorp.com"}, {Email: "bob@acmecorp.com", Groups: []string{}}}
	for _, tc := range []struct {
		email  string
		faults []testidp.Fault
	}{
		{"bob@acmecorp.com", nil},
		{"alice@acmecorp.com", []testidp.Fault{testidp.FaultUnboundUser}},
	} {
		idp := startIdP(t, testidp.Options{Users: users, Faults: tc.faults})
		b := newBrowser(t, idp)
		page := b.SignIn(b.Get(idp.IdPInitiatedURL()), tc.email, "pw")
		// No "password" either: page sniffers would call it a sign-in page.
		if page.Status != http.StatusForbidden || !strings.Contains(page.Body, "has not given you access") ||
			strings.Contains(page.Body, "SAMLResponse") || strings.Contains(strings.ToLower(page.Body), "password") {
			t.Errorf("%s %v: %d\n%s", tc.email, tc.faults, page.Status, page.Body)
		}
		if _, err := idp.Issue(tc.email, testidp.SignIn{}); !errors.Is(err, testidp.ErrNoAccess) {
			t.Errorf("Issue: %v", err)
		}
	}
}

// TestLoginRefused: a wrong password or an unknown e-mail shows the login
// form again with an error; the request it carried is kept.
func TestLoginRefused(t *testing.T) {
	idp := startIdP(t, testidp.Options{Password: "s3cret"})
	b := newBrowser(t, idp)
	login := b.Get(idp.IdPInitiatedURL())
	for _, tc := range [][2]string{{testidp.DefaultEmail, "wrong"}, {"mallory@acmecorp.com", "s3cret"}, {testidp.DefaultEmail, ""}} {
		page := b.SignIn(login, tc[0], tc[1])
		if page.Status != http.StatusUnauthorized || !strings.Contains(page.Body, "Wrong e-mail or password") {
			t.Errorf("%v: %d %s", tc, page.Status, page.Body)
		}
		f := page.FormWith(t, "password")
		if _, ok := f.Fields["email"]; !ok || f.Method != http.MethodPost || f.Fields.Get("flow") != "idp" || f.Fields.Get("email") != tc[0] {
			t.Errorf("%v: the login form is not a POST form with email and password, keeping its flow: %s %v", tc, f.Method, f.Fields)
		}
	}
	if page := b.SignIn(login, "ALICE@acmecorp.com", "s3cret"); page.Status != http.StatusOK {
		t.Errorf("the right password (e-mail in capitals): %d %s", page.Status, page.Body)
	}
}

// TestSSOURLRefusesBadRequests: no request, not base64, a DOCTYPE, a
// DEFLATE bomb, not an AuthnRequest: each a 400 page saying why.
func TestSSOURLRefusesBadRequests(t *testing.T) {
	idp := startIdP(t, testidp.Options{})
	redirect := func(xml string) string {
		v, err := testidp.RedirectForm([]byte(xml))
		if err != nil {
			t.Fatal(err)
		}
		return idp.SSOURL() + "?SAMLRequest=" + url.QueryEscape(string(v))
	}
	for _, tc := range []struct{ url, say string }{
		{idp.SSOURL(), "idp-initiated"},
		{idp.SSOURL() + "?SAMLRequest=" + url.QueryEscape("not base64!"), "base64"},
		{idp.SSOURL() + "?SAMLRequest=bm90IGRlZmxhdGU=", "DEFLATE"},
		{redirect(`<!DOCTYPE x [<!ENTITY a "b">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x"/>`), "DOCTYPE"},
		{redirect(`<AuthnRequest ID="x"/>`), "expected a SAML 2.0 AuthnRequest"},
		{redirect(`<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`), "no ID"},
		{redirect(strings.Repeat(" ", 1<<20)), "inflates to over the 64 KiB limit"},
	} {
		r := get(t, idp, tc.url)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, tc.say) {
			t.Errorf("%.80s: %d, want 400 saying %q\n%s", tc.url, r.status, tc.say, r.body)
		}
	}
}

// TestLogNamesOutcomesNeverSecrets: one record per request with its
// outcome; neither the password nor the private key ever appears.
func TestLogNamesOutcomesNeverSecrets(t *testing.T) {
	var buf samltest.SyncBuffer
	idp := startIdP(t, testidp.Options{Password: "pa55-word-xyz", Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	b := newBrowser(t, idp)
	get(t, idp, idp.MetadataURL())
	b.SignIn(b.Get(idp.IdPInitiatedURL()), testidp.DefaultEmail, "pa55-word-xyz")
	b.SignIn(b.Get(idp.IdPInitiatedURL()), testidp.DefaultEmail, "wrong-pa55")
	if err := idp.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	log := buf.String()
	for _, want := range []string{`"msg":"test IdP ready"`, `"msg":"metadata served"`, `"msg":"IdP-initiated sign-in: login form"`,
		`"msg":"response posted"`, `"name_id":"alice@acmecorp.com"`, `"msg":"login refused: wrong password"`, `"status":401`} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %s\n%s", want, log)
		}
	}
	key := samltest.Key(t, samltest.IdPKeyBits, 0)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	for _, secret := range []string{"pa55-word-xyz", "wrong-pa55", "PRIVATE KEY", key.D.String(), string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))[28:90]} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds a secret (%.20s…)", secret)
		}
	}
}

type fetched struct {
	status int
	body   string
}

// get fetches a URL of the IdP with a client that trusts it.
func get(t *testing.T, idp *testidp.Server, u string) fetched {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: idp.CertPool()}}}
	defer c.CloseIdleConnections()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return fetched{resp.StatusCode, string(body)}
}
