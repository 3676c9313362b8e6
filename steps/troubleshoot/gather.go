package troubleshoot

import (
	"context"
	"fmt"
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// Inputs are what the customer sent, already read: the checks run on
// bytes, so the scripted form (which reads with its own readers and exit
// statuses) and the session (which reads in the background) gather the
// same evidence the same way.
type Inputs struct {
	Profile *profile.Profile
	// Config is a saved sso-config.yaml: the service provider's copy of
	// JumpCloud's side, and every value it expects. ConfigSource names it.
	Config       *ssoconfig.Config
	ConfigSource string
	// Metadata is JumpCloud's metadata: fresh (compared with Config) when
	// a configuration is given, else the metadata the service provider has.
	Metadata       []byte
	MetadataSource string
	// SavedMetadata is the configuration's own metadata file, checked when
	// no Metadata is given; SavedMetadataSource names it.
	SavedMetadata       []byte
	SavedMetadataSource string
	// SavedMetadataErr is why the configuration's metadata file (named by
	// SavedMetadataSource) could not be read: the evidence then says it
	// was not checked (SavedMetadataNote).
	SavedMetadataErr error
	// Response is a captured SAMLResponse, HAR file or SAML-tracer export.
	Response       []byte
	ResponseSource string
	// Now is --now; zero judges a response at the time its capture says
	// the browser sent it, else at Clock's time.
	Now time.Time
	// Clock is the current time; nil is time.Now.
	Clock func() time.Time
}

// Gather runs every check the inputs allow, as `check` and `inspect` run
// them: the metadata check, the comparison of fresh metadata with the saved
// configuration (drift), and the inspection of the response, verified with
// the certificates the service provider has (the configuration's, else the
// metadata's). It fails only when the configuration's certificates cannot
// be read.
func Gather(ctx context.Context, in Inputs) (diagnose.Evidence, error) {
	var ev diagnose.Evidence
	current := time.Now
	if in.Clock != nil {
		current = in.Clock
	}
	now := in.Now
	if now.IsZero() {
		now = current()
	}
	cfg := in.Config
	ev.Expect = expectations(in.Profile, cfg)

	mdOpts := metadata.Options{SPEntityID: ev.Expect.SPEntityID, ACSURL: ev.Expect.ACSURL, Now: now}
	if cfg != nil {
		mdOpts = cfg.CheckOptions(now)
		saved := cfg.SavedIdP()
		ev.Saved, ev.SavedSource = &saved, in.ConfigSource
	}
	switch {
	case in.Metadata != nil:
		ev.Metadata = metadata.CheckContext(ctx, in.Metadata, mdOpts)
		ev.MetadataSource = samlcheck.RedactURL(in.MetadataSource)
		if ev.Saved != nil {
			ev.Drift = drift.Compare(*ev.Saved, ev.Metadata)
		}
	case cfg != nil && in.SavedMetadata != nil:
		ev.Metadata = metadata.CheckContext(ctx, in.SavedMetadata, mdOpts)
		ev.MetadataSource = in.SavedMetadataSource
	case cfg != nil && in.SavedMetadataErr != nil:
		ev.Unchecked = append(ev.Unchecked, SavedMetadataNote(in.SavedMetadataSource, in.SavedMetadataErr))
	}
	if ev.Metadata != nil {
		ev.Metadata.Source = ev.MetadataSource
	}

	if in.Response == nil {
		return ev, nil
	}
	ev.ResponseSource = in.ResponseSource
	opts, err := responseOptions(in.Profile, cfg, ev)
	if err != nil {
		return ev, err
	}
	ev.Clock = diagnose.Clock{At: in.Now, Source: diagnose.ClockFlag}
	c, err := response.ParseCapture(in.Response)
	if err != nil {
		// A bare response: judged at --now, or now.
		if in.Now.IsZero() {
			ev.Clock = diagnose.Clock{At: current().UTC(), Source: diagnose.ClockNow}
		}
		opts.Now = ev.Clock.At
		ev.Response = response.InspectContext(ctx, in.Response, opts)
		ev.ResponseXML, _, _ = response.Decode(in.Response)
		return ev, nil
	}
	ev.Capture = &diagnose.Capture{Format: c.Format, Requests: c.Requests, Responses: len(c.Responses), Picked: len(c.Responses)}
	if in.Now.IsZero() {
		ev.Clock = diagnose.Clock{At: current().UTC(), Source: diagnose.ClockNow}
		if n := len(c.Responses); n > 0 {
			if sent, err := time.Parse(time.RFC3339Nano, c.Responses[n-1].Time); err == nil {
				ev.Clock = diagnose.Clock{At: sent.UTC(), Source: diagnose.ClockCapture}
			}
		}
	}
	opts.Now = ev.Clock.At
	ev.Response, err = response.InspectCapture(ctx, c, 0, opts)
	if err != nil {
		return ev, fmt.Errorf("cannot inspect %s: %w", in.ResponseSource, err)
	}
	ev.Response.Source = in.ResponseSource
	if v, ok := c.Value(0); ok {
		ev.ResponseXML, _, _ = response.Decode(v)
	}
	return ev, nil
}

// expectations are the service provider's values: the saved
// configuration's, else the profile's fixed ones.
func expectations(p *profile.Profile, cfg *ssoconfig.Config) diagnose.Expect {
	var e diagnose.Expect
	if cfg != nil {
		e.SPEntityID, e.IdPEntityID = cfg.ServiceProvider.EntityID, cfg.IdentityProvider.EntityID
		if len(cfg.ServiceProvider.ACSURLs) > 0 {
			e.ACSURL = cfg.ServiceProvider.ACSURLs[0]
		}
		return e
	}
	if p != nil && !p.ServiceProvider.Generated {
		e.SPEntityID = p.ServiceProvider.EntityID
		if len(p.ServiceProvider.ACSURLs) > 0 {
			e.ACSURL = p.ServiceProvider.ACSURLs[0]
		}
	}
	return e
}

// responseOptions are what a response is verified with and judged by:
// the certificates and values of the saved configuration, else those of
// the metadata given (then taken as the service provider's copy) and the
// profile's.
func responseOptions(p *profile.Profile, cfg *ssoconfig.Config, ev diagnose.Evidence) (response.Options, error) {
	opts := response.Options{SPEntityID: ev.Expect.SPEntityID, ACSURL: ev.Expect.ACSURL, IdPEntityID: ev.Expect.IdPEntityID}
	if p != nil {
		opts.RequireSigning = ssoconfig.SigningRequirement(p.SAML.Sign)
	}
	if cfg != nil {
		if err := cfg.FillInspectOptions(&opts, false); err != nil {
			return opts, fmt.Errorf("%s: %w", orName(ev.SavedSource, "the configuration"), err)
		}
		return opts, nil
	}
	if ev.Metadata != nil {
		opts.TrustMetadata(ev.Metadata.IdP)
	}
	return opts, nil
}

func orName(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
