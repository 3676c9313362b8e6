package acs_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// TestDefaultPortIsStable: the test ACS URL admins add in JumpCloud is
// built on this port; changing it breaks every URL already added.
func TestDefaultPortIsStable(t *testing.T) {
	if got := acs.ACSURLFor(acs.DefaultPort); got != "http://127.0.0.1:8741/saml/acs" {
		t.Fatalf("the default test ACS URL is %q: every URL already added in JumpCloud would stop working", got)
	}
}

// TestFreePort: port 0 listens on a free loopback port, and the URLs say
// which.
func TestFreePort(t *testing.T) {
	s := start(t, acs.Options{})
	want := "http://127.0.0.1:" + strconv.Itoa(s.Port())
	if s.Port() == 0 || s.ACSURL() != want+"/saml/acs" || s.ACSURL() != acs.ACSURLFor(s.Port()) || s.LoginURL() != want+"/saml/login" {
		t.Fatalf("port %d, ACS %q, login %q", s.Port(), s.ACSURL(), s.LoginURL())
	}
}

// TestBusyPort: a port another program holds is ErrPortBusy, in one line
// that names --acs-port.
func TestBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = acs.Start(acs.Options{Port: port, SPEntityID: spEntityID, SSO: ssoBoth})
	if !errors.Is(err, acs.ErrPortBusy) {
		t.Fatalf("want ErrPortBusy, got %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "--acs-port") || !strings.Contains(msg, "127.0.0.1:"+strconv.Itoa(port)) || strings.Contains(msg, "\n") {
		t.Errorf("message %q: want one line naming the address and --acs-port", msg)
	}
}

