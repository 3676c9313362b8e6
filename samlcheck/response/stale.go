package response

import "github.com/jcsso/jcsso/samlcheck"

// StaleCertificate is the stale-metadata case as data: a signature that no
// trusted certificate verifies, but the certificate in the response's own
// KeyInfo does. JumpCloud then signs with a certificate the metadata the
// service provider trusts does not hold, which is what a regenerated
// certificate looks like from the service provider's side (or, when the
// Issuer is not the expected one either, another application's metadata).
// signature.invalid says the same in words; this is for callers that
// reason about it (troubleshooting), so no one parses the message.
type StaleCertificate struct {
	// Trusted are the SHA-256 fingerprints of the certificates the response
	// was verified against (the service provider's copy), in the order given.
	Trusted []string `json:"trusted_sha256"`
	// Signer is the SHA-256 fingerprint of the KeyInfo certificate that
	// verifies the signature (the one JumpCloud signs with now).
	Signer string `json:"signer_sha256"`
}

// staleCertificate is the stale case of the first signature (the
// Response's, then each Assertion's) that only its KeyInfo verified, or nil.
func (in *inspection) staleCertificate() *StaleCertificate {
	if in.skipVerify {
		return nil
	}
	for _, p := range in.signedParts() {
		if c := p.res.staleSigner; c != nil && !p.res.verified {
			sc := &StaleCertificate{Signer: samlcheck.FingerprintSHA256(c), Trusted: []string{}}
			for _, t := range in.opts.TrustedCerts {
				sc.Trusted = append(sc.Trusted, samlcheck.FingerprintSHA256(t))
			}
			return sc
		}
	}
	return nil
}
