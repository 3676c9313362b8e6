package response_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// Secrets every generated capture carries outside its SAMLResponses: no
// report may ever contain them.
var captureSecrets = []string{"SECRET-COOKIE", "SECRET-TOKEN", "SECRET-PAGE", "SECRET-FIELD", "SECRET-QUERY"}

// harPost is one POST of a HAR file: form fields in order.
type harPost struct {
	time, url string
	fields    [][2]string
	// asText puts the form in postData.text only (Firefox), not params.
	asText bool
}

// testHAR writes a HAR file as browsers save one, with cookies, headers
// and page contents around the posts.
func testHAR(posts ...harPost) []byte {
	var entries []any
	entries = append(entries, map[string]any{
		"startedDateTime": "2025-06-02T09:59:00.000Z",
		"request": map[string]any{"method": "GET", "url": "https://console.jumpcloud.com/login?token=SECRET-QUERY",
			"headers": []any{map[string]string{"name": "Authorization", "value": "Bearer SECRET-TOKEN"}},
			"cookies": []any{map[string]string{"name": "session", "value": "SECRET-COOKIE"}}},
		"response": map[string]any{"status": 200, "content": map[string]string{"mimeType": "text/html", "text": "<html>SECRET-PAGE</html>"}},
	})
	for _, p := range posts {
		var params []any
		var body []string
		for _, f := range p.fields {
			params = append(params, map[string]string{"name": f[0], "value": url.QueryEscape(f[1])})
			body = append(body, f[0]+"="+url.QueryEscape(f[1]))
		}
		pd := map[string]any{"mimeType": "application/x-www-form-urlencoded", "text": strings.Join(body, "&")}
		if !p.asText {
			pd["params"] = params
		}
		entries = append(entries, map[string]any{
			"startedDateTime": p.time,
			"request": map[string]any{"method": "POST", "url": p.url + "?session=SECRET-QUERY", "postData": pd,
				"headers": []any{map[string]string{"name": "Cookie", "value": "session=SECRET-COOKIE"}},
				"cookies": []any{map[string]string{"name": "session", "value": "SECRET-COOKIE"}}},
			"response": map[string]any{"status": 302, "content": map[string]string{"text": "SECRET-PAGE"}},
		})
	}
	out, _ := json.Marshal(map[string]any{"log": map[string]any{"version": "1.2", "creator": map[string]string{"name": "test"}, "entries": entries}})
	return out
}

// TestInspectHAR: every SAMLResponse posted in a HAR file is found, the
// last is inspected by default, another by number, and nothing else of
// the capture reaches the report.
func TestInspectHAR(t *testing.T) {
	kp := testKey(t, 0)
	first := base64.StdEncoding.EncodeToString(signedBoth(t, kp, samltest.ResponseOptions{Email: "bob@acmecorp.com"}))
	last := base64.StdEncoding.EncodeToString(signedBoth(t, kp, samltest.ResponseOptions{}))
	har := testHAR(
		harPost{time: "2025-06-02T09:59:30.000Z", url: "https://prod-api.avoma.com/saml2/acs", fields: [][2]string{{"SAMLResponse", first}, {"RelayState", "SECRET-FIELD"}}},
		harPost{time: "2025-06-02T10:00:05.000Z", url: "https://prod-api.avoma.com/saml2/acs", fields: [][2]string{{"RelayState", "SECRET-FIELD"}, {"SAMLResponse", last}}, asText: true},
	)
	c, err := response.ParseCapture(har)
	if err != nil {
		t.Fatal(err)
	}
	if c.Format != "har" || c.Requests != 3 || len(c.Responses) != 2 {
		t.Fatalf("format %q, %d requests, %d responses", c.Format, c.Requests, len(c.Responses))
	}
	r, err := response.InspectCapture(context.Background(), c, 0, jumpCloudOptions(kp))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK || r.Subject.Email != samltest.DefaultEmail || r.Capture.Picked != 2 {
		t.Fatalf("ok=%v email %q picked %d: %s", r.OK, r.Subject.Email, r.Capture.Picked, dumpFindings(r.Findings))
	}
	if got := r.Capture.Responses[0]; got.N != 1 || got.Time != "2025-06-02T09:59:30.000Z" || got.Destination != "https://prod-api.avoma.com/saml2/acs" {
		t.Errorf("listed %+v", got)
	}
	r, err = response.InspectCapture(context.Background(), c, 1, jumpCloudOptions(kp))
	if err != nil || r.Subject.Email != "bob@acmecorp.com" {
		t.Fatalf("--pick 1: %v, email %q", err, r.Subject.Email)
	}
	out, _ := json.Marshal(r)
	for _, s := range captureSecrets {
		if strings.Contains(string(out), s) {
			t.Errorf("the report carries %s from the capture: %s", s, out)
		}
	}
	if _, err := response.InspectCapture(context.Background(), c, 3, jumpCloudOptions(kp)); !errors.Is(err, response.ErrNoSuchResponse) || !strings.Contains(err.Error(), "numbered 1 to 2") {
		t.Errorf("pick 3: %v", err)
	}
}

