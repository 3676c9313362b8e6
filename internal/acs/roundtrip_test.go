package acs_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// TestRoundTripPasses is the happy path by each binding: the browser opens
// the login URL, signs in at the test IdP, and the IdP posts to the test
// ACS URL (it honours the request's ACS URL, listed second); the response
// is inspected with the request matched, and passes.
func TestRoundTripPasses(t *testing.T) {
	for _, b := range []acs.Binding{acs.BindingRedirect, acs.BindingPOST} {
		t.Run(string(b), func(t *testing.T) {
			r := newRig(t, rigOptions{
				idp: testidp.Options{},
				acs: func(o *acs.Options) {
					o.Binding = b
					o.Inspect.Admins = []string{testidp.DefaultEmail}
				},
			})
			page := signIn(t, r.browser(t), r.sess.LoginURL())
			if page.Status != http.StatusOK || !strings.Contains(page.Body, "result is in the terminal") {
				t.Fatalf("the browser's last page: %d %s", page.Status, page.Body)
			}
			if page.URL.String() != r.sess.ACSURL() {
				t.Errorf("the response went to %s, want the test ACS URL %s", page.URL, r.sess.ACSURL())
			}
			res, err := wait(t, r.sess)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() {
				t.Fatalf("rejected: %+v %+v", res.Report.Findings, res.Findings)
			}
			if res.Binding != b || r.sess.Binding() != b {
				t.Errorf("binding %q (session %q), want %q", res.Binding, r.sess.Binding(), b)
			}
			if res.IdPInitiated || res.RequestID != r.sess.RequestID() || res.Report.InResponseTo != r.sess.RequestID() {
				t.Errorf("IdP-initiated %v, request %q, InResponseTo %q; want the request %q", res.IdPInitiated, res.RequestID, res.Report.InResponseTo, r.sess.RequestID())
			}
			if f := findingOf(t, res.Report.Findings, samlcheck.IDInResponseToMismatch); f.Severity != samlcheck.SeverityPass {
				t.Errorf("InResponseTo not matched: %+v", f)
			}
			want := acs.ACSUse{TestURL: r.sess.ACSURL(), Destination: r.sess.ACSURL(), Recipients: []string{r.sess.ACSURL()},
				DestinationIsTest: true, RecipientIsTest: true}
			if got := res.ACS; got.TestURL != want.TestURL || got.Destination != want.Destination || len(got.Recipients) != 1 ||
				got.Recipients[0] != want.TestURL || !got.DestinationIsTest || !got.RecipientIsTest {
				t.Errorf("ACS use %+v, want %+v", got, want)
			}
			if res.Report.Subject.Email != testidp.DefaultEmail || res.Report.Attributes["firstname"][0] != "Alice" {
				t.Errorf("subject %+v attributes %v", res.Report.Subject, res.Report.Attributes)
			}
			if res.RelayState != r.sess.RelayState() || res.SentRelayState != r.sess.RelayState() {
				t.Errorf("RelayState came back %q, sent %q (session %q)", res.RelayState, res.SentRelayState, r.sess.RelayState())
			}
			wantBinding := samlcheck.SeverityPass
			if b == acs.BindingPOST {
				wantBinding = samlcheck.SeverityInfo // asked for
			}
			if f := findingOf(t, res.Findings, acs.IDLiveBinding); f.Severity != wantBinding {
				t.Errorf("live.binding: %+v", f)
			}
			for _, id := range []string{acs.IDLiveUnsolicited, acs.IDLiveRelayState} {
				if f := findingOf(t, res.Findings, id); f.Severity != samlcheck.SeverityPass {
					t.Errorf("%s: %+v", id, f)
				}
			}
			if res.Waited <= 0 || res.Received.Before(res.Listening) {
				t.Errorf("timing: listening %v received %v waited %v", res.Listening, res.Received, res.Waited)
			}
			if r.prod.count() != 0 {
				t.Errorf("the service provider's own ACS got %d posts", r.prod.count())
			}
			if got := kinds(drain(r.sess)); got != "listening,opened,received" {
				t.Errorf("events %s", got)
			}
		})
	}
}

