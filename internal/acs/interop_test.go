package acs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// TestInteropCrewjamIdP is test-login against an IdP it has never seen:
// crewjam/saml's samlidp on loopback, known only by its metadata. By each
// binding, a scripted browser opens the login URL, signs in on crewjam's
// form and submits its auto-posting form; the response is accepted with
// the request matched and passes, and the JSON lines test-login will print
// (listening first, the result last) carry what they should.
func TestInteropCrewjamIdP(t *testing.T) {
	for _, b := range []acs.Binding{acs.BindingRedirect, acs.BindingPOST} {
		t.Run(string(b), func(t *testing.T) {
			idp := samltest.StartCrewjamIdP(t)
			md := metadata.Check(idp.Metadata(t), metadata.Options{SPEntityID: spEntityID})
			opts := acs.Options{SPEntityID: spEntityID, Binding: b, NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"}
			opts.UseMetadata(md)
			if len(opts.Inspect.TrustedCerts) != 1 || opts.Inspect.IdPEntityID != idp.URL+"/metadata" {
				t.Fatalf("trust from crewjam's metadata: %d certificates, entity %q", len(opts.Inspect.TrustedCerts), opts.Inspect.IdPEntityID)
			}
			sess, err := acs.Start(opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = sess.Close() })
			idp.RegisterSP(t, spEntityID, sess.ACSURL())
			var lines bytes.Buffer
			first := <-sess.Events()
			writeLine(t, &lines, first)

			done := idp.LogIn(t, sess.LoginURL())
			if done.Status != http.StatusOK || done.URL.String() != sess.ACSURL() {
				t.Fatalf("the response landed at %s with %d: %s", done.URL, done.Status, done.Body)
			}

			ctx, cancel := context.WithTimeout(context.Background(), acs.DefaultTimeout)
			defer cancel()
			res, err := sess.Wait(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() || res.IdPInitiated || res.Report.InResponseTo != sess.RequestID() || !res.ACS.DestinationIsTest || !res.ACS.RecipientIsTest {
				t.Fatalf("crewjam's response: OK %v, IdP-initiated %v, ACS %+v\n%+v\n%+v", res.OK(), res.IdPInitiated, res.ACS, res.Report.Findings, res.Findings)
			}
			if res.Report.Subject.Email != "alice@acmecorp.com" || !res.Report.Signed.Assertion {
				t.Errorf("subject %+v signed %+v", res.Report.Subject, res.Report.Signed)
			}
			writeLine(t, &lines, struct {
				Event string `json:"event"`
				*acs.Result
			}{"result", res})
			checkJSONLines(t, lines.Bytes(), sess)
		})
	}
}

func writeLine(t *testing.T, w io.Writer, v any) {
	t.Helper()
	line, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "%s\n", line)
}

// checkJSONLines reads the lines as a script would: the listening event
// with the URLs, then the result with the inspection as `inspect --json`
// prints it.
func checkJSONLines(t *testing.T, data []byte, sess *acs.Session) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %s", len(lines), data)
	}
	var l map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &l); err != nil || l["event"] != "listening" || l["acs_url"] != sess.ACSURL() ||
		l["login_url"] != sess.LoginURL() || l["request_id"] != sess.RequestID() {
		t.Errorf("first line %s (%v)", lines[0], err)
	}
	var result struct {
		Event      string          `json:"event"`
		Inspection response.Report `json:"inspection"`
		ACS        acs.ACSUse      `json:"acs"`
		WaitedNS   *int64          `json:"waited_ns"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &result); err != nil || result.Event != "result" || !result.Inspection.OK ||
		len(result.Inspection.Findings) == 0 || result.ACS.TestURL != sess.ACSURL() || result.WaitedNS == nil {
		t.Errorf("last line %s (%v)", lines[1], err)
	}
}
