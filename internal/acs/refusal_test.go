package acs_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/testidp"
)

// issue has the rig's IdP make alice's response to a request (for the
// test ACS URL; an unsolicited one names the default ACS URL, and the tests
// post it here all the same).
func (r *rig) issue(t *testing.T, requestID string) *testidp.Issued {
	t.Helper()
	got, err := r.idp.Issue(testidp.DefaultEmail, testidp.SignIn{RequestID: requestID, ACSURL: r.sess.ACSURL(), RelayState: r.sess.RelayState()})
	if err != nil {
		t.Fatal(err)
	}
	if requestID != "" && got.ACSURL != r.sess.ACSURL() {
		t.Fatalf("issued for %s, want the test ACS URL", got.ACSURL)
	}
	return got
}

func responseForm(i *testidp.Issued) url.Values {
	return url.Values{"SAMLResponse": {i.SAMLResponse}, "RelayState": {i.RelayState}}
}

// TestRefusalsBeforeTheResponse: a GET of the ACS URL, another path, an
// oversized body, a POST without a SAMLResponse, and a response to another
// request are each refused with a 4xx page saying why; the listener keeps
// waiting, and the genuine response is then accepted.
func TestRefusalsBeforeTheResponse(t *testing.T) {
	r := newRig(t, rigOptions{acs: func(o *acs.Options) { o.MaxBodyBytes = 64 << 10 }})
	base := strings.TrimSuffix(r.sess.ACSURL(), acs.ACSPath)
	other := r.issue(t, "_another-request")
	cases := []struct {
		name   string
		do     func() (int, string)
		reason acs.RefusalReason
		status int
		say    string
	}{
		{"GET of the ACS URL", func() (int, string) { return get(t, r.sess.ACSURL()) },
			acs.RefusedMethod, http.StatusMethodNotAllowed, "the IdP posts the SAML response here"},
		{"another path", func() (int, string) { return get(t, base+"/saml/acs/") },
			acs.RefusedPath, http.StatusNotFound, "The test ACS URL is " + r.sess.ACSURL()},
		{"POST to another path", func() (int, string) { return post(t, base+"/acs", responseForm(other)) },
			acs.RefusedPath, http.StatusNotFound, "Nothing is served at /acs"},
		{"an oversized body", func() (int, string) {
			return post(t, r.sess.ACSURL(), url.Values{"SAMLResponse": {strings.Repeat("A", 80<<10)}})
		}, acs.RefusedTooLarge, http.StatusRequestEntityTooLarge, "The form is over the 64 KiB limit"},
		{"no SAMLResponse", func() (int, string) { return post(t, r.sess.ACSURL(), url.Values{"RelayState": {"x"}}) },
			acs.RefusedNoResponse, http.StatusBadRequest, "no SAMLResponse field"},
		{"a response to another request", func() (int, string) { return post(t, r.sess.ACSURL(), responseForm(other)) },
			acs.RefusedOtherRequest, http.StatusBadRequest, `answers request "_another-request"`},
		{"POST to the login URL", func() (int, string) { return post(t, r.sess.LoginURL(), url.Values{}) },
			acs.RefusedMethod, http.StatusMethodNotAllowed, "opened in a browser"},
	}
	for i, tc := range cases {
		status, body := tc.do()
		if status != tc.status || !strings.Contains(body, tc.say) {
			t.Errorf("%s: %d %s\nwant %d saying %q", tc.name, status, body, tc.status, tc.say)
		}
		got := r.sess.Refusals()
		if len(got) != i+1 || got[i].Reason != tc.reason || got[i].Status != tc.status {
			t.Errorf("%s: refusals %+v, want the %dth %s", tc.name, got, i+1, tc.reason)
		}
	}

	genuine := r.issue(t, r.sess.RequestID())
	if status, body := post(t, r.sess.ACSURL(), responseForm(genuine)); status != http.StatusOK {
		t.Fatalf("the genuine response after the refusals: %d %s", status, body)
	}
	res, err := wait(t, r.sess)
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res)
	}
	evs := drain(r.sess)
	want := "listening" + strings.Repeat(",refused", len(cases)) + ",received"
	if got := kinds(evs); got != want {
		t.Errorf("events %s, want %s", got, want)
	}
	if evs[1].Refusal == nil || evs[1].Refusal.Reason != acs.RefusedMethod {
		t.Errorf("the first refusal event: %+v", evs[1])
	}
	line, _ := json.Marshal(evs[1])
	if !strings.HasPrefix(string(line), `{"event":"refused","reason":"method","method":"GET","path":"/saml/acs","status":405,"message":`) {
		t.Errorf("refused line %s", line)
	}
	if line, _ := json.Marshal(evs[len(evs)-1]); string(line) != `{"event":"received","in_response_to":"`+r.sess.RequestID()+`","idp_initiated":false,"destination":"`+r.sess.ACSURL()+`"}` {
		t.Errorf("received line %s", line)
	}
}

