package ssoconfig

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// File names inside the output folder.
const (
	ConfigYAML   = "sso-config.yaml"
	ConfigJSON   = "sso-config.json"
	MetadataFile = "idp-metadata.xml"
	SigningPEM   = "idp-signing.pem"
	NextStepsMD  = "NEXT-STEPS.md"
)

// ErrFolderExists is returned by WriteBundle when the folder exists and
// WriteOptions.Force is false; the caller asks the admin, then retries with
// Force.
var ErrFolderExists = errors.New("output folder already exists")

// ErrUnresolvedFailures is returned by Build when the metadata check found
// a failure the admin did not override; nothing may be written then.
var ErrUnresolvedFailures = errors.New("the metadata check failed")

// ErrIncompleteAnswers is returned by Build when CheckAnswers finds a
// problem; the wrapped message lists each one.
var ErrIncompleteAnswers = errors.New("the answers are incomplete")

// Bundle is everything written to the output folder.
type Bundle struct {
	Config *Config
	// Metadata is the exact bytes that were validated.
	Metadata []byte
	// SigningPEM holds the signing certificate(s).
	SigningPEM []byte
	// Next is what is left to do in the service provider, as data.
	Next *NextStepsDoc
	// NextSteps is Next rendered: NEXT-STEPS.md.
	NextSteps []byte
	// plan plans Next again for another configuration file name (Build
	// sets it; a bundle made otherwise is written as it is).
	plan func(cfgFile string) *NextStepsDoc
}

// as is the bundle with its next steps naming the configuration file as
// written, cfgFile: itself, or a copy whose Next is planned again from the
// same data (the rendered document is never edited).
func (b *Bundle) as(cfgFile string) *Bundle {
	if b.plan == nil || b.Next == nil || b.Next.ConfigFile == cfgFile {
		return b
	}
	c := *b
	c.Next = b.plan(cfgFile)
	c.NextSteps = c.Next.Markdown()
	return &c
}

// WriteOptions control WriteBundle.
type WriteOptions struct {
	// Format is "yaml" (default) or "json".
	Format string
	// Force replaces an existing folder's files, keeping each as FILE.bak,
	// and follows --out when it is a symbolic link.
	Force bool
	// LockWait is how long to wait for another jcsso writing the same
	// folder; zero means DefaultLockWait.
	LockWait time.Duration
}

