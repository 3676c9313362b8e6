package response_test

import (
	"crypto/x509"
	"errors"
	"testing"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// What to trust, as inspect assembles it: certificates given directly are
// bounded (more is refused, none trusted), checked metadata gives its first
// MaxTrustedCerts certificates and its entityID unless one was given.
func TestTrust(t *testing.T) {
	kp := testKey(t, 0)
	many := make([]*x509.Certificate, response.MaxTrustedCerts+1)
	for i := range many {
		many[i] = kp.Cert
	}
	var o response.Options
	if err := o.TrustCerts(many); !errors.Is(err, response.ErrTooManyCerts) || len(o.TrustedCerts) != 0 {
		t.Errorf("err %v, %d trusted; want ErrTooManyCerts and none", err, len(o.TrustedCerts))
	}
	if err := o.TrustCerts(many[:2]); err != nil || len(o.TrustedCerts) != 2 {
		t.Errorf("err %v, %d trusted; want 2", err, len(o.TrustedCerts))
	}
	idp := samlcheck.IdPInfo{EntityID: "jumpcloud-acmecorp", Certificates: []samlcheck.CertInfo{samlcheck.NewCertInfo(kp.Cert), {}}}
	if trusted, left := o.TrustMetadata(idp); trusted != 1 || left != 0 || len(o.TrustedCerts) != 3 || o.IdPEntityID != "jumpcloud-acmecorp" {
		t.Errorf("trusted %d, left out %d, %d in all, issuer %q", trusted, left, len(o.TrustedCerts), o.IdPEntityID)
	}
	o = response.Options{IdPEntityID: "given"}
	o.TrustMetadata(idp)
	if o.IdPEntityID != "given" {
		t.Errorf("the metadata's entityID replaced the one given: %q", o.IdPEntityID)
	}
}
