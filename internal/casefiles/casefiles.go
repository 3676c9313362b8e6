// Package casefiles makes what a customer sends support about a failed
// login, with the test IdP and its faults: the metadata the service
// provider was given, JumpCloud's metadata as exported now, the
// sso-config.yaml jcsso setup wrote (through internal/ssoconfig), the
// SAMLResponse a login posted, and HAR files of that login and of one that
// got no SAMLResponse at all. Troubleshooting's tests lead each symptom to
// its cause with these; `JCSSO_CASE_FIXTURE=DIR go test ./cmd/jcsso -run
// TestWriteCaseFixture` writes a set to try by hand. Test code only.
package casefiles

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// Generated service-provider values, for profiles whose SP makes them.
const (
	GeneratedSPEntityID = "https://acmecorp.sp.example/saml/metadata"
	GeneratedACSURL     = "https://acmecorp.sp.example/saml/acs"
	// RequestID is the AuthnRequest the login answers.
	RequestID = "_req-4711"
	// Org is the organisation of every case.
	Org = "acmecorp"
)

// Secrets are what the HAR files carry besides their SAMLResponses: no
// output of jcsso may ever hold one.
var Secrets = []string{"SECRET-COOKIE", "SECRET-TOKEN", "SECRET-PAGE", "SECRET-FIELD", "SECRET-QUERY"}

// Options choose the case.
type Options struct {
	// Profile is a built-in profile's id; default avoma.
	Profile string
	Faults  []testidp.Fault
	// App is the JumpCloud app's name; default the profile's id.
	App string
	// IdPEntityID is the IdP Entity ID on the SSO tab; default
	// jumpcloud-acmecorp.
	IdPEntityID string
	// SavedApp, when set, is another JumpCloud app (IdP Entity ID
	// jumpcloud-SAVEDAPP) whose metadata the service provider was given
	// and the configuration saved: the wrong app's metadata.
	SavedApp string
}

// Files are one case's files, and where they came from.
type Files struct {
	Dir     string
	Profile *profile.Profile
	IdP     *testidp.Server
	// Metadata is what the service provider was given: the metadata the
	// IdP serves (after a rotation, still with the old certificate).
	Metadata string
	// FreshMetadata is the metadata as JumpCloud exports it now, with the
	// certificate it signs with.
	FreshMetadata string
	// Config is the sso-config.yaml jcsso setup wrote from Metadata.
	Config string
	// Response is the SAMLResponse value alice's login posted; HAR is a
	// capture of that login, sent at SentAt.
	Response string
	HAR      string
	SentAt   time.Time
	// NoResponseHAR is a capture of a login that ended on JumpCloud's
	// no-access page: no SAMLResponse in it.
	NoResponseHAR string
	// SPEntityID and ACSURL are the service provider's values.
	SPEntityID, ACSURL string
}

// Make makes a case's files in a folder of the test's.
func Make(tb testing.TB, o Options) *Files {
	tb.Helper()
	if o.Profile == "" {
		o.Profile = "avoma"
	}
	p, ok := profile.Builtin(o.Profile)
	if !ok {
		tb.Fatalf("no built-in profile %q", o.Profile)
	}
	if o.App == "" {
		o.App = p.ID
	}
	if o.IdPEntityID == "" {
		o.IdPEntityID = "jumpcloud-" + Org
	}
	f := &Files{Dir: tb.TempDir(), Profile: p, SPEntityID: GeneratedSPEntityID, ACSURL: GeneratedACSURL}
	if !p.ServiceProvider.Generated {
		f.SPEntityID, f.ACSURL = p.ServiceProvider.EntityID, p.ServiceProvider.ACSURLs[0]
	}
	clock := testidp.DefaultIssueInstant
	f.IdP = samltest.StartIdP(tb, testidp.Options{
		App:    o.App,
		Clock:  func() time.Time { return clock },
		Faults: o.Faults,
		SSO: testidp.SSOSettings{IdPEntityID: o.IdPEntityID, SPEntityID: f.SPEntityID, ACSURLs: []string{f.ACSURL},
			DeclareRedirectEndpoint: true, DefaultRelayState: p.ServiceProvider.DefaultRelayState},
	})
	given, givenID := f.IdP, o.IdPEntityID
	if o.SavedApp != "" {
		givenID = "jumpcloud-" + o.SavedApp
		given = samltest.StartIdP(tb, testidp.Options{App: o.SavedApp, Clock: func() time.Time { return clock },
			Key: samltest.Key(tb, samltest.IdPKeyBits, 2),
			SSO: testidp.SSOSettings{IdPEntityID: givenID, SPEntityID: f.SPEntityID, ACSURLs: []string{f.ACSURL}, DeclareRedirectEndpoint: true}})
	}
	f.Metadata = f.write(tb, "JumpCloud-given-metadata.xml", given.Metadata())
	f.FreshMetadata = f.write(tb, "JumpCloud-"+o.App+"-metadata.xml", f.IdP.FreshMetadata())
	f.Config = f.saveConfig(tb, o, given.Metadata(), givenID, clock)

	f.SentAt = clock.Add(time.Second)
	f.NoResponseHAR = f.write(tb, "no-access.har", HAR(tb, f.SentAt, ""))
	issued, err := f.IdP.Issue(testidp.DefaultEmail, testidp.SignIn{RequestID: RequestID, ACSURL: f.ACSURL})
	if err != nil {
		// An unbound user gets no response: only the no-access capture.
		return f
	}
	f.Response = f.write(tb, "saml-response.txt", []byte(issued.SAMLResponse))
	f.HAR = f.write(tb, "login.har", HAR(tb, f.SentAt, issued.ACSURL, issued.XML))
	return f
}