// Build assembles the bundle from the profile, the admin's answers, the
// validated metadata bytes and the check's report. It refuses answers that
// CheckAnswers finds wrong (ErrIncompleteAnswers) and a report with a
// failure whose id is not in a.Overridden (ErrUnresolvedFailures). Only
// failures actually found are recorded as overridden.
func Build(p *profile.Profile, a Answers, metadata []byte, rep *metadata.Report, now time.Time) (*Bundle, error) {
	if p == nil || rep == nil {
		return nil, errors.New("build the configuration: a profile and a metadata report are required")
	}
	if probs := CheckAnswers(p, a); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, pr := range probs {
			msgs[i] = pr.Message
		}
		return nil, fmt.Errorf("%w: %s", ErrIncompleteAnswers, strings.Join(msgs, " "))
	}
	unresolved, overridden, _ := SplitFailures(rep.Findings, a.Overridden)
	if len(unresolved) > 0 {
		return nil, fmt.Errorf("%w: %s (fix them, or override each one to continue)", ErrUnresolvedFailures, strings.Join(unresolved, ", "))
	}
	if len(metadata) == 0 {
		return nil, errors.New("build the configuration: the metadata is empty")
	}

	var certs []Certificate
	var pemData []byte
	for _, ci := range rep.IdP.Certificates {
		if ci.Cert == nil {
			continue
		}
		pemText := samlcheck.CertPEM(ci.Cert)
		certs = append(certs, Certificate{SHA256: ci.SHA256, SHA1: ci.SHA1, NotAfter: ci.NotAfter.UTC(), PEM: pemText})
		pemData = append(pemData, pemText...)
	}
	if len(certs) == 0 {
		return nil, errors.New("build the configuration: the metadata holds no signing certificate that could be read; activate the app in JumpCloud and export the metadata again")
	}

	spEntityID, acsURLs := SPValues(p, a)
	signOn := drift.SignOn(rep.IdP)
	// The chosen IdP Entity ID is what the SP is given and what later
	// checks expect; what the metadata said is kept beside it when the two
	// differ (a failure continued past), so neither fact is lost.
	idpEntityID, mdEntityID := a.IdPEntityID, ""
	if idpEntityID == "" {
		idpEntityID = rep.IdP.EntityID
	}
	if rep.IdP.EntityID != idpEntityID {
		mdEntityID = rep.IdP.EntityID
	}
	saml := a.SAML(p)
	var attrs map[string]string
	for _, at := range saml.Attributes {
		if attrs == nil {
			attrs = map[string]string{}
		}
		attrs[at.Name] = at.JumpCloud
	}
	var findings []FindingSummary
	for _, f := range rep.Findings {
		fs := FindingSummary{ID: f.ID, Severity: string(f.Severity)}
		if f.Severity == samlcheck.SeverityFail || f.Severity == samlcheck.SeverityWarn {
			fs.Message = f.Message
		}
		findings = append(findings, fs)
	}
	access := Access{Scope: p.Access.Scope, UsersNotified: a.UsersNotified}
	switch p.Rollout.Mode {
	case profile.RolloutSessionsEnd:
		// The SP makes SSO the only way in; there is nothing to exclude.
		access.EnforceSSO = true
	default:
		access.EnforceSSO = a.EnforceSSO
		if len(a.ExcludedAdmins) > 0 {
			access.ExcludedAdmins = slices.Clone(a.ExcludedAdmins)
		}
	}

	cfg := &Config{
		Version:      Version,
		Profile:      p.ID,
		Organization: a.Org,
		ServiceProvider: ServiceProvider{
			Name:              a.App(p),
			EntityID:          spEntityID,
			ACSURLs:           slices.Clone(acsURLs),
			LoginURL:          p.ServiceProvider.LoginURL,
			DefaultRelayState: p.ServiceProvider.DefaultRelayState,
		},
		IdentityProvider: IdentityProvider{
			EntityID:         idpEntityID,
			MetadataEntityID: mdEntityID,
			SSOURL:           signOn.URL,
			SSOBinding:       signOn.Binding,
			// Written, so never with its password (see samlcheck.RedactURL).
			MetadataURL:  samlcheck.RedactURL(a.MetadataURL),
			MetadataFile: MetadataFile,
			Certificates: certs,
		},
		SAML: SAML{
			NameID:                  saml.NameID,
			NameIDFormat:            saml.NameIDFormat,
			Sign:                    saml.Sign,
			SignatureAlgorithm:      saml.SignatureAlgorithm,
			Attributes:              attrs,
			DeclareRedirectEndpoint: saml.DeclareRedirectEndpoint,
		},
		Access: access,
		Validation: Validation{
			// Seconds are enough, and they survive the YAML round trip.
			CheckedAt:  now.UTC().Truncate(time.Second),
			OK:         rep.Findings.OK(),
			Overridden: overridden,
			Findings:   findings,
		},
	}
	explained := Explain(p, a, rep)
	plan := func(cfgFile string) *NextStepsDoc { return PlanNextSteps(p, cfg, explained, cfgFile) }
	next := plan(ConfigYAML) // the default format; WriteBundle plans again for another
	return &Bundle{
		Config:     cfg,
		Metadata:   slices.Clone(metadata),
		SigningPEM: pemData,
		Next:       next,
		NextSteps:  next.Markdown(),
		plan:       plan,
	}, nil
}

// WriteBundle writes the bundle to the folder dir, 0700, files 0600, as a
// whole: at every moment the folder holds the old set or the new one (see
// writeBundle), under a lock that a second run waits for. An existing
// folder with files is refused with ErrFolderExists unless opts.Force; a
// folder holding files jcsso did not write with ErrForeignFiles; a
// symbolic link at dir with ErrOutIsLink unless opts.Force; a lock held
// past opts.LockWait with ErrFolderBusy. ctx stops the write before the
// folder is replaced.
func WriteBundle(ctx context.Context, dir string, b *Bundle, opts WriteOptions) (Written, error) {
	return writeBundle(ctx, dir, b, opts, osOps())
}

// Read reads sso-config.yaml or sso-config.json (by extension, falling
// back to content), refusing unknown versions, unknown keys and missing
// required values.
func Read(path string) (*Config, error) {
	return readConfig(path)
}

// MetadataOptions derives the expectations `jcsso check` applies from the
// profile and the answers, as the wizard and `setup --yes` both use them.
func MetadataOptions(p *profile.Profile, a Answers, now time.Time) metadata.Options {
	spEntityID, acsURLs := SPValues(p, a)
	opts := metadata.Options{
		SPEntityID:     spEntityID,
		IdPEntityID:    a.IdPEntityID,
		Now:            now,
		NameIDNotEmail: a.SAML(p).NameID != profile.NameIDEmail,
	}
	if len(acsURLs) > 0 {
		opts.ACSURL = acsURLs[0]
	}
	if a.LabelKnown(p) {
		// The app the wizard had the admin create, by its default IdP URL.
		opts.AppName = profile.AppSlug(a.App(p))
	}
	return opts
}

// SPValues are the SP Entity ID and ACS URLs in force: the profile's fixed
// values, or the admin's answers for a profile whose SP generates them.
func SPValues(p *profile.Profile, a Answers) (entityID string, acsURLs []string) {
	if p.ServiceProvider.Generated {
		return a.SPEntityID, a.ACSURLs
	}
	return p.ServiceProvider.EntityID, p.ServiceProvider.ACSURLs
}