// TestRoundTripFaults: with each fault of the test IdP that changes the
// response, the live test's findings name the cause the domain notes give,
// at the severity the inspection gives it (as `jcsso inspect` does for a
// captured response).
func TestRoundTripFaults(t *testing.T) {
	cases := []struct {
		fault testidp.Fault
		id    string
		sev   samlcheck.Severity
		say   string
		// adjust sets what the case needs trusted or expected.
		adjust func(*acs.Options)
	}{
		// Against the IdP Entity ID the admin meant (what Avoma is sent).
		{testidp.FaultPlaceholderEntityID, samlcheck.IDIssuerMismatch, samlcheck.SeverityFail, `"IdP Entity ID"`,
			func(o *acs.Options) { o.Inspect.IdPEntityID = "jumpcloud-" + testidp.DefaultApp }},
		{testidp.FaultEmailMismatch, samlcheck.IDAdminUnknown, samlcheck.SeverityFail, "alice.alt@acmecorp.com",
			func(o *acs.Options) { o.Inspect.Admins = []string{testidp.DefaultEmail} }},
		{testidp.FaultRotatedCert, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail, "verified by the certificate in the response's own KeyInfo", nil},
		{testidp.FaultAssertionOnly, samlcheck.IDSignaturePartial, samlcheck.SeverityWarn, "only the Assertion is signed", nil},
		{testidp.FaultResponseOnly, samlcheck.IDSignaturePartial, samlcheck.SeverityWarn, "only the Response is signed", nil},
		{testidp.FaultUnsigned, samlcheck.IDSignatureMissing, samlcheck.SeverityFail, "neither the Response nor its Assertion", nil},
		{testidp.FaultSHA1, samlcheck.IDSignatureAlgorithm, samlcheck.SeverityWarn, "SHA-1", nil},
		{testidp.FaultExpiredCert, samlcheck.IDSignatureCertExpired, samlcheck.SeverityFail, "expired on", nil},
		{testidp.FaultClockSkew, samlcheck.IDTimeWindow, samlcheck.SeverityFail, "after your clock", nil},
		{testidp.FaultWrongAudience, samlcheck.IDAudienceMismatch, samlcheck.SeverityFail, `"https://sp.example/salm"`, nil},
	}
	for _, tc := range cases {
		t.Run(string(tc.fault), func(t *testing.T) {
			r := newRig(t, rigOptions{idp: testidp.Options{Faults: []testidp.Fault{tc.fault}}, acs: tc.adjust})
			signIn(t, r.browser(t), r.sess.LoginURL())
			res, err := wait(t, r.sess)
			if err != nil {
				t.Fatal(err)
			}
			f := findingOf(t, res.Report.Findings, tc.id)
			if f.Severity != tc.sev || !strings.Contains(f.Message, tc.say) || f.Fix == "" {
				t.Fatalf("want %s %s saying %q with a fix, got %+v", tc.sev, tc.id, tc.say, f)
			}
			if res.OK() != (tc.sev != samlcheck.SeverityFail) {
				t.Errorf("OK() = %v with a %s finding", res.OK(), tc.sev)
			}
		})
	}
}

// TestRoundTripWrongACS: with the ACS URL mistyped on the SSO tab the
// response reaches this port at another path; it is refused, and the
// timeout's first cause says the URL in JumpCloud differs.
func TestRoundTripWrongACS(t *testing.T) {
	r := newRig(t, rigOptions{idp: testidp.Options{Faults: []testidp.Fault{testidp.FaultWrongACS}}})
	page := signIn(t, r.browser(t), r.sess.LoginURL())
	if page.Status != http.StatusNotFound || page.URL.Path != "/saml/asc" {
		t.Fatalf("the mistyped ACS URL: %s %d", page.URL, page.Status)
	}
	_, err := r.sess.Wait(expired())
	var we *acs.WaitError
	if !errors.As(err, &we) || !errors.Is(err, acs.ErrNoResponse) {
		t.Fatalf("want a WaitError for no response, got %v", err)
	}
	if len(we.Causes) == 0 || we.Causes[0].ID != acs.CauseACSURLDiffers {
		t.Errorf("causes %+v, want %s first", we.Causes, acs.CauseACSURLDiffers)
	}
	if len(we.Refusals) != 1 || we.Refusals[0].Reason != acs.RefusedPath || we.Refusals[0].Method != http.MethodPost {
		t.Errorf("refusals %+v", we.Refusals)
	}
}

// TestRoundTripNoRedirectBinding: metadata without the Redirect endpoint
// (Declare Redirect Endpoint unticked) sends the request by POST, through
// the listener's auto-posting form, and the login passes; asking for
// redirect is refused at Start with a clear error.
func TestRoundTripNoRedirectBinding(t *testing.T) {
	r := newRig(t, rigOptions{idp: testidp.Options{Faults: []testidp.Fault{testidp.FaultNoRedirectBinding}}})
	if r.sess.Binding() != acs.BindingPOST || r.sess.RedirectURL() != "" {
		t.Fatalf("binding %q redirect %q, want POST", r.sess.Binding(), r.sess.RedirectURL())
	}
	signIn(t, r.browser(t), r.sess.LoginURL())
	res, err := wait(t, r.sess)
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res)
	}
	// The live test names the cause: the endpoint was not declared.
	if f := findingOf(t, res.Findings, acs.IDLiveBinding); f.Severity != samlcheck.SeverityWarn || !strings.Contains(f.Message, "Declare Redirect Endpoint") || f.Fix == "" {
		t.Errorf("live.binding: %+v", f)
	}

	md := metadata.Check(r.idp.Metadata(), metadata.Options{})
	opts := acs.Options{SPEntityID: spEntityID, Binding: acs.BindingRedirect}
	opts.UseMetadata(md)
	_, err = acs.Start(opts)
	if !errors.Is(err, acs.ErrNoSSOEndpoint) || !strings.Contains(err.Error(), "Declare Redirect Endpoint") {
		t.Fatalf("want ErrNoSSOEndpoint naming Declare Redirect Endpoint, got %v", err)
	}
}

