package testidp

import (
	"fmt"
	"slices"
	"strings"
)

// Fault is a stable name for one way a JumpCloud setup goes wrong. Each
// reproduces a symptom of the domain notes; scripts and tests use the names,
// so they never change.
type Fault string

// The faults the server reproduces. Several may be combined, except the
// three that choose what is signed (FaultAssertionOnly, FaultResponseOnly,
// FaultUnsigned), of which at most one.
const (
	// FaultPlaceholderEntityID: the app was not saved before the export, so
	// the metadata's entityID and every Issuer say "IdP Entity ID".
	FaultPlaceholderEntityID Fault = "placeholder-entity-id"
	// FaultUnboundUser: the signing-in user is in no user group bound to the
	// app; they get JumpCloud's no-access page, never a SAMLResponse.
	FaultUnboundUser Fault = "unbound-user"
	// FaultEmailMismatch: the e-mail JumpCloud returns (the NameID and any
	// attribute mapped to the e-mail) is another address of the user than
	// the one the service provider knows (User.AlternateEmail).
	FaultEmailMismatch Fault = "email-mismatch"
	// FaultRotatedCert: the certificate was regenerated after the service
	// provider saved the metadata: the metadata served shows the certificate
	// from before the rotation, responses are signed with the new key.
	FaultRotatedCert Fault = "rotated-cert"
	// FaultAssertionOnly: only the Assertion is signed (JumpCloud's own
	// default), while the service provider asks for both.
	FaultAssertionOnly Fault = "assertion-only"
	// FaultResponseOnly: only the Response is signed.
	FaultResponseOnly Fault = "response-only"
	// FaultUnsigned: nothing is signed.
	FaultUnsigned Fault = "unsigned"
	// FaultSHA1: responses are signed with RSA-SHA1 and a SHA-1 digest.
	FaultSHA1 Fault = "sha1"
	// FaultExpiredCert: the signing certificate (the one in the metadata
	// too) expired a month ago.
	FaultExpiredCert Fault = "expired-cert"
	// FaultClockSkew: every timestamp of a response is off by Options.Skew
	// (default DefaultSkew, ahead of the real time).
	FaultClockSkew Fault = "clock-skew"
	// FaultWrongAudience: the SP Entity ID on the SSO tab has a typo, so the
	// Audience is not the service provider's entity ID.
	FaultWrongAudience Fault = "wrong-audience"
	// FaultWrongACS: the ACS URL on the SSO tab has a typo, so Destination
	// and Recipient (and the form's target) are not the service provider's.
	FaultWrongACS Fault = "wrong-acs"
	// FaultNoRedirectBinding: Declare Redirect Endpoint is unticked, so the
	// metadata offers the HTTP-POST binding only.
	FaultNoRedirectBinding Fault = "no-redirect-binding"
	// FaultIdPInitiatedOnly: the service provider's request is ignored and an
	// unsolicited response (no InResponseTo, the Default RelayState) is sent,
	// as from the user portal's tile.
	FaultIdPInitiatedOnly Fault = "idp-initiated-only"
)

// FaultInfo describes a fault in one line, for `jcsso idp --list-faults`.
type FaultInfo struct {
	Name        Fault  `json:"name"`
	Description string `json:"description"`
}

// faultTable is every fault in the order they are listed.
var faultTable = []FaultInfo{
	{FaultPlaceholderEntityID, `the export and every Issuer say "IdP Entity ID" (the app was not saved before the export)`},
	{FaultUnboundUser, "the signing-in user is in no group bound to the app: a no-access page, no SAMLResponse"},
	{FaultEmailMismatch, "the NameID and e-mail attribute carry another address of the user than the service provider knows"},
	{FaultRotatedCert, "the metadata shows the certificate from before a rotation; responses are signed with the new key (the SP's copy is stale)"},
	{FaultAssertionOnly, "only the Assertion is signed (JumpCloud's default), while the service provider asks for both"},
	{FaultResponseOnly, "only the Response is signed"},
	{FaultUnsigned, "nothing is signed"},
	{FaultSHA1, "responses are signed with RSA-SHA1 and a SHA-1 digest"},
	{FaultExpiredCert, "the signing certificate, in the metadata too, expired a month ago"},
	{FaultClockSkew, "every timestamp of a response is off by the skew (default 10 minutes ahead)"},
	{FaultWrongAudience, "the SP Entity ID on the SSO tab has a typo: the Audience is wrong"},
	{FaultWrongACS, "the ACS URL on the SSO tab has a typo: Destination, Recipient and the form's target are wrong"},
	{FaultNoRedirectBinding, "Declare Redirect Endpoint is unticked: the metadata offers HTTP-POST only"},
	{FaultIdPInitiatedOnly, "the service provider's request is ignored and an unsolicited response is sent, as from the portal's tile"},
}

// Faults lists every fault with its description, in a stable order.
func Faults() []FaultInfo { return slices.Clone(faultTable) }

// ParseFault returns the fault of that name, or an error listing the names.
func ParseFault(name string) (Fault, error) {
	for _, f := range faultTable {
		if string(f.Name) == name {
			return f.Name, nil
		}
	}
	return "", fmt.Errorf("unknown fault %q: use one of %s", name, strings.Join(faultNames(), ", "))
}

func faultNames() []string {
	out := make([]string, len(faultTable))
	for i, f := range faultTable {
		out[i] = string(f.Name)
	}
	return out
}

// faultSet is the faults a server runs with.
type faultSet map[Fault]bool

// newFaultSet checks a list of faults: known names, and at most one of the
// faults that decide what is signed.
func newFaultSet(list []Fault) (faultSet, error) {
	set := faultSet{}
	for _, f := range list {
		if _, err := ParseFault(string(f)); err != nil {
			return nil, err
		}
		set[f] = true
	}
	var signing []string
	for _, f := range []Fault{FaultAssertionOnly, FaultResponseOnly, FaultUnsigned} {
		if set[f] {
			signing = append(signing, string(f))
		}
	}
	if len(signing) > 1 {
		return nil, fmt.Errorf("faults %s cannot be combined: each decides what is signed", strings.Join(signing, " and "))
	}
	return set, nil
}

// list is the set's faults in the table's order.
func (s faultSet) list() []Fault {
	var out []Fault
	for _, f := range faultTable {
		if s[f.Name] {
			out = append(out, f.Name)
		}
	}
	return out
}

// typo makes the kind of one-slip mistake an admin makes copying a value:
// the last two characters swapped ("/saml2/acs" becomes "/saml2/asc"), or a
// letter added to a value too short to swap. The result always differs from
// s, and a URL stays a URL.
func typo(s string) string {
	r := []rune(s)
	n := len(r)
	if n >= 2 && r[n-1] != r[n-2] {
		r[n-1], r[n-2] = r[n-2], r[n-1]
		return string(r)
	}
	return s + "x"
}
