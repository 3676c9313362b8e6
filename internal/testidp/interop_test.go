package testidp_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// TestInteropCrewjamAcceptsGenuineSignIn: an independent service provider
// (crewjam/saml) consumes the IdP's metadata from its URL and accepts the
// response of a full browser round trip, by either request binding.
func TestInteropCrewjamAcceptsGenuineSignIn(t *testing.T) {
	for _, binding := range []string{"redirect", "post"} {
		t.Run(binding, func(t *testing.T) {
			sp := newTestSP(t)
			idp := connect(t, sp, testidp.Options{})
			verdict, posted := signIn(t, idp, sp.LoginURL(binding))
			if verdict.Status != http.StatusOK || !strings.Contains(verdict.Body, "signed in as "+testidp.DefaultEmail) {
				t.Fatalf("the SP did not accept the response: %d %s", verdict.Status, verdict.Body)
			}
			if !strings.Contains(verdict.Body, "relay=state-"+binding) {
				t.Errorf("RelayState not carried through: %s", verdict.Body)
			}
			if posted.Method != http.MethodPost || posted.Action != sp.ACSURL() {
				t.Errorf("the form posts to %q, want the ACS URL %q", posted.Action, sp.ACSURL())
			}
			xml := decodeResponse(t, posted)
			for _, want := range []string{
				`Destination="` + sp.ACSURL() + `"`, `Recipient="` + sp.ACSURL() + `"`,
				`<saml2:Audience>` + sp.EntityID() + `</saml2:Audience>`, `InResponseTo="id-`,
				`Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"`,
				`Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"`,
				`Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"`, `<ds:X509Certificate>`,
			} {
				if !strings.Contains(xml, want) {
					t.Errorf("the response lacks %s", want)
				}
			}
			if n := strings.Count(xml, "<ds:Signature "); n != 2 {
				t.Errorf("%d signatures, want 2 (Assertion and Response)", n)
			}
		})
	}
}

// TestInteropIdPInitiated: the portal's tile posts an unsolicited response
// with the Default RelayState, which an SP accepts only when it allows
// IdP-initiated sign-ins.
func TestInteropIdPInitiated(t *testing.T) {
	for _, allow := range []bool{true, false} {
		sp := newTestSP(t)
		sp.SP.AllowIDPInitiated = allow
		idp := connect(t, sp, testidp.Options{SSO: testidp.SSOSettings{DefaultRelayState: "https://app.example/home"}})
		b := newBrowser(t, idp)
		page := b.SignIn(b.Get(idp.IdPInitiatedURL()), testidp.DefaultEmail, "pw")
		posted := page.FormWith(t, "SAMLResponse")
		if got := posted.Fields.Get("RelayState"); got != "https://app.example/home" {
			t.Errorf("RelayState %q, want the Default RelayState", got)
		}
		if strings.Contains(decodeResponse(t, posted), "InResponseTo") {
			t.Error("an unsolicited response carries InResponseTo")
		}
		verdict := b.Submit(posted)
		switch {
		case allow && verdict.Status != http.StatusOK:
			t.Errorf("allowed IdP-initiated, yet rejected: %s", verdict.Body)
		case !allow && (verdict.Status != http.StatusForbidden || !strings.Contains(verdict.Body, "InResponseTo")):
			t.Errorf("refusing IdP-initiated, the SP said %d %s", verdict.Status, verdict.Body)
		}
	}
}

