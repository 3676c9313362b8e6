package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// runningIdP is `jcsso idp` running in-process until stop is called.
type runningIdP struct {
	t      *testing.T
	lines  chan string // stdout, line by line; closed when the command ends
	stderr *samltest.SyncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startIdPCmd runs the command line as main does, with a context that
// stop cancels as ctrl+c would.
func startIdPCmd(t *testing.T, args ...string) *runningIdP {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	root := newRootCmd()
	root.SetArgs(args)
	pr, pw := io.Pipe()
	r := &runningIdP{t: t, lines: make(chan string, 64), stderr: &samltest.SyncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	root.SetOut(pw)
	root.SetErr(r.stderr)
	root.SetIn(strings.NewReader(""))
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			r.lines <- sc.Text()
		}
		close(r.lines)
	}()
	go func() {
		err := root.ExecuteContext(ctx)
		pw.Close()
		r.done <- err
	}()
	t.Cleanup(func() { r.stop() })
	return r
}

// firstLine waits for the first line on stdout.
func (r *runningIdP) firstLine() string {
	r.t.Helper()
	select {
	case l, ok := <-r.lines:
		if !ok {
			r.t.Fatalf("the command ended before printing anything; stderr:\n%s", r.stderr.String())
		}
		return l
	case <-time.After(30 * time.Second):
		r.t.Fatalf("no ready line; stderr:\n%s", r.stderr.String())
	}
	return ""
}

// stop cancels the context and returns the command's error and whatever
// else it printed on stdout.
func (r *runningIdP) stop() ([]string, error) {
	r.cancel()
	err := <-r.done
	r.done <- err // a second stop (the cleanup) gets the same answer
	var rest []string
	for l := range r.lines {
		rest = append(rest, l)
	}
	return rest, err
}

// readyLine is the --json line as a script reads it.
type readyLine struct {
	MetadataURL     string `json:"metadata_url"`
	SSOURL          string `json:"sso_url"`
	IdPInitiatedURL string `json:"idp_initiated_url"`
	EntityID        string `json:"entity_id"`
	TLSCert         string `json:"tls_cert"`
	Users           []struct {
		Email string `json:"email"`
		Bound bool   `json:"bound"`
	} `json:"users"`
	Faults []string `json:"faults"`
}

// poolFromFile holds the certificates of a PEM file, as SSL_CERT_FILE
// would have a client trust them.
func poolFromFile(t *testing.T, path string) *x509.CertPool {
	t.Helper()
	pem, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("%s holds no certificate", path)
	}
	return pool
}

// clientTrusting is an HTTP client that trusts only the PEM file at path.
func clientTrusting(t *testing.T, path string) *http.Client {
	t.Helper()
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: poolFromFile(t, path)}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// TestIdPJSONReadyLine: with --json, exactly one JSON line when ready
// (every documented field), the URLs serve, the logs of --verbose go to
// stderr without the password, and a stop ends it cleanly with nothing
// more on stdout and the temporary certificate removed.
func TestIdPJSONReadyLine(t *testing.T) {
	r := startIdPCmd(t, "idp", "--sp-entity-id", "https://sp.example", "--acs-url", "http://127.0.0.1:9000/acs",
		"--user", "alice@acmecorp.com", "--unbound-user", "bob@acmecorp.com", "--password", "hunter2-pw",
		"--fault", "sha1,wrong-audience", "--key-bits", "2048", "--json", "--verbose")
	line := r.firstLine()
	var ready readyLine
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ready); err != nil {
		t.Fatalf("ready line %q: %v", line, err)
	}
	if ready.EntityID != "jumpcloud-testapp" || !strings.HasPrefix(ready.MetadataURL, "https://127.0.0.1:") ||
		ready.SSOURL+"/metadata.xml" != ready.MetadataURL || ready.IdPInitiatedURL != ready.SSOURL+"/idp-initiated" {
		t.Errorf("ready line: %+v", ready)
	}
	if len(ready.Users) != 2 || !ready.Users[0].Bound || ready.Users[1].Bound || ready.Users[1].Email != "bob@acmecorp.com" {
		t.Errorf("users: %+v", ready.Users)
	}
	if !slices.Equal(ready.Faults, []string{"sha1", "wrong-audience"}) {
		t.Errorf("faults: %v", ready.Faults)
	}
	resp, err := clientTrusting(t, ready.TLSCert).Get(ready.MetadataURL)
	if err != nil {
		t.Fatalf("a client trusting %s: %v", ready.TLSCert, err)
	}
	md, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(md, []byte(`entityID="jumpcloud-testapp"`)) {
		t.Errorf("metadata: %s", md)
	}
	rest, err := r.stop()
	if err != nil || len(rest) != 0 {
		t.Errorf("stop: %v; more on stdout: %q", err, rest)
	}
	logs := r.stderr.String()
	if !strings.Contains(logs, "metadata served") || strings.Contains(logs, "hunter2-pw") || strings.Contains(logs, "PRIVATE") {
		t.Errorf("stderr:\n%s", logs)
	}
	if _, err := os.Stat(ready.TLSCert); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temporary certificate is left after stopping: %v", err)
	}
}

