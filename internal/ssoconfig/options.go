package ssoconfig

import (
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// CheckOptions are the expectations `jcsso check --config` applies to the
// recorded metadata (MetadataPath): the SP values and the IdP Entity ID
// the configuration was written with. A zero now means the current time.
func (c *Config) CheckOptions(now time.Time) metadata.Options {
	o := metadata.Options{
		SPEntityID:     c.ServiceProvider.EntityID,
		IdPEntityID:    c.IdentityProvider.EntityID,
		AppName:        c.IdentityProvider.SSOURL, // the saved sign-on URL names the application
		Now:            now,
		NameIDNotEmail: c.SAML.NameID != "" && c.SAML.NameID != profile.NameIDEmail,
	}
	if len(c.ServiceProvider.ACSURLs) > 0 {
		o.ACSURL = c.ServiceProvider.ACSURLs[0]
	}
	return o
}

// SavedIdP is what the configuration recorded about JumpCloud, for
// comparing fresh metadata with it (drift.Compare): the entityID,
// the sign-on URL, whether the SP was given the HTTP-Redirect binding
// (recorded whenever the metadata offered it) and the signing
// certificates' fingerprints.
func (c *Config) SavedIdP() drift.SavedIdP {
	s := drift.SavedIdP{EntityID: c.IdentityProvider.EntityID, SSOURL: c.IdentityProvider.SSOURL,
		Redirect: c.IdentityProvider.SSOBinding == rules.BindingRedirect}
	for _, cert := range c.IdentityProvider.Certificates {
		s.CertSHA256 = append(s.CertSHA256, cert.SHA256)
	}
	return s
}

// InspectOptions are what `jcsso inspect --config` verifies a SAML
// response against: the recorded signing certificates (TrustedCerts), the
// entity IDs, the first ACS URL, and the Sign setting as the signing
// requirement. A zero now means the current time.
func (c *Config) InspectOptions(now time.Time) (response.Options, error) {
	certs, err := c.TrustedCerts()
	if err != nil {
		return response.Options{}, err
	}
	o := response.Options{
		TrustedCerts:   certs,
		IdPEntityID:    c.IdentityProvider.EntityID,
		SPEntityID:     c.ServiceProvider.EntityID,
		RequireSigning: signingRequirement(c.SAML.Sign),
		Now:            now,
	}
	if len(c.ServiceProvider.ACSURLs) > 0 {
		o.ACSURL = c.ServiceProvider.ACSURLs[0]
	}
	return o, nil
}

// signingRequirement maps JumpCloud's Sign choice to what a response must
// carry: JumpCloud signs exactly what was chosen.
func signingRequirement(sign string) response.SigningRequirement {
	switch sign {
	case profile.SignAssertion:
		return response.RequireAssertion
	case profile.SignResponse:
		return response.RequireResponse
	}
	return response.RequireBoth
}

// FillCheckOptions is `--config` for `jcsso check`: the recorded
// expectations fill what opts leaves empty, so a value given as a flag wins.
// NameIDNotEmail has no flag and always comes from the configuration.
func (c *Config) FillCheckOptions(opts *metadata.Options) {
	rec := c.CheckOptions(opts.Now)
	fillEmpty(&opts.SPEntityID, rec.SPEntityID)
	fillEmpty(&opts.ACSURL, rec.ACSURL)
	fillEmpty(&opts.IdPEntityID, rec.IdPEntityID)
	fillEmpty(&opts.AppName, rec.AppName)
	opts.NameIDNotEmail = rec.NameIDNotEmail
}

// FillInspectOptions is `--config` for `jcsso inspect`: the recorded
// signing certificates are trusted besides any given, and the recorded
// expectations fill what opts leaves empty. The recorded Sign setting
// becomes the signing requirement unless requireSigningGiven (a flag chose
// one).
func (c *Config) FillInspectOptions(opts *response.Options, requireSigningGiven bool) error {
	rec, err := c.InspectOptions(opts.Now)
	if err != nil {
		return err
	}
	opts.TrustedCerts = append(opts.TrustedCerts, rec.TrustedCerts...)
	fillEmpty(&opts.IdPEntityID, rec.IdPEntityID)
	fillEmpty(&opts.SPEntityID, rec.SPEntityID)
	fillEmpty(&opts.ACSURL, rec.ACSURL)
	if !requireSigningGiven {
		opts.RequireSigning = rec.RequireSigning
	}
	return nil
}

// fillEmpty is the one merge rule of --config: fill only what is empty.
func fillEmpty(dst *string, recorded string) {
	if *dst == "" {
		*dst = recorded
	}
}

// SigningRequirement is what a response must carry for a Sign choice
// (assertion_and_response, assertion or response), for callers that judge
// a response by a profile rather than a configuration (troubleshooting
// without a saved sso-config.yaml).
func SigningRequirement(sign string) response.SigningRequirement { return signingRequirement(sign) }