// TestStartRefusesBadOptions: each mistake is a one-line error, and no
// listener is left behind.
func TestStartRefusesBadOptions(t *testing.T) {
	cases := map[string]acs.Options{
		"port below 0":    {Port: -1, SPEntityID: spEntityID, SSO: ssoBoth},
		"port over 65535": {Port: 70000, SPEntityID: spEntityID, SSO: ssoBoth},
		"no SP entity ID": {SSO: ssoBoth},
		"no sign-on URL":  {SPEntityID: spEntityID},
		"relative URL":    {SPEntityID: spEntityID, SSO: []samlcheck.Endpoint{{Binding: rules.BindingRedirect, URL: "/saml2/app"}}},
		"bad binding":     {SPEntityID: spEntityID, SSO: ssoBoth, Binding: "artifact"},
		"bad format":      {SPEntityID: spEntityID, SSO: ssoBoth, NameIDFormat: "email address"},
	}
	for name, o := range cases {
		if s, err := acs.Start(o); err == nil || strings.Contains(err.Error(), "\n") {
			if s != nil {
				_ = s.Close()
			}
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := acs.Start(acs.Options{SPEntityID: spEntityID}); !errors.Is(err, acs.ErrNoSSOEndpoint) {
		t.Errorf("no endpoints: %v, want ErrNoSSOEndpoint", err)
	}
}

// TestParseBinding reads what a user types for --binding.
func TestParseBinding(t *testing.T) {
	for in, want := range map[string]acs.Binding{"": acs.BindingAuto, "auto": acs.BindingAuto, "Redirect": acs.BindingRedirect, "post": acs.BindingPOST} {
		if got, err := acs.ParseBinding(in); err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	if _, err := acs.ParseBinding("artifact"); err == nil || !strings.Contains(err.Error(), "redirect, post") {
		t.Errorf("artifact: %v", err)
	}
}

// TestListeningEvent: the first event is the listening line test-login
// prints with --json, holding the URLs and the request ID.
func TestListeningEvent(t *testing.T) {
	s := start(t, acs.Options{})
	ev := <-s.Events()
	if ev.Kind != acs.EventListening || ev.ACSURL != s.ACSURL() || ev.LoginURL != s.LoginURL() || ev.RequestID != s.RequestID() {
		t.Fatalf("first event %+v", ev)
	}
	line, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal(line, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"event": "listening", "acs_url": s.ACSURL(), "login_url": s.LoginURL(), "request_id": s.RequestID(), "binding": "redirect"}
	if len(got) != len(want) {
		t.Errorf("listening line %s, want exactly the keys of %v", line, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (%s)", k, got[k], v, line)
		}
	}
	if !regexp.MustCompile(`^\{"event":"listening",`).Match(line) {
		t.Errorf("the line does not start with the event: %s", line)
	}
}

// TestWaitCancelled: a cancelled context, or Close while waiting, is
// ErrCanceled; the events channel is closed after.
func TestWaitCancelled(t *testing.T) {
	s := start(t, acs.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Wait(ctx)
	if !errors.Is(err, acs.ErrCanceled) || errors.Is(err, acs.ErrNoResponse) || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("want ErrCanceled, got %v", err)
	}
	if got := kinds(drain(s)); got != "listening" {
		t.Errorf("events %s", got)
	}

	s = start(t, acs.Options{})
	errc := make(chan error, 1)
	go func() {
		_, err := s.Wait(context.Background())
		errc <- err
	}()
	_ = s.Close()
	if err := <-errc; !errors.Is(err, acs.ErrCanceled) {
		t.Fatalf("Close during Wait: %v", err)
	}
}

// TestCauses: the table's ids are unique and worded; without evidence
// the order is the issue's, with "never opened" first when no browser came.
func TestCauses(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range acs.Causes() {
		if seen[c.ID] || c.Title == "" || c.Fix == "" {
			t.Errorf("cause %+v: duplicate or without words", c)
		}
		seen[c.ID] = true
	}
	ids := func(cs []acs.Cause) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return strings.Join(out, " ")
	}
	if got := ids(acs.LikelyCauses(acs.Evidence{LoginOpened: true})); got != "acs.not-added acs.default-used user.not-bound" {
		t.Errorf("opened, nothing seen: %s", got)
	}
	if got := ids(acs.LikelyCauses(acs.Evidence{})); got != "login.not-opened acs.not-added acs.default-used user.not-bound" {
		t.Errorf("never opened: %s", got)
	}
	ev := acs.Evidence{LoginOpened: true, Refusals: []acs.Refusal{
		{Reason: acs.RefusedPath, Method: "GET", Path: "/"},
		{Reason: acs.RefusedPath, Method: "POST", Path: "/saml/acs/"},
		{Reason: acs.RefusedTooLarge, Method: "POST", Path: acs.ACSPath},
	}}
	if got := ids(acs.LikelyCauses(ev)); got != "response.refused acs.url-differs acs.not-added acs.default-used user.not-bound" {
		t.Errorf("with evidence: %s", got)
	}
	// What a scripted browser saw puts its cause first: the IdP's page
	// without a response, or a response posted to another server.
	const test = "http://127.0.0.1:8741/saml/acs"
	for _, tc := range []struct {
		b    acs.BrowserOutcome
		want string
	}{
		{acs.BrowserOutcome{NoResponse: true}, "user.not-bound acs.not-added acs.default-used"},
		{acs.BrowserOutcome{PostedTo: "https://prod-api.avoma.com/saml2/acs"}, "acs.default-used acs.not-added user.not-bound"},
		{acs.BrowserOutcome{PostedTo: "http://127.0.0.1:8741/saml/asc"}, "acs.not-added acs.default-used user.not-bound"},
	} {
		we := (&acs.WaitError{ACSURL: test, LoginOpened: true}).WithBrowser(tc.b)
		if got := ids(we.Causes); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.b, got, tc.want)
		}
	}
}

// TestLiveChecksTable: every live finding id has a row with a fix.
func TestLiveChecksTable(t *testing.T) {
	rows := map[string]bool{}
	for _, c := range acs.LiveChecks() {
		if c.Fix == "" || c.Title == "" {
			t.Errorf("%s has no words", c.ID)
		}
		rows[c.ID] = true
	}
	for _, id := range []string{acs.IDLiveUnsolicited, acs.IDLiveRelayState, acs.IDLiveBinding} {
		if !rows[id] {
			t.Errorf("%s has no row", id)
		}
	}
}