// TestIdPStartText: without --json, the start-up text names every URL, the
// entity ID, the certificate and how to trust it.
func TestIdPStartText(t *testing.T) {
	r := startIdPCmd(t, "idp", "--profile", "avoma", "--key-bits", "2048", "--fault", "no-redirect-binding")
	var text []string
	for l := range r.lines {
		text = append(text, l)
		if strings.Contains(l, "curl --cacert") {
			break
		}
	}
	out := strings.Join(text, "\n")
	for _, want := range []string{`test IdP for the application "avoma" is ready`, "Metadata URL:", "/saml2/avoma/metadata.xml",
		"Sign-on URL:", "IdP-initiated URL:", "IdP Entity ID:     jumpcloud-avoma", "TLS certificate:", "SP Entity ID:      https://app.avoma.com",
		"ACS URLs:          https://prod-api.avoma.com/saml2/acs", "Users:             alice@acmecorp.com", "Faults:            no-redirect-binding",
		"SSL_CERT_FILE="} {
		if !strings.Contains(out, want) {
			t.Errorf("start text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("escape codes written to a pipe")
	}
}

// TestIdPOptionsFromProfile: a profile fills the SP values and the SSO
// tab's settings; flags win; a profile whose SP makes its values per
// organisation needs them as flags.
func TestIdPOptionsFromProfile(t *testing.T) {
	f := &idpFlags{profile: "avoma", skew: testidp.DefaultSkew, keyBits: 2048}
	o, err := f.options()
	if err != nil {
		t.Fatal(err)
	}
	s := o.SSO
	if o.App != "avoma" || s.SPEntityID != "https://app.avoma.com" || s.ACSURLs[0] != "https://prod-api.avoma.com/saml2/acs" ||
		s.DefaultRelayState != "https://app.avoma.com" || s.NameIDFormat != testidp.NameIDEmail || s.Sign != testidp.SignBoth ||
		!s.DeclareRedirectEndpoint || len(s.Attributes) != 3 || s.Attributes[1] != (testidp.AttributeMapping{Name: "firstname", Field: "firstname"}) {
		t.Errorf("options from avoma: %+v", o)
	}
	f = &idpFlags{profile: "avoma", skew: time.Minute, sign: "assertion", spEntityID: "https://sp.example", app: "crm"}
	if o, err = f.options(); err != nil || o.SSO.Sign != testidp.SignAssertion || o.SSO.SPEntityID != "https://sp.example" || o.App != "crm" {
		t.Errorf("flags over the profile: %+v %v", o, err)
	}
	if _, err := (&idpFlags{profile: "vome", skew: time.Minute}).options(); err == nil || !strings.Contains(err.Error(), "--sp-entity-id and --acs-url") {
		t.Errorf("vome without SP values: %v", err)
	}
}

// TestIdPUsageErrors: bad usage is one line and exit 2, in JSON with --json.
func TestIdPUsageErrors(t *testing.T) {
	sp := []string{"--sp-entity-id", "https://sp.example", "--acs-url", "http://127.0.0.1:9000/acs", "--key-bits", "2048"}
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"idp"}, "give the service provider's --sp-entity-id and --acs-url"},
		{append([]string{"idp", "--fault", "sha-1"}, sp...), `unknown fault "sha-1"`},
		{append([]string{"idp", "--fault", "unsigned,assertion-only"}, sp...), "cannot be combined"},
		{append([]string{"idp", "--sign", "all"}, sp...), "--sign"},
		{append([]string{"idp", "--addr", "0.0.0.0:0"}, sp...), "loopback"},
		{append([]string{"idp", "--key-bits", "1024"}, sp[:4]...), "at least 2048"},
		// A mistyped size is refused at once, not generated until memory runs out.
		{append([]string{"idp", "--key-bits", "99999999999"}, sp[:4]...), "at most 8192"},
		{[]string{"idp", "--sp-entity-id", "https://sp.example", "--acs-url", "http://sp.example/acs"}, "https"},
		{[]string{"idp", "--profile", "vome"}, "per organisation"},
		{[]string{"idp", "--profile", "avona"}, "unknown profile"},
		{append([]string{"idp", "--skew", "0s"}, sp...), "--skew"},
		{append([]string{"idp", "extra"}, sp...), "unknown command"},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.say) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q (stdout %q), want 2 and one line saying %q", tc.args, code, errOut, out, tc.say)
		}
		// With --json: every command's error shape, on one line (item 8).
		code, out, _ = runCmd(t, "", append(tc.args, "--json")...)
		var e jsonError
		if code != exitUsage || json.Unmarshal([]byte(out), &e) != nil || e.OK || e.Error.Kind != kindUsage ||
			!strings.Contains(e.Error.Message, tc.say) || strings.Count(out, "\n") != 1 {
			t.Errorf("%v --json: exit %d, stdout %q, want one line {\"ok\":false,\"error\":{\"kind\":\"usage\",...}}", tc.args, code, out)
		}
	}
}

// TestIdPListFaults: the faults with a description each, as text and JSON.
func TestIdPListFaults(t *testing.T) {
	code, out, _ := runCmd(t, "", "idp", "--list-faults")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range testidp.Faults() {
		if !strings.Contains(out, string(f.Name)+"  ") || !strings.Contains(out, f.Description) {
			t.Errorf("--list-faults lacks %s", f.Name)
		}
	}
	code, out, _ = runCmd(t, "", "idp", "--list-faults", "--json")
	var list []testidp.FaultInfo
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || !slices.Equal(list, testidp.Faults()) {
		t.Errorf("--list-faults --json: exit %d\n%s", code, out)
	}
}
