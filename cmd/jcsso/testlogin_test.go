package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
)

const loginSP = "https://sp.example/saml"

// loginRun is test-login running in process, its stdout read line by line
// as a script reads it.
type loginRun struct {
	lines  *bufio.Scanner
	errOut *bytes.Buffer
	code   chan int
	all    []string
}

func startTestLogin(t *testing.T, args ...string) *loginRun {
	t.Helper()
	pr, pw := io.Pipe()
	root := newRootCmd()
	var errOut bytes.Buffer
	root.SetOut(pw)
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(""))
	r := &loginRun{lines: bufio.NewScanner(pr), errOut: &errOut, code: make(chan int, 1)}
	r.lines.Buffer(make([]byte, 1<<20), 4<<20)
	go func() {
		code := execute(context.Background(), root, append([]string{"test-login"}, args...))
		pw.Close()
		r.code <- code
	}()
	t.Cleanup(func() { pr.Close() })
	return r
}

// next is the next JSON line, decoded.
func (r *loginRun) next(t *testing.T) map[string]any {
	t.Helper()
	if !r.lines.Scan() {
		t.Fatalf("no more lines after %q (stderr %s)", r.all, r.errOut)
	}
	line := r.lines.Text()
	r.all = append(r.all, line)
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatalf("not JSON: %q", line)
	}
	return m
}

// until reads lines until the result line, which it returns, and checks
// it is the last one.
func (r *loginRun) until(t *testing.T) (map[string]any, int) {
	t.Helper()
	for {
		m := r.next(t)
		if m["event"] == "result" {
			if r.lines.Scan() {
				t.Errorf("a line after the result: %q", r.lines.Text())
			}
			return m, <-r.code
		}
	}
}

// idpForLogin is the test IdP with its metadata written to a file, as
// test-login reads an export.
func idpForLogin(t *testing.T, o testidp.Options) (*testidp.Server, string) {
	t.Helper()
	// The service provider's own ACS, a stand-in on loopback.
	sp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "the service provider's own ACS")
	}))
	t.Cleanup(sp.Close)
	o.SSO.SPEntityID = loginSP
	o.SSO.ACSURLs = []string{sp.URL + "/saml/acs"}
	o.SSO.DeclareRedirectEndpoint = true
	o.SSO.Attributes = []testidp.AttributeMapping{{Name: "email", Field: testidp.FieldEmail}}
	idp := samltest.StartIdP(t, o)
	path := filepath.Join(t.TempDir(), "JumpCloud-testapp-metadata.xml")
	if err := os.WriteFile(path, idp.Metadata(), 0o600); err != nil {
		t.Fatal(err)
	}
	return idp, path
}

// addACS puts the test ACS URL on the IdP's SSO tab, second.
func addACS(t *testing.T, idp *testidp.Server, url string) {
	t.Helper()
	s := idp.Settings()
	s.ACSURLs = append(s.ACSURLs, url)
	if err := idp.Configure(s); err != nil {
		t.Fatal(err)
	}
}

func signInAt(t *testing.T, idp *testidp.Server, loginURL string) {
	t.Helper()
	b := testidp.NewBrowser(idp.CertPool())
	defer b.CloseIdleConnections()
	if _, err := b.LogIn(context.Background(), loginURL, testidp.DefaultEmail, "pw"); err != nil {
		t.Fatal(err)
	}
}

func findingIDs(t *testing.T, m map[string]any, path ...string) map[string]string {
	t.Helper()
	var v any = m
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	out := map[string]string{}
	for _, f := range v.([]any) {
		f := f.(map[string]any)
		out[f["id"].(string)] = f["severity"].(string)
	}
	return out
}

