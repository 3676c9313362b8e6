package acs

import (
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// Result is one login test that got its response.
type Result struct {
	// Report is the inspection, exactly as `jcsso inspect --json` prints it.
	Report *response.Report `json:"inspection"`
	// Findings are the live test's own, beside the inspection's (see
	// LiveChecks).
	Findings samlcheck.Findings `json:"findings"`
	// IdPInitiated: the response answers no request (no InResponseTo), as
	// from the JumpCloud portal's tile. It was inspected without a request
	// ID.
	IdPInitiated bool `json:"idp_initiated"`
	// RequestID is the request this test sent.
	RequestID string `json:"request_id"`
	// Binding is how it was sent.
	Binding Binding `json:"binding"`
	// ACS is which ACS URL the IdP wrote into the response.
	ACS ACSUse `json:"acs"`
	// RelayState came back with the response; SentRelayState went out.
	RelayState     string `json:"relay_state"`
	SentRelayState string `json:"sent_relay_state"`
	// Listening is when the listener came up, Received when the response
	// arrived; Waited is between the two, InspectTook the inspection.
	// JSON writes the durations in nanoseconds, as encoding/json does.
	// (Result has no MarshalJSON of its own, so a command can embed it in
	// its own JSON line.)
	Listening   time.Time     `json:"listening"`
	Received    time.Time     `json:"received"`
	Waited      time.Duration `json:"waited_ns"`
	InspectTook time.Duration `json:"inspect_ns"`
}

// OK reports whether the login passed: no failure in the inspection or in
// the live test's own findings (test-login's exit 0).
func (r *Result) OK() bool {
	return r.Report != nil && r.Report.OK && r.Findings.OK()
}

// ACSUse says which ACS URL the IdP used, as the response states it
// (unverified values: the inspection's destination.mismatch and
// recipient.mismatch are the verdict).
type ACSUse struct {
	// TestURL is the listener's ACS URL, the one the request asked for.
	TestURL string `json:"test_url"`
	// Destination is the Response's Destination; Recipients the Assertion's
	// SubjectConfirmationData Recipient values.
	Destination string   `json:"destination"`
	Recipients  []string `json:"recipients"`
	// DestinationIsTest and RecipientIsTest say whether they are exactly
	// the test ACS URL (RecipientIsTest: every Recipient, and at least one).
	DestinationIsTest bool `json:"destination_is_test"`
	RecipientIsTest   bool `json:"recipient_is_test"`
}

func newACSUse(test string, a arrival) ACSUse {
	u := ACSUse{TestURL: test, Destination: a.destination, Recipients: append([]string{}, a.recipients...)}
	u.DestinationIsTest = a.destination == test
	u.RecipientIsTest = len(a.recipients) > 0
	for _, r := range a.recipients {
		if r != test {
			u.RecipientIsTest = false
		}
	}
	return u
}
