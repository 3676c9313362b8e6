package response

import (
	"bytes"
	"context"
	"crypto/x509"
	"time"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// attempt is one trusted certificate's verdict on a signature.
type attempt struct {
	cert *x509.Certificate
	// out is the verified element when err is nil.
	out *etree.Element
	err error
	// outside: the clock is outside the certificate's validity, so the
	// signature was tried at its NotBefore, only to explain a failure; a
	// nil err then does not make the signature verified.
	outside bool
}

// trustedVerifier tries a signature against the trusted certificates with
// as few verifications as the answer needs (see xmlsafe.Signed.Verify), in
// the order that finds the signer first, and keeps every certificate's
// verdict for diagnoseSignature.
type trustedVerifier struct {
	ctx    context.Context
	signed *xmlsafe.Signed
	now    time.Time
}

// restore puts the document back as it was before the verifier was made.
func (v *trustedVerifier) restore() { v.signed.Restore() }

// verify returns the attempt that verified el's signature at the clock,
// or nil; then attempts holds every trusted certificate's verdict, in the
// order given, for diagnoseSignature. The certificate the KeyInfo names
// (keyInfoDER, matched byte for byte) is tried first: the KeyInfo only
// chooses the order, so a response signed with the second certificate of
// a rotation is verified once, not once per certificate. Certificates
// outside their validity are tried only once every valid one has failed.
func (v *trustedVerifier) verify(trusted []*x509.Certificate, keyInfoDER []byte) (ok *attempt, attempts []attempt) {
	trusted = distinctCerts(trusted)
	order := make([]*x509.Certificate, 0, len(trusted))
	for _, c := range trusted {
		if keyInfoDER != nil && bytes.Equal(c.Raw, keyInfoDER) {
			order = append(order, c)
		}
	}
	for _, c := range trusted {
		if keyInfoDER == nil || !bytes.Equal(c.Raw, keyInfoDER) {
			order = append(order, c)
		}
	}
	byCert := make(map[*x509.Certificate]attempt, len(trusted))
	for _, c := range order {
		if !xmlsafe.ValidAt(c, v.now) {
			continue
		}
		a := v.try(c, v.now)
		if a.err == nil {
			return &a, nil
		}
		byCert[c] = a
	}
	for _, c := range trusted {
		if !xmlsafe.ValidAt(c, v.now) {
			byCert[c] = v.try(c, c.NotBefore)
		}
	}
	attempts = make([]attempt, len(trusted))
	for i, c := range trusted {
		attempts[i] = byCert[c]
	}
	return nil, attempts
}

// try verifies the signature with one certificate at the clock at.
func (v *trustedVerifier) try(c *x509.Certificate, at time.Time) attempt {
	a := attempt{cert: c, outside: !xmlsafe.ValidAt(c, v.now)}
	a.out, a.err = v.signed.Verify(v.ctx, c, at)
	return a
}

// distinctCerts drops repeats of a certificate (the same one given with
// --cert and in the metadata), keeping the first.
func distinctCerts(list []*x509.Certificate) []*x509.Certificate {
	out := make([]*x509.Certificate, 0, len(list))
	for _, c := range list {
		if !certIn(c, out) {
			out = append(out, c)
		}
	}
	return out
}