// TestTestLoginJSON is test-login as a script runs it against the test
// IdP, the browser played by the scripted one: the listening line first,
// as soon as the listener is up, then the events, last the result with the
// inspection as inspect --json prints it. A passed login exits 0; an
// Audience typo is rejected (exit 1) with audience.mismatch.
func TestTestLoginJSON(t *testing.T) {
	for _, tc := range []struct {
		name   string
		faults []testidp.Fault
		code   int
		id     string
	}{
		{"passed", nil, 0, samlcheck.IDAudienceMismatch},
		{"wrong audience", []testidp.Fault{testidp.FaultWrongAudience}, 1, samlcheck.IDAudienceMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idp, md := idpForLogin(t, testidp.Options{Faults: tc.faults})
			r := startTestLogin(t, "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser", "--json")
			first := r.next(t)
			acsURL, _ := first["acs_url"].(string)
			if first["event"] != "listening" || !strings.HasPrefix(acsURL, "http://127.0.0.1:") || first["login_url"] == "" || first["request_id"] == "" {
				t.Fatalf("first line %v", first)
			}
			addACS(t, idp, acsURL)
			signInAt(t, idp, first["login_url"].(string))
			res, code := r.until(t)
			if code != tc.code || res["outcome"] != map[int]string{0: "passed", 1: "rejected"}[tc.code] {
				t.Fatalf("exit %d, result %v; lines %q", code, res, r.all)
			}
			insp := res["inspection"].(map[string]any)
			if insp["source"] != acsURL || insp["ok"] != (tc.code == 0) {
				t.Errorf("inspection source %v ok %v", insp["source"], insp["ok"])
			}
			want := "pass"
			if tc.code != 0 {
				want = "fail"
			}
			if got := findingIDs(t, res, "inspection", "findings")[tc.id]; got != want {
				t.Errorf("%s is %q, want %q", tc.id, got, want)
			}
			if got := findingIDs(t, res, "findings")[acs.IDLiveUnsolicited]; got != "pass" {
				t.Errorf("live.unsolicited %q", got)
			}
			if acsUse := res["acs"].(map[string]any); acsUse["destination_is_test"] != true {
				t.Errorf("acs %v", acsUse)
			}
			var kinds []string
			for _, l := range r.all {
				var m map[string]any
				_ = json.Unmarshal([]byte(l), &m)
				kinds = append(kinds, m["event"].(string))
			}
			if got := strings.Join(kinds, ","); got != "listening,opened,received,result" {
				t.Errorf("events %s", got)
			}
		})
	}
}