// TestInspectSAMLTracer: a SAML-tracer export, plain or with its form
// values hashed on export (the decoded message is then used).
func TestInspectSAMLTracer(t *testing.T) {
	kp := testKey(t, 0)
	xml := signedBoth(t, kp, samltest.ResponseOptions{})
	for name, post := range map[string]string{
		"plain":  base64.StdEncoding.EncodeToString(xml),
		"hashed": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	} {
		export, _ := json.Marshal(map[string]any{"timestamp": "2025-06-02T10:01:00Z", "requests": []any{
			map[string]any{"method": "GET", "url": "https://app.avoma.com/login", "requestHeaders": []any{map[string]string{"name": "Cookie", "value": "SECRET-COOKIE"}}},
			map[string]any{"method": "POST", "url": "https://prod-api.avoma.com/saml2/acs", "post": [][]string{{"SAMLResponse", post}, {"RelayState", "SECRET-FIELD"}},
				"saml": string(xml), "requestHeaders": []any{map[string]string{"name": "Cookie", "value": "SECRET-COOKIE"}}},
		}})
		c, err := response.ParseCapture(export)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, err := response.InspectCapture(context.Background(), c, 0, jumpCloudOptions(kp))
		if err != nil || c.Format != "saml-tracer" || !r.OK || r.Capture.Responses[0].Destination != "https://prod-api.avoma.com/saml2/acs" {
			t.Fatalf("%s: %v format %q ok=%v %s", name, err, c.Format, r.OK, dumpFindings(r.Findings))
		}
	}
}

// TestInspectCaptureWithoutResponse: a capture that holds no SAMLResponse
// is response.decode, saying how to capture again.
func TestInspectCaptureWithoutResponse(t *testing.T) {
	c, err := response.ParseCapture(testHAR())
	if err != nil {
		t.Fatal(err)
	}
	r, err := response.InspectCapture(context.Background(), c, 0, response.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := wantSeverity(t, r, samlcheck.IDResponseDecode, samlcheck.SeverityFail)
	wantContains(t, f, "a HAR file holds no SAMLResponse among its 1 request", "Preserve log")
	if _, err := response.ParseCapture([]byte(`{"other": 1}`)); !errors.Is(err, response.ErrNotCapture) {
		t.Errorf("other JSON: %v", err)
	}
	r = response.Inspect([]byte(`{"other": 1}`), response.Options{})
	wantContains(t, wantSeverity(t, r, samlcheck.IDResponseDecode, samlcheck.SeverityFail), "JSON but neither a HAR file nor a SAML-tracer export")
}

// TestInspectWrongKindOfInput: a web page is named with its title and an
// image by its first bytes, not reported as broken XML or base64.
func TestInspectWrongKindOfInput(t *testing.T) {
	for input, want := range map[string]string{
		samltest.LoginPage:                `the input is a sign-in page (it has a password field) titled "JumpCloud – Admin Login", not a SAML response`,
		"\x89PNG\r\n\x1a\n\x00\x00\x00\r": "not XML: looks like a PNG image",
		"%PDF-1.4\n":                      "not XML: looks like a PDF document",
	} {
		r := response.Inspect([]byte(input), response.Options{})
		wantContains(t, wantSeverity(t, r, samlcheck.IDResponseDecode, samlcheck.SeverityFail), want)
	}
}
