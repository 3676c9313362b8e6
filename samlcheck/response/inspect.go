// Package response is `jcsso inspect`: it decodes a captured SAMLResponse
// (the POST and Redirect forms, plain XML, or a browser capture: a HAR file
// or a SAML-tracer export), verifies its signatures with only the
// certificates it is told to trust, and explains whether the service
// provider would accept it, as findings (samlcheck's ResponseTable). One
// entry point, Inspect (InspectContext to stop when a command is
// interrupted; InspectCapture for a capture).
package response

import (
	"context"
	"crypto/x509"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
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

// Options are what to trust and expect when inspecting a response.
// Empty strings mean "not given": the matching check reports info.
type Options struct {
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
	// Inputs says how the caller's user gives what a check lacks (a
	// command's flags); nil names none.
	Inputs samlcheck.Inputs
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

// Report is the result of Inspect; its JSON form is the output of
// `jcsso inspect --json`.
type Report struct {
	// Source names the input (a file, or "-"), as `check --json` does;
	// the command sets it.
	Source string `json:"source"`
	// Capture is set when the response came from a browser capture.
	Capture      *CaptureSummary     `json:"capture,omitempty"`
	OK           bool                `json:"ok"`
	Issuer       string              `json:"issuer"`
	Destination  string              `json:"destination"`
	InResponseTo string              `json:"in_response_to"`
	Subject      Subject             `json:"subject"`
	Attributes   map[string][]string `json:"attributes"`
	Signed       Signed              `json:"signed"`
	Conditions   Conditions          `json:"conditions"`
	// Unverified is true when the values above were read from an
	// assertion whose signature did not verify; UnverifiedReason says why.
	Unverified       bool   `json:"unverified"`
	UnverifiedReason string `json:"unverified_reason,omitempty"`
	// Encoding is the form the input arrived in: post-base64,
	// redirect-deflate-base64 or xml; empty when it could not be decoded.
	Encoding Encoding `json:"encoding"`
	// IssueInstant is when the assertion (or, without one, the response)
	// says it was issued.
	IssueInstant string `json:"issue_instant"`
	// StaleCertificate is set when a signature is verified only by the
	// certificate in its own KeyInfo (see stale.go).
	StaleCertificate *StaleCertificate  `json:"stale_certificate,omitempty"`
	Findings         samlcheck.Findings `json:"findings"`

	// sizeRefusal says why the input was refused for its size.
	sizeRefusal string
}

// SizeRefusal says why the input was refused for its size (over
// MaxEncodedBytes, or 5 MiB once decoded), or "": the
// command then exits 2, as check does for an oversized metadata source.
func (r *Report) SizeRefusal() string { return r.sizeRefusal }

// withDefaults fills in the documented defaults of the zero values.
func (o Options) withDefaults() Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC()
	if o.Skew == 0 {
		o.Skew = 3 * time.Minute
	}
	switch o.RequireSigning {
	case RequireAssertion, RequireResponse, RequireEither:
	default:
		o.RequireSigning = RequireBoth
	}
	return o
}

// Inspect decodes a captured SAMLResponse (POST form, Redirect form or
// plain XML) and explains whether the service provider would accept it.
// It never fails: input that cannot be decoded is itself a finding. Every
// check runs and reports, also after another has failed; when no signature
// verifies, the values are read from the response's single Assertion and
// the report is marked Unverified.
func Inspect(input []byte, opts Options) *Report {
	return InspectContext(context.Background(), input, opts)
}

// InspectContext is Inspect that stops early when ctx ends (an
// interrupted command): the parse observes it. A report cut short says so
// in its findings; callers that cancelled discard it.
func InspectContext(ctx context.Context, input []byte, opts Options) *Report {
	in := newInspection(ctx, opts)
	in.run(input)
	return in.finish()
}

func newInspection(ctx context.Context, opts Options) *inspection {
	return &inspection{
		ctx:  ctx,
		opts: opts.withDefaults(),
		b:    samlcheck.ResponseTable().Collector(24),
		rep: &Report{
			Attributes: map[string][]string{},
			Conditions: Conditions{Audiences: []string{}},
		},
	}
}

// finish closes the report: its findings, in order, and the verdict.
func (in *inspection) finish() *Report {
	in.rep.Findings = in.b.Findings()
	in.rep.OK = in.rep.Findings.OK()
	in.rep.StaleCertificate = in.staleCertificate()
	return in.rep
}