// TestRoundTripUnboundUser: the user gets JumpCloud's no-access page and
// no response comes; the timeout lists the user not being bound.
func TestRoundTripUnboundUser(t *testing.T) {
	r := newRig(t, rigOptions{idp: testidp.Options{Faults: []testidp.Fault{testidp.FaultUnboundUser}}})
	page := signIn(t, r.browser(t), r.sess.LoginURL())
	if page.Status != http.StatusForbidden {
		t.Fatalf("want the no-access page, got %d", page.Status)
	}
	_, err := r.sess.Wait(expired())
	var we *acs.WaitError
	if !errors.As(err, &we) || !we.LoginOpened {
		t.Fatalf("want a WaitError with the login opened, got %v", err)
	}
	if !hasCause(we.Causes, acs.CauseUserNotBound) {
		t.Errorf("causes %+v lack %s", we.Causes, acs.CauseUserNotBound)
	}
}

// TestRoundTripACSChoice: both behaviours of the test IdP with the test
// ACS URL added second. Honouring the request, the response comes here
// (TestRoundTripPasses); always using the default, it goes to the service
// provider's own ACS, Wait times out, and "JumpCloud posted to the default
// ACS URL" is among the first causes.
func TestRoundTripACSChoice(t *testing.T) {
	r := newRig(t, rigOptions{idp: testidp.Options{AlwaysDefaultACS: true}})
	page := signIn(t, r.browser(t), r.sess.LoginURL())
	if r.prod.count() != 1 || !strings.Contains(page.Body, "the service provider's own ACS") {
		t.Fatalf("the response should have gone to the default ACS URL: %d posts there, last page %s", r.prod.count(), page.URL)
	}
	_, err := r.sess.Wait(expired())
	var we *acs.WaitError
	if !errors.As(err, &we) || !errors.Is(err, acs.ErrNoResponse) {
		t.Fatalf("want ErrNoResponse, got %v", err)
	}
	if i := causeIndex(we.Causes, acs.CauseDefaultACS); i < 0 || i > 1 {
		t.Errorf("causes %+v: want %s first or second", we.Causes, acs.CauseDefaultACS)
	}
	if !strings.Contains(err.Error(), r.sess.ACSURL()) {
		t.Errorf("error %q does not name the test ACS URL", err)
	}
}

// TestRoundTripIdPInitiated: a sign-in from the portal's tile (the test
// ACS URL first, so it is the default) posts an unsolicited response; it
// is inspected, reported as IdP-initiated, and passes.
func TestRoundTripIdPInitiated(t *testing.T) {
	r := newRig(t, rigOptions{idp: testidp.Options{SSO: testidp.SSOSettings{DefaultRelayState: "https://app.example/home"}}, testFirst: true})
	signIn(t, r.browser(t), r.idp.IdPInitiatedURL())
	res, err := wait(t, r.sess)
	if err != nil {
		t.Fatal(err)
	}
	if !res.IdPInitiated || res.Report.InResponseTo != "" {
		t.Fatalf("IdP-initiated %v, InResponseTo %q", res.IdPInitiated, res.Report.InResponseTo)
	}
	if !res.OK() {
		t.Errorf("an IdP-initiated login should pass: %+v %+v", res.Report.Findings, res.Findings)
	}
	if f := findingOf(t, res.Report.Findings, samlcheck.IDInResponseToMismatch); f.Severity != samlcheck.SeverityInfo || !strings.Contains(f.Message, "IdP-initiated") {
		t.Errorf("inresponseto: %+v", f)
	}
	if f := findingOf(t, res.Findings, acs.IDLiveUnsolicited); f.Severity != samlcheck.SeverityInfo {
		t.Errorf("live.unsolicited: %+v", f)
	}
	if f := findingOf(t, res.Findings, acs.IDLiveRelayState); !strings.Contains(f.Message, "https://app.example/home") {
		t.Errorf("live.relay-state: %+v", f)
	}
	if got := kinds(drain(r.sess)); got != "listening,received" {
		t.Errorf("events %s (no login URL was opened)", got)
	}
}

// TestRoundTripRequestIgnored: with the fault idp-initiated-only the IdP
// answers the login this test started with an unsolicited response: still
// inspected, reported as IdP-initiated, and warned about.
func TestRoundTripRequestIgnored(t *testing.T) {
	r := newRig(t, rigOptions{idp: testidp.Options{Faults: []testidp.Fault{testidp.FaultIdPInitiatedOnly}}, testFirst: true})
	signIn(t, r.browser(t), r.sess.LoginURL())
	res, err := wait(t, r.sess)
	if err != nil {
		t.Fatal(err)
	}
	f := findingOf(t, res.Findings, acs.IDLiveUnsolicited)
	if !res.IdPInitiated || f.Severity != samlcheck.SeverityWarn || !strings.Contains(f.Message, "unsolicited") || f.Fix == "" {
		t.Fatalf("IdP-initiated %v, %+v", res.IdPInitiated, f)
	}
}

func causeIndex(cs []acs.Cause, id string) int {
	for i, c := range cs {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func hasCause(cs []acs.Cause, id string) bool { return causeIndex(cs, id) >= 0 }
