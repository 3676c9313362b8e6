package samlcheck

import (
	"crypto/x509"
	"time"
)

// SigningRequirement says which elements the service provider requires to
// be signed (--require-signing).
type SigningRequirement string

// The values of --require-signing.
const (
	RequireBoth      SigningRequirement = "both"
	RequireAssertion SigningRequirement = "assertion"
	RequireResponse  SigningRequirement = "response"
	RequireEither    SigningRequirement = "either"
)

// InspectOptions are what to trust and expect when inspecting a response.
// Empty strings mean "not given": the matching check reports info.
type InspectOptions struct {
	// TrustedCerts verify signatures; whatever the response's KeyInfo
	// carries is never trusted.
	TrustedCerts []*x509.Certificate
	IdPEntityID  string
	SPEntityID   string
	ACSURL       string
	// Admins are the service provider's existing admins; nil means no list
	// was given (admin.unknown is then info).
	Admins []string
	// RequireSigning defaults to RequireBoth.
	RequireSigning SigningRequirement
	RequestID      string
	// Now is the clock; zero means time.Now().
	Now time.Time
	// Skew is the allowed clock difference; zero means 3 minutes.
	Skew time.Duration
}

// Subject is who the response says logged in.
type Subject struct {
	NameID string `json:"name_id"`
	Format string `json:"format"`
	Email  string `json:"email"`
}

// Signed says which elements carry a signature that verified.
type Signed struct {
	Response  bool `json:"response"`
	Assertion bool `json:"assertion"`
}

// Conditions are the assertion's validity window and audiences.
type Conditions struct {
	NotBefore    string   `json:"not_before"`
	NotOnOrAfter string   `json:"not_on_or_after"`
	Audiences    []string `json:"audiences"`
}

// ResponseReport is the result of Inspect; its JSON form is the output of
// `jcsso inspect --json`.
type ResponseReport struct {
	OK           bool                `json:"ok"`
	Issuer       string              `json:"issuer"`
	Destination  string              `json:"destination"`
	InResponseTo string              `json:"in_response_to"`
	Subject      Subject             `json:"subject"`
	Attributes   map[string][]string `json:"attributes"`
	Signed       Signed              `json:"signed"`
	Conditions   Conditions          `json:"conditions"`
	// Unverified is true when the values above were read from an
	// assertion whose signature did not verify.
	Unverified bool     `json:"unverified"`
	Findings   Findings `json:"findings"`
}

// Inspect decodes a captured SAMLResponse (POST form, Redirect form or
// plain XML) and explains whether the service provider would accept it.
func Inspect(input []byte, opts InspectOptions) *ResponseReport {
	panic("not implemented yet")
}