// TestTestLoginNoResponse: nothing before the timeout exits 3, the result
// line naming the likely causes in order (no browser opened the login URL
// first); with an IdP that always posts to the default ACS URL, the cause
// is among the first, and the text form lists the causes with their fixes.
func TestTestLoginNoResponse(t *testing.T) {
	_, md := idpForLogin(t, testidp.Options{})
	r := startTestLogin(t, "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser", "--json", "--timeout", "50ms")
	res, code := r.until(t)
	if code != exitNoResponse || res["outcome"] != "no-response" || res["ok"] != false {
		t.Fatalf("exit %d result %v", code, res)
	}
	causes := res["causes"].([]any)
	if len(causes) < 3 || causes[0].(map[string]any)["id"] != acs.CauseLoginNotOpened {
		t.Errorf("causes %v", causes)
	}

	idp, md := idpForLogin(t, testidp.Options{AlwaysDefaultACS: true})
	r = startTestLogin(t, "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser", "--json", "--timeout", "2s")
	first := r.next(t)
	addACS(t, idp, first["acs_url"].(string))
	b := testidp.NewBrowser(idp.CertPool())
	login, err := b.LogIn(context.Background(), first["login_url"].(string), testidp.DefaultEmail, "pw")
	if err != nil || !login.Delivered || login.PostedTo != idp.Settings().ACSURLs[0] {
		t.Fatalf("the IdP should post to the default ACS URL: %+v %v", login, err)
	}
	res, code = r.until(t)
	if code != exitNoResponse {
		t.Fatalf("exit %d", code)
	}
	found := false
	for i, c := range res["causes"].([]any) {
		if c.(map[string]any)["id"] == acs.CauseDefaultACS && i <= 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("acs.default-used not first or second: %v", res["causes"])
	}

	code, out, errOut := runCmd(t, "", "test-login", "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser", "--timeout", "50ms")
	if code != exitNoResponse || !strings.Contains(out, "Likely causes, most likely first:") || !strings.Contains(out, "1. login.not-opened") ||
		!strings.Contains(out, "fix: On the app's SSO tab, add the test ACS URL") || !strings.Contains(errOut, "add this ACS URL as an extra one") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestTestLoginText: the plain form says what to add and where to sign in
// on stderr, and prints the report on stdout: the live test, the
// inspection, the verdict and the reminder to remove the URL.
func TestTestLoginText(t *testing.T) {
	idp, md := idpForLogin(t, testidp.Options{})
	pr, pw := io.Pipe()
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(pw)
	root.SetIn(strings.NewReader(""))
	code := make(chan int, 1)
	go func() {
		code <- execute(context.Background(), root, []string{"test-login", "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser"})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var errLines []string
	var acsURL string
	for sc.Scan() {
		l := sc.Text()
		errLines = append(errLines, l)
		if strings.HasPrefix(l, "  http://127.0.0.1:") && strings.HasSuffix(l, acs.ACSPath) {
			acsURL = strings.TrimSpace(l)
		}
		if strings.HasPrefix(l, "  http://127.0.0.1:") && strings.HasSuffix(l, acs.LoginPath) {
			addACS(t, idp, acsURL)
			signInAt(t, idp, strings.TrimSpace(l))
		}
	}
	if c := <-code; c != 0 {
		t.Fatalf("exit %d\n%s\n%s", c, strings.Join(errLines, "\n"), out.String())
	}
	for _, want := range []string{"Live login test: " + acsURL, "ACS used:", "the test ACS URL (Destination and Recipient)", "✓ live.unsolicited",
		"Who logged in", "alice@acmecorp.com", "ACCEPTED", "Remove " + acsURL} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(strings.Join(errLines, "\n"), "a browser opened the login URL") {
		t.Errorf("stderr: %q", errLines)
	}
}

// TestTestLoginRefusals: what the command adds to the listener's own
// refusals: a port already taken is one line naming --acs-port (exit 2,
// JSON with --json), and bad flags or missing input are bad usage.
func TestTestLoginRefusals(t *testing.T) {
	_, md := idpForLogin(t, testidp.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	code, out, errOut := runCmd(t, "", "test-login", "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", port, "--no-browser")
	if code != exitUsage || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "--acs-port") || out != "" {
		t.Errorf("busy port: exit %d, stderr %q, stdout %q", code, errOut, out)
	}
	code, out, _ = runCmd(t, "", "test-login", "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", port, "--json")
	var je jsonError
	if code != exitUsage || json.Unmarshal([]byte(out), &je) != nil || je.OK || !strings.Contains(je.Error.Message, "--acs-port") {
		t.Errorf("busy port, JSON: exit %d, %q", code, out)
	}
	for _, args := range [][]string{
		{"--sp-entity-id", loginSP}, // no metadata
		{"--metadata", md},          // no SP Entity ID
		{"--metadata", md, "--sp-entity-id", loginSP, "--binding", "artifact"},
		{"--metadata", md, "--sp-entity-id", loginSP, "--timeout", "0s"},
		{"--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "70000"},
		{"--metadata", filepath.Join(t.TempDir(), "missing.xml"), "--sp-entity-id", loginSP},
	} {
		code, _, errOut := runCmd(t, "", append([]string{"test-login", "--no-browser"}, args...)...)
		if code != exitUsage || strings.TrimSpace(errOut) == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestTestLoginCrewjamIdP: test-login --json against an IdP it has never
// seen, crewjam/saml's, known only by its metadata, completes a login
// driven by a scripted browser.
func TestTestLoginCrewjamIdP(t *testing.T) {
	idp := samltest.StartCrewjamIdP(t)
	md := filepath.Join(t.TempDir(), "metadata.xml")
	if err := os.WriteFile(md, idp.Metadata(t), 0o600); err != nil {
		t.Fatal(err)
	}
	r := startTestLogin(t, "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser", "--json")
	first := r.next(t)
	idp.RegisterSP(t, loginSP, first["acs_url"].(string))
	page := idp.LogIn(t, first["login_url"].(string))
	if page.Status != 200 {
		t.Fatalf("landed with %d: %s", page.Status, page.Body)
	}
	res, code := r.until(t)
	if code != 0 || res["ok"] != true {
		t.Fatalf("exit %d: %v", code, res)
	}
	if subj := res["inspection"].(map[string]any)["subject"].(map[string]any); subj["email"] != "alice@acmecorp.com" {
		t.Errorf("subject %v", subj)
	}
}

// TestTestLoginScreen: on a terminal test-login is a full screen: the test
// ACS URL to add, the spinner with the time left, then, with nothing
// before the timeout, the likely causes; enter closes it, the report stays
// in the scrollback, and the exit status is 3.
func TestTestLoginScreen(t *testing.T) {
	bin := buildBinary(t)
	_, md := idpForLogin(t, testidp.Options{})
	tm := startTerm(t, bin, t.TempDir(), "test-login", "--metadata", md, "--sp-entity-id", loginSP, "--acs-port", "0", "--no-browser", "--timeout", "2s")
	tm.waitFor("Test a live login", "add the test ACS URL", "Waiting for the response", "esc cancels")
	tm.waitFor("Likely causes, most likely first:", "no browser opened the login URL")
	tm.send("\r")
	tm.wait(false)
	tm.waitFor("1. login.not-opened")
	if code := tm.cmd.ProcessState.ExitCode(); code != exitNoResponse {
		t.Errorf("exit %d, want %d", code, exitNoResponse)
	}
}
