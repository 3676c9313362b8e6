package main

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// captureSecrets are what a generated capture carries besides its
// SAMLResponses; jcsso must never print any of them.
var captureSecrets = []string{"SECRET-COOKIE", "SECRET-TOKEN", "SECRET-PAGE", "SECRET-FIELD", "SECRET-QUERY"}

// writeHAR writes a HAR file, as a browser's "Save all as HAR" does, in
// which each response is POSTed to the ACS URL in turn (a second after
// the one before), between requests full of cookies and headers.
func writeHAR(t *testing.T, dir string, responses ...[]byte) string {
	t.Helper()
	entries := []any{map[string]any{
		"startedDateTime": "2025-06-02T09:59:00.000Z",
		"request": map[string]any{"method": "GET", "url": "https://console.jumpcloud.com/userconsole?token=SECRET-QUERY",
			"headers": []any{map[string]string{"name": "Authorization", "value": "Bearer SECRET-TOKEN"}},
			"cookies": []any{map[string]string{"name": "jcsession", "value": "SECRET-COOKIE"}}},
		"response": map[string]any{"status": 200, "content": map[string]string{"mimeType": "text/html", "text": "<html>SECRET-PAGE</html>"}},
	}}
	for i, xml := range responses {
		value := url.QueryEscape(base64.StdEncoding.EncodeToString(xml))
		entries = append(entries, map[string]any{
			"startedDateTime": "2025-06-02T10:00:0" + string(rune('0'+i)) + ".000Z",
			"request": map[string]any{"method": "POST", "url": samltest.DefaultACSURL + "?sid=SECRET-QUERY",
				"headers": []any{map[string]string{"name": "Cookie", "value": "jcsession=SECRET-COOKIE"}},
				"cookies": []any{map[string]string{"name": "jcsession", "value": "SECRET-COOKIE"}},
				"postData": map[string]any{"mimeType": "application/x-www-form-urlencoded", "text": "SAMLResponse=" + value + "&RelayState=SECRET-FIELD",
					"params": []any{map[string]string{"name": "SAMLResponse", "value": value}, map[string]string{"name": "RelayState", "value": "SECRET-FIELD"}}}},
			"response": map[string]any{"status": 302, "content": map[string]string{"text": "SECRET-PAGE"}},
		})
	}
	data, err := json.MarshalIndent(map[string]any{"log": map[string]any{"version": "1.2", "creator": map[string]string{"name": "jcsso test"}, "entries": entries}}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "login.har")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestInspectCommandHAR: a HAR file is read as support receives it: the
// last SAMLResponse by default, another with --pick, the others listed by
// time and destination, and not one cookie, header or other field printed.
func TestInspectCommandHAR(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	signer := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	bob := samltest.ResponseXML(t, samltest.ResponseOptions{Email: "bob@acmecorp.com", SignAssertion: true, SignResponse: true, Signer: signer})
	alice := samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, SignResponse: true, Signer: signer})
	har := writeHAR(t, dir, bob, alice)
	md := filepath.Join(dir, "metadata.xml")

	code, out, errOut := runCmd(t, "", "inspect", har, "--metadata", md, "--now", inspectNow)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"a HAR file with 2 SAMLResponses; this report is about #2 (the last)", "#1:", "2025-06-02T10:00:00.000Z  " + samltest.DefaultACSURL,
		"(this one)", "--pick N", "alice@acmecorp.com", "ACCEPTED"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCmd(t, "", "inspect", har, "--metadata", md, "--now", inspectNow, "--pick", "1", "--json")
	var r struct {
		Source  string `json:"source"`
		Subject struct{ Email string }
		Capture struct {
			Format    string `json:"format"`
			Picked    int    `json:"picked"`
			Responses []struct {
				N           int    `json:"n"`
				Time        string `json:"time"`
				Destination string `json:"destination"`
			} `json:"responses"`
		} `json:"capture"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 {
		t.Fatalf("exit %d, %v\n%s%s", code, err, out, errOut)
	}
	if r.Source != har || r.Subject.Email != "bob@acmecorp.com" || r.Capture.Format != "har" || r.Capture.Picked != 1 || len(r.Capture.Responses) != 2 || r.Capture.Responses[1].Destination != samltest.DefaultACSURL {
		t.Errorf("report %+v", r)
	}
	code, out, errOut = runCmd(t, "", "inspect", har, "--metadata", md, "--pick", "3")
	if code != 2 || !strings.Contains(errOut, "--pick 3: there is no SAMLResponse number 3; a HAR file holds 2 SAMLResponses, numbered 1 to 2") {
		t.Errorf("--pick 3: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", "inspect", filepath.Join(dir, "response.b64"), "--pick", "1")
	if code != 2 || !strings.Contains(errOut, "not a HAR file or SAML-tracer export") {
		t.Errorf("--pick on a bare response: exit %d %s", code, errOut)
	}
	// Whatever the outcome, nothing of the capture but its SAMLResponses.
	for _, args := range [][]string{{"inspect", har, "--now", inspectNow}, {"inspect", har, "--json"}, {"inspect", har, "--pick", "9", "--json"}, {"check", har}} {
		_, out, errOut := runCmd(t, "", args...)
		for _, s := range captureSecrets {
			if strings.Contains(out+errOut, s) {
				t.Errorf("%v prints %s:\n%s%s", args, s, out, errOut)
			}
		}
	}
}

// TestWriteCaptureFixture writes, into $JCSSO_CAPTURE_FIXTURE, what support
// is typically sent, to try `jcsso inspect` by hand: login.har (two logins,
// Bob's then Alice's, among requests with cookies and headers),
// response.b64, and the JumpCloud metadata and certificate that verify
// them (judge them with --now 2025-06-02T10:00:20Z). It skips without the
// variable.
func TestWriteCaptureFixture(t *testing.T) {
	dir := os.Getenv("JCSSO_CAPTURE_FIXTURE")
	if dir == "" {
		t.Skip("set JCSSO_CAPTURE_FIXTURE to a folder to write the fixture into")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	src := inspectFixtures(t, 0, samltest.ResponseOptions{})
	for _, name := range []string{"metadata.xml", "idp.pem", "response.b64"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	signer := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	bob := samltest.ResponseXML(t, samltest.ResponseOptions{Email: "bob@acmecorp.com", SignAssertion: true, SignResponse: true, Signer: signer})
	alice := samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, SignResponse: true, Signer: signer})
	t.Logf("wrote %s", writeHAR(t, dir, bob, alice))
}
