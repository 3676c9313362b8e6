package response

import (
	"context"
	"crypto/x509"
	"time"

	"github.com/beevik/etree"
)

// What the external tests (package response_test, which may import the
// metadata check) need of the inspection's insides.

// NearMiss is nearMiss.
var NearMiss = nearMiss

// VerifyOwnSignature is verifyOwnSignature, saying whether el's own
// signature verified and, if not, why.
func VerifyOwnSignature(ctx context.Context, el *etree.Element, isRoot bool, trusted []*x509.Certificate, now time.Time) (verified bool, problem string) {
	r := verifyOwnSignature(ctx, el, isRoot, trusted, now)
	return r.verified, r.problem
}

// Verifier is a trustedVerifier.
type Verifier struct{ v *trustedVerifier }

// Verdict is one trusted certificate's verdict.
type Verdict struct {
	Cert *x509.Certificate
	Err  error
}

// NewVerifier is newTrustedVerifier.
func NewVerifier(ctx context.Context, el, sig *etree.Element, now time.Time) (*Verifier, error) {
	v, err := newTrustedVerifier(ctx, el, sig, now)
	return &Verifier{v}, err
}

// Verify is trustedVerifier.verify: the certificate that verified, or nil
// and every certificate's verdict.
func (v *Verifier) Verify(trusted []*x509.Certificate, keyInfoDER []byte) (*x509.Certificate, []Verdict) {
	ok, attempts := v.v.verify(trusted, keyInfoDER)
	if ok != nil {
		return ok.cert, nil
	}
	out := make([]Verdict, len(attempts))
	for i, a := range attempts {
		out[i] = Verdict{a.cert, a.err}
	}
	return nil, out
}

// Verifications is how many verifications goxmldsig was asked for.
func (v *Verifier) Verifications() int { return v.v.signed.Verifications() }
