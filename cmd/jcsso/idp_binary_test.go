package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// TestIdPBinaryDoneMeans is the "done" as a user tries it, with the
// built binary: `jcsso idp --sp-entity-id https://sp.example --acs-url
// http://127.0.0.1:9000/acs` serves metadata that `jcsso check` accepts
// (trusting the reported certificate through SSL_CERT_FILE); a browser
// following the forms gets a signed response that `jcsso inspect` accepts
// against the IdP's metadata URL; ctrl+c and SIGTERM stop it with exit 0,
// nothing more on stdout and the temporary certificate removed.
func TestIdPBinaryDoneMeans(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "jcsso")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			// 2048 bits only to start fast; the default is JumpCloud's 4096.
			cmd := exec.Command(bin, "idp", "--sp-entity-id", "https://sp.example", "--acs-url", "http://127.0.0.1:9000/acs",
				"--json", "--key-bits", "2048")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr samltest.SyncBuffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill() //nolint:errcheck // already stopped when the test passes
			sc := bufio.NewScanner(stdout)
			if !sc.Scan() {
				t.Fatalf("no ready line; stderr: %s", stderr.String())
			}
			var ready readyLine
			if err := json.Unmarshal(sc.Bytes(), &ready); err != nil {
				t.Fatalf("ready line %q: %v", sc.Text(), err)
			}
			if sig == syscall.SIGINT {
				trySignInAsAUser(t, bin, ready)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			var more []string
			for sc.Scan() {
				more = append(more, sc.Text())
			}
			waited := make(chan error, 1)
			go func() { waited <- cmd.Wait() }()
			select {
			case err := <-waited:
				if err != nil {
					t.Errorf("stopped by %s: %v; stderr: %s", sig, err, stderr.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("still running 20s after %s", sig)
			}
			if len(more) != 0 {
				t.Errorf("more on stdout after the ready line: %q", more)
			}
			if _, err := os.Stat(ready.TLSCert); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the temporary certificate is left: %v", err)
			}
		})
	}
}

// trySignInAsAUser runs jcsso check on the metadata URL, signs in through
// the forms as a browser would, and runs jcsso inspect on the response.
func trySignInAsAUser(t *testing.T, bin string, ready readyLine) {
	t.Helper()
	env := append(os.Environ(), "SSL_CERT_FILE="+ready.TLSCert, "NO_COLOR=1")
	run := func(args ...string) (int, string) {
		c := exec.Command(bin, args...)
		c.Env = env
		out, err := c.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), string(out)
		} else if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return 0, string(out)
	}
	if code, out := run("check", ready.MetadataURL, "--sp-entity-id", "https://sp.example", "--acs-url", "http://127.0.0.1:9000/acs",
		"--idp-entity-id", ready.EntityID); code != 0 || !strings.Contains(out, "OK: no failures") {
		t.Fatalf("jcsso check exit %d:\n%s", code, out)
	}

	// A service provider's AuthnRequest by HTTP-Redirect, then the forms.
	req := `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_user-req-1" Version="2.0" IssueInstant="` +
		time.Now().UTC().Format(time.RFC3339) + `" AssertionConsumerServiceURL="http://127.0.0.1:9000/acs"><saml:Issuer>https://sp.example</saml:Issuer></samlp:AuthnRequest>`
	enc, err := testidp.RedirectForm([]byte(req))
	if err != nil {
		t.Fatal(err)
	}
	b := samltest.NewBrowser(t, poolFromFile(t, ready.TLSCert))
	page := b.SignIn(b.Get(ready.SSOURL+"?SAMLRequest="+url.QueryEscape(string(enc))+"&RelayState=r1"), testidp.DefaultEmail, "any")
	posted := page.FormWith(t, "SAMLResponse")
	if posted.Action != "http://127.0.0.1:9000/acs" || posted.Fields.Get("RelayState") != "r1" {
		t.Errorf("the form posts to %q with RelayState %q", posted.Action, posted.Fields.Get("RelayState"))
	}
	resp := filepath.Join(t.TempDir(), "saml-response.txt")
	if err := os.WriteFile(resp, []byte(posted.Fields.Get("SAMLResponse")), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := run("inspect", resp, "--metadata", ready.MetadataURL, "--sp-entity-id", "https://sp.example",
		"--acs-url", "http://127.0.0.1:9000/acs", "--request-id", "_user-req-1", "--admin", testidp.DefaultEmail); code != 0 ||
		!strings.Contains(out, "ACCEPTED: the service provider would log this user in") || !strings.Contains(out, "Response and Assertion (verified)") {
		t.Fatalf("jcsso inspect exit %d:\n%s", code, out)
	}
}
