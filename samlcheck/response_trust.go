package samlcheck

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"time"

	"github.com/beevik/etree"
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
// as few verifications as the answer needs: one RSA verification is most
// of the cost of a signature, and goxmldsig does all its other work again
// for every certificate it is given.
type trustedVerifier struct {
	// el is what goxmldsig verifies (see prepareSigned), sig its own
	// Signature; restore puts the document back.
	el, sig *etree.Element
	now     time.Time
	restore func()
	// tried are the verdicts so far, at most one per public key.
	tried []attempt
}

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
		if !validAt(c, v.now) {
			continue
		}
		a := v.try(c, v.now)
		if a.err == nil {
			return &a, nil
		}
		byCert[c] = a
	}
	for _, c := range trusted {
		if !validAt(c, v.now) {
			byCert[c] = v.try(c, c.NotBefore)
		}
	}
	attempts = make([]attempt, len(trusted))
	for i, c := range trusted {
		attempts[i] = byCert[c]
	}
	return nil, attempts
}

// try verifies the signature with one certificate at the clock at. goxmldsig's verdict with a certificate
// depends on the certificate only through that validity check and its
// public key, so a key already tried gives its verdict again instead of a
// second verification of the same signature with the same key.
func (v *trustedVerifier) try(c *x509.Certificate, at time.Time) attempt {
	a := attempt{cert: c, outside: !validAt(c, v.now)}
	if !validAt(c, at) {
		// A certificate that ends before it begins: goxmldsig refuses it
		// before any verification, and the verdict says nothing of its key.
		a.out, a.err = verifyEnveloped(v.el, v.sig, c, at)
		return a
	}
	if prev := v.sameKey(c); prev != nil {
		a.out, a.err = prev.out, prev.err
		return a
	}
	a.out, a.err = verifyEnveloped(v.el, v.sig, c, at)
	v.tried = append(v.tried, a)
	return a
}

// sameKey returns the attempt made with c's public key, or nil.
func (v *trustedVerifier) sameKey(c *x509.Certificate) *attempt {
	pub, ok := c.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return nil
	}
	for i := range v.tried {
		if pub.Equal(v.tried[i].cert.PublicKey) {
			return &v.tried[i]
		}
	}
	return nil
}

// validAt reports whether t is inside c's validity, as goxmldsig checks it.
func validAt(c *x509.Certificate, t time.Time) bool {
	return !t.Before(c.NotBefore) && !t.After(c.NotAfter)
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
