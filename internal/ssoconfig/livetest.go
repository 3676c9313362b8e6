package ssoconfig

import (
	"time"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// LiveTestOptions are what a live login test of these answers sends and
// expects, once JumpCloud's metadata is checked (rep): the SP Entity ID as
// the request's Issuer and the Audience, the NameID format of the SSO tab,
// the IdP Entity ID the admin chose as the Issuer (what the SP is given,
// even when the metadata says otherwise), the signing the Sign setting
// promises, and the metadata's sign-on URL and certificates. The port is
// acs.DefaultPort; the wizard's live step and jcsso demo both start from
// here.
func LiveTestOptions(p *profile.Profile, a Answers, rep *metadata.Report, now time.Time) acs.Options {
	sp, _ := SPValues(p, a)
	saml := a.SAML(p)
	o := acs.Options{Port: acs.DefaultPort, SPEntityID: sp, NameIDFormat: saml.NameIDFormat}
	o.Inspect.IdPEntityID = a.IdPEntityID
	o.Inspect.RequireSigning = SigningRequirement(saml.Sign)
	o.Inspect.Now = now
	o.UseMetadata(rep)
	return o
}