// TestRefusalsAfterTheResponse: once the one response is in, the same
// response again (a replay), another response with the same Assertion ID
// (a replay of the assertion), a new response to the answered request, an
// unsolicited one, and the login URL are each refused with 409 and say
// so; Wait still returns the first, and then the listener is closed.
func TestRefusalsAfterTheResponse(t *testing.T) {
	r := newRig(t, rigOptions{})
	first := r.issue(t, r.sess.RequestID())
	if status, body := post(t, r.sess.ACSURL(), responseForm(first)); status != http.StatusOK || !strings.Contains(body, "result is in the terminal") {
		t.Fatalf("the response: %d %s", status, body)
	}
	// The same assertion inside a response with another ID: the digest
	// differs, the Assertion ID does not.
	assertionReplay := *first
	assertionReplay.SAMLResponse = string(testidp.PostForm([]byte(strings.Replace(string(first.XML), `ID="`+first.ResponseID+`"`, `ID="_replayed"`, 1))))
	if assertionReplay.SAMLResponse == first.SAMLResponse {
		t.Fatal("the response ID was not replaced")
	}
	cases := []struct {
		name   string
		form   url.Values
		reason acs.RefusalReason
		say    string
	}{
		{"the same response again", responseForm(first), acs.RefusedReplay, "received already"},
		{"its assertion in another response", responseForm(&assertionReplay), acs.RefusedAssertionReplay, "an assertion is accepted once"},
		{"a new response to the same request", responseForm(r.issue(t, r.sess.RequestID())), acs.RefusedAnswered, "a request is used once"},
		{"an unsolicited response", responseForm(r.issue(t, "")), acs.RefusedSecond, "takes only one"},
	}
	for _, tc := range cases {
		status, body := post(t, r.sess.ACSURL(), tc.form)
		if status != http.StatusConflict || !strings.Contains(body, tc.say) {
			t.Errorf("%s: %d %s\nwant 409 saying %q", tc.name, status, body, tc.say)
		}
		if got := r.sess.Refusals(); got[len(got)-1].Reason != tc.reason {
			t.Errorf("%s: refused as %s, want %s", tc.name, got[len(got)-1].Reason, tc.reason)
		}
	}
	resp, err := http.Get(r.sess.LoginURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("the login URL after the response: %d, want 409", resp.StatusCode)
	}

	res, err := wait(t, r.sess)
	if err != nil || res.Report.InResponseTo != r.sess.RequestID() {
		t.Fatalf("Wait: %v %+v", err, res)
	}
	if _, err := http.PostForm(r.sess.ACSURL(), responseForm(first)); err == nil {
		t.Error("the listener still answers after Wait")
	}
	if again, err := wait(t, r.sess); err != nil || again != res {
		t.Errorf("Wait again: %v, same result %v", err, again == res)
	}
}

// TestRefusedResponseIsACause: a response refused for answering another
// request is the first likely cause when nothing else arrives.
func TestRefusedResponseIsACause(t *testing.T) {
	r := newRig(t, rigOptions{})
	post(t, r.sess.ACSURL(), responseForm(r.issue(t, "_an-older-tab")))
	_, err := r.sess.Wait(expired())
	var we *acs.WaitError
	if !errors.As(err, &we) {
		t.Fatalf("want a WaitError, got %v", err)
	}
	if we.Causes[0].ID != acs.CauseResponseRefused || we.Causes[1].ID != acs.CauseLoginNotOpened {
		t.Errorf("causes %+v", we.Causes)
	}
	if !strings.Contains(err.Error(), "1 request(s) refused") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q", err)
	}
}

// TestEventFlood: a flood of refused requests neither blocks the listener
// nor crowds the received event out of the channel, and Refusals keeps
// every one.
func TestEventFlood(t *testing.T) {
	r := newRig(t, rigOptions{})
	const flood = 100
	for range flood {
		get(t, r.sess.ACSURL())
	}
	post(t, r.sess.ACSURL(), responseForm(r.issue(t, r.sess.RequestID())))
	if _, err := wait(t, r.sess); err != nil {
		t.Fatal(err)
	}
	evs := drain(r.sess)
	if evs[0].Kind != acs.EventListening || evs[len(evs)-1].Kind != acs.EventReceived || len(evs) >= flood {
		t.Errorf("%d events: %s", len(evs), kinds(evs))
	}
	if n := len(r.sess.Refusals()); n != flood {
		t.Errorf("%d refusals recorded, want %d", n, flood)
	}
}