func (f *Files) write(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(f.Dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// saveConfig writes the folder jcsso setup would have, from the metadata
// the service provider was given, continuing past its failures (an
// admin's override) so that every fault still has a saved configuration.
func (f *Files) saveConfig(tb testing.TB, o Options, data []byte, idpEntityID string, now time.Time) string {
	tb.Helper()
	a := ssoconfig.Answers{ProfileID: f.Profile.ID, Org: Org, IdPEntityID: idpEntityID, UsersNotified: true,
		MetadataURL: "https://console.jumpcloud.example/api/organizations/acme/applications/" + o.App + "/metadata.xml",
		OutDir:      filepath.Join(f.Dir, "jcsso-"+Org)}
	if f.Profile.ServiceProvider.Generated {
		a.SPEntityID, a.ACSURLs = f.SPEntityID, []string{f.ACSURL}
	}
	if f.Profile.Customizable {
		a.AppName = o.App
	}
	rep := metadata.Check(data, ssoconfig.MetadataOptions(f.Profile, a, now))
	a.Overridden = ssoconfig.FailedIDs(rep.Findings)
	w, err := ssoconfig.WriteSetup(context.Background(), f.Profile, a, data, rep, now, ssoconfig.WriteOptions{})
	if err != nil {
		tb.Fatalf("write the saved configuration: %v", err)
	}
	for _, p := range w.Paths {
		if filepath.Base(p) == ssoconfig.ConfigYAML {
			return p
		}
	}
	return filepath.Join(a.OutDir, ssoconfig.ConfigYAML)
}

// HAR is a browser's "Save all as HAR" of a login: a console page with a
// token, a cookie and a header, then each response POSTed to acsURL a
// second apart from sent (with a cookie and a RelayState), or, with no
// responses, JumpCloud's no-access page.
func HAR(tb testing.TB, sent time.Time, acsURL string, responses ...[]byte) []byte {
	tb.Helper()
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	entries := []any{map[string]any{
		"startedDateTime": stamp(sent.Add(-time.Minute)),
		"request": map[string]any{"method": "GET", "url": "https://console.jumpcloud.com/userconsole?token=SECRET-QUERY",
			"headers": []any{map[string]string{"name": "Authorization", "value": "Bearer SECRET-TOKEN"}},
			"cookies": []any{map[string]string{"name": "jcsession", "value": "SECRET-COOKIE"}}},
		"response": map[string]any{"status": 200, "content": map[string]string{"mimeType": "text/html", "text": "<html>SECRET-PAGE</html>"}},
	}}
	if len(responses) == 0 {
		entries = append(entries, map[string]any{
			"startedDateTime": stamp(sent),
			"request": map[string]any{"method": "POST", "url": "https://sso.jumpcloud.com/saml2/login?sid=SECRET-QUERY",
				"headers":  []any{map[string]string{"name": "Cookie", "value": "jcsession=SECRET-COOKIE"}},
				"postData": map[string]any{"mimeType": "application/x-www-form-urlencoded", "text": "email=alice%40acmecorp.com&password=SECRET-FIELD"}},
			"response": map[string]any{"status": 403, "content": map[string]string{"mimeType": "text/html",
				"text": "<html>You have not been given access to any SSO applications by your administrator. SECRET-PAGE</html>"}},
		})
	}
	for i, xml := range responses {
		value := url.QueryEscape(base64.StdEncoding.EncodeToString(xml))
		entries = append(entries, map[string]any{
			"startedDateTime": stamp(sent.Add(time.Duration(i) * time.Second)),
			"request": map[string]any{"method": "POST", "url": acsURL + "?sid=SECRET-QUERY",
				"headers": []any{map[string]string{"name": "Cookie", "value": "jcsession=SECRET-COOKIE"}},
				"cookies": []any{map[string]string{"name": "jcsession", "value": "SECRET-COOKIE"}},
				"postData": map[string]any{"mimeType": "application/x-www-form-urlencoded", "text": "SAMLResponse=" + value + "&RelayState=SECRET-FIELD",
					"params": []any{map[string]string{"name": "SAMLResponse", "value": value}, map[string]string{"name": "RelayState", "value": "SECRET-FIELD"}}}},
			"response": map[string]any{"status": 302, "content": map[string]string{"text": "SECRET-PAGE"}},
		})
	}
	data, err := json.MarshalIndent(map[string]any{"log": map[string]any{"version": "1.2", "creator": map[string]string{"name": "jcsso casefiles"}, "entries": entries}}, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
