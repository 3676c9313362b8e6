package response_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// twoAssertions puts an unsigned copy of the signed Assertion, naming
// mallory, in front of it: the wrapping shape where a careless service
// provider reads the first Assertion and checks the signature of the
// second.
func twoAssertions(t *testing.T, signer samltest.KeyPair) []byte {
	t.Helper()
	xml := samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: signer})
	i := bytes.Index(xml, []byte("<saml2:Assertion "))
	j := bytes.Index(xml, []byte("</saml2:Assertion>")) + len("</saml2:Assertion>")
	decoy := string(removeAll(t, xml[i:j], "<ds:Signature", "</ds:Signature>"))
	decoy = strings.ReplaceAll(decoy, "alice@", "mallory@")
	decoy = strings.Replace(decoy, `ID="_jcsso-assertion-41f7"`, `ID="_decoy"`, 1)
	return append(append(append([]byte{}, xml[:i]...), decoy...), xml[i:]...)
}

// TestInspectTwoAssertionsOneSigned: with two Assertions of which only the
// second is signed, the response stays rejected (assertion.count), the
// signature findings say which Assertion carries the signature, and the
// values come from the one that verified, never from the decoy.
func TestInspectTwoAssertionsOneSigned(t *testing.T) {
	kp, other := testKey(t, 0), testKey(t, 1)
	r := response.Inspect(twoAssertions(t, kp), jumpCloudOptions(kp))
	wantSeverity(t, r, samlcheck.IDAssertionCount, samlcheck.SeverityFail)
	f := wantSeverity(t, r, samlcheck.IDSignatureMissing, samlcheck.SeverityPass)
	wantContains(t, f, "the 2nd of 2 Assertions carries a signature", "the 1st of 2 Assertions")
	f = wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityPass)
	wantContains(t, f, "the 2nd Assertion's signature verifies")
	if r.OK || r.Unverified || !r.Signed.Assertion || r.Subject.NameID != samltest.DefaultEmail {
		t.Fatalf("ok=%v unverified=%v signed=%+v NameID %q: rejected, with the verified Assertion's values", r.OK, r.Unverified, r.Signed, r.Subject.NameID)
	}

	// Signed by a key nobody trusts: the values are the signed Assertion's
	// as parsed, marked unverified with the reason.
	opts := jumpCloudOptions(other)
	r = response.Inspect(twoAssertions(t, kp), opts)
	f = wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
	wantContains(t, f, "the 2nd Assertion's signature:")
	if !r.Unverified || !strings.Contains(r.UnverifiedReason, "no signature verified") || strings.Contains(r.Subject.NameID, "mallory") {
		t.Fatalf("unverified=%v (%q) NameID %q", r.Unverified, r.UnverifiedReason, r.Subject.NameID)
	}
}

// TestInspectUnverifiedReason: every way of ending with unverified values
// says why.
func TestInspectUnverifiedReason(t *testing.T) {
	kp := testKey(t, 0)
	noCerts := jumpCloudOptions(kp)
	noCerts.TrustedCerts = nil
	for name, c := range map[string]struct {
		xml  []byte
		opts response.Options
		want string
	}{
		"unsigned":              {samltest.ResponseXML(t, samltest.ResponseOptions{}), jumpCloudOptions(kp), "nothing in the response is signed"},
		"no trusted cert":       {signedBoth(t, kp, samltest.ResponseOptions{}), noCerts, "no trusted certificate was given"},
		"changed after signing": {replaceOnce(t, signedBoth(t, kp, samltest.ResponseOptions{}), "<saml2:Audience>", "<saml2:Audience>x"), jumpCloudOptions(kp), "no signature verified"},
	} {
		r := response.Inspect(c.xml, c.opts)
		if !r.Unverified || !strings.Contains(r.UnverifiedReason, c.want) {
			t.Errorf("%s: unverified=%v reason %q, want %q", name, r.Unverified, r.UnverifiedReason, c.want)
		}
	}
	if r := response.Inspect(signedBoth(t, kp, samltest.ResponseOptions{}), jumpCloudOptions(kp)); r.Unverified || r.UnverifiedReason != "" {
		t.Errorf("verified: unverified=%v reason %q", r.Unverified, r.UnverifiedReason)
	}
}
