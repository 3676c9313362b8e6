package response

import (
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// MaxTrustedCerts is how many certificates one source of trust may give
// (the certificates given directly, or checked metadata): each is a
// verification of every signature, and JumpCloud signs with one, two
// during a rotation.
const MaxTrustedCerts = xmlsafe.MaxSignatureCandidates

// ErrTooManyCerts is TrustCerts' answer to more than MaxTrustedCerts
// certificates.
var ErrTooManyCerts = errors.New("too many certificates to trust")

// TrustCerts trusts certificates given directly (`jcsso inspect --cert`):
// at most MaxTrustedCerts of them; more is ErrTooManyCerts, and none is
// trusted.
func (o *Options) TrustCerts(certs []*x509.Certificate) error {
	if len(certs) > MaxTrustedCerts {
		return fmt.Errorf("%w: %d certificates, more than the %d a response is verified against", ErrTooManyCerts, len(certs), MaxTrustedCerts)
	}
	o.TrustedCerts = append(o.TrustedCerts, certs...)
	return nil
}

// TrustMetadata takes what to trust from what checked IdP metadata says
// (metadata.Report's IdP): its signing certificates, the first
// MaxTrustedCerts of them, and its entityID as the expected Issuer unless
// IdPEntityID was already given. It returns how many certificates it
// trusted and how many it left out. `jcsso inspect --metadata` and the
// live login work through this.
func (o *Options) TrustMetadata(idp samlcheck.IdPInfo) (trusted, leftOut int) {
	if o.IdPEntityID == "" {
		o.IdPEntityID = idp.EntityID
	}
	for _, c := range idp.Certificates {
		switch {
		case c.Cert == nil:
		case trusted == MaxTrustedCerts:
			leftOut++
		default:
			o.TrustedCerts = append(o.TrustedCerts, c.Cert)
			trusted++
		}
	}
	return trusted, leftOut
}