// TestInteropFaults: with each fault the SP rejects the response for the
// reason a service provider gives, or, where crewjam (like many SPs)
// accepts it, the test says so: those faults are caught by jcsso inspect
// (see cmd/jcsso's TestIdPFaultsNamedByCheckAndInspect).
func TestInteropFaults(t *testing.T) {
	cases := []struct {
		fault testidp.Fault
		// reject is the SP's reason; "" means crewjam accepts the response.
		reject string
	}{
		{testidp.FaultRotatedCert, "cannot validate signature"},
		{testidp.FaultUnsigned, "signature element not present"},
		{testidp.FaultExpiredCert, "not valid at this time"},
		{testidp.FaultClockSkew, "not yet valid"},
		{testidp.FaultWrongAudience, "AudienceRestriction does not contain"},
		{testidp.FaultIdPInitiatedOnly, "InResponseTo"},
		{testidp.FaultEmailMismatch, "no account for alice.alt@acmecorp.com"},
		// Accepted by crewjam: it needs one valid signature, takes SHA-1,
		// and trusts whatever entityID the metadata it was given says.
		{testidp.FaultAssertionOnly, ""},
		{testidp.FaultResponseOnly, ""},
		{testidp.FaultSHA1, ""},
		{testidp.FaultPlaceholderEntityID, ""},
	}
	for _, tc := range cases {
		t.Run(string(tc.fault), func(t *testing.T) {
			sp := newTestSP(t)
			idp := connect(t, sp, testidp.Options{Faults: []testidp.Fault{tc.fault}})
			verdict, _ := signIn(t, idp, sp.LoginURL("redirect"))
			t.Logf("the SP says: %d %s", verdict.Status, strings.TrimSpace(verdict.Body))
			if tc.reject == "" {
				if verdict.Status != http.StatusOK {
					t.Fatalf("crewjam rejected it: %s", verdict.Body)
				}
				return
			}
			if verdict.Status != http.StatusForbidden || !strings.Contains(verdict.Body, tc.reject) {
				t.Fatalf("want rejected with %q, got %d %s", tc.reject, verdict.Status, verdict.Body)
			}
		})
	}
}

// TestInteropPlaceholderEntityIDAgainstTheAgreedValue: an SP told the IdP
// Entity ID the admin meant (Avoma is sent it by e-mail) rejects a response
// whose Issuer is the placeholder.
func TestInteropPlaceholderEntityIDAgainstTheAgreedValue(t *testing.T) {
	sp := newTestSP(t)
	idp := connect(t, sp, testidp.Options{Faults: []testidp.Fault{testidp.FaultPlaceholderEntityID}})
	if got := sp.SP.IDPMetadata.EntityID; got != testidp.PlaceholderEntityID {
		t.Fatalf("metadata entityID %q, want the placeholder", got)
	}
	sp.SP.IDPMetadata.EntityID = idp.Settings().IdPEntityID
	verdict, _ := signIn(t, idp, sp.LoginURL("redirect"))
	if verdict.Status != http.StatusForbidden || !strings.Contains(verdict.Body, "Issuer") {
		t.Fatalf("want an issuer rejection, got %d %s", verdict.Status, verdict.Body)
	}
}

// TestInteropWrongACS: the IdP's form posts to the mistyped ACS URL, where
// the SP has nothing (404); delivered to the real ACS it is rejected for
// its Destination.
func TestInteropWrongACS(t *testing.T) {
	sp := newTestSP(t)
	idp := connect(t, sp, testidp.Options{Faults: []testidp.Fault{testidp.FaultWrongACS}})
	verdict, posted := signIn(t, idp, sp.LoginURL("redirect"))
	if posted.Action == sp.ACSURL() || verdict.Status != http.StatusNotFound {
		t.Fatalf("posted to %q (status %d), want a mistyped ACS URL and a 404", posted.Action, verdict.Status)
	}
	posted.Action = sp.ACSURL()
	verdict = newBrowser(t, idp).Submit(posted)
	if verdict.Status != http.StatusForbidden || !strings.Contains(verdict.Body, "Destination") {
		t.Fatalf("at the real ACS: %d %s", verdict.Status, verdict.Body)
	}
}

// TestInteropNoRedirectBinding: without Declare Redirect Endpoint an SP
// that sends requests by redirect finds no endpoint; by POST it works.
func TestInteropNoRedirectBinding(t *testing.T) {
	sp := newTestSP(t)
	idp := connect(t, sp, testidp.Options{Faults: []testidp.Fault{testidp.FaultNoRedirectBinding}})
	page := newBrowser(t, idp).Get(sp.LoginURL("redirect"))
	if page.Status != http.StatusBadGateway || !strings.Contains(page.Body, "HTTP-Redirect") {
		t.Fatalf("redirect: %d %s", page.Status, page.Body)
	}
	if verdict, _ := signIn(t, idp, sp.LoginURL("post")); verdict.Status != http.StatusOK {
		t.Fatalf("post: %d %s", verdict.Status, verdict.Body)
	}
}

// decodeResponse is the XML of the SAMLResponse a form carries.
func decodeResponse(t *testing.T, f samltest.Form) string {
	t.Helper()
	xml, err := base64.StdEncoding.DecodeString(f.Fields.Get("SAMLResponse"))
	if err != nil {
		t.Fatalf("SAMLResponse is not base64: %v", err)
	}
	return string(xml)
}
