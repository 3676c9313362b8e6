package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/steps/logintest"
)

// exitNoResponse is test-login's (and demo's) status when no response
// arrived before the timeout.
const exitNoResponse = 3

const testLoginLong = `Tests a real login through JumpCloud, end to end: jcsso listens on
http://127.0.0.1:PORT/saml/acs (the test ACS URL), sends an AuthnRequest
for the service provider to JumpCloud's sign-on URL through your browser,
and inspects the SAML response JumpCloud posts back, as jcsso inspect does,
also saying which ACS URL JumpCloud wrote into it.

Before the test, add the test ACS URL in JumpCloud as an extra ACS URL on
the app's SSO tab (keep the first one as it is) and save; remove it again
after the test. The port stays the same from one run to the next
(--acs-port, default 8741), so the URL can stay added while you test.

On a terminal it opens a full screen: the URL to add (c copies it), the
browser opened at the login URL (o opens it again), a spinner while it
waits (esc cancels), then who logged in, the attributes and every finding
with its fix, or the likely causes when nothing arrived. No ACS URL can be
added? Press p there and paste the SAMLResponse, or give a HAR or
SAML-tracer file instead.

Without a terminal, or with --json, it prints plain lines. --json prints
JSON lines on stdout: first {"event":"listening","acs_url",...,
"login_url",...,"request_id",...} as soon as the listener is up, then the
listener's events (opened, refused, received), last {"event":"result",
"ok":...,"outcome":"passed|rejected|no-response",...} holding the
inspection as jcsso inspect --json prints it ("inspection"), the live
test's own findings, and which ACS URL was used ("acs"); with no response,
the likely causes ("causes") instead.

The browser is opened at the login URL unless --no-browser, or when there
is no display (over SSH): the URL is printed instead. Over SSH, forward the
port first (ssh -L 8741:127.0.0.1:8741 HOST) and open the URL on your own
machine.

Exit status: 0 the login passed (warnings allowed); 1 the response was
rejected; 2 bad usage, unreadable input or a port already taken; 3 no
response before the timeout; 130 stopped before a response arrived.`

const testLoginExample = `  # Against the metadata JumpCloud exported, for Avoma
  jcsso test-login --metadata JumpCloud-avoma-metadata.xml --profile avoma

  # With what jcsso setup wrote
  jcsso test-login --config jcsso-acmecorp/sso-config.yaml

  # Any service provider, over SSH, for a script
  jcsso test-login --metadata "$METADATA_URL" --sp-entity-id https://sp.example \
      --no-browser --json | jq -c 'select(.event == "result") | .outcome'`

// testLoginFlags are the options of `jcsso test-login`.
type testLoginFlags struct {
	metadata   string
	spEntityID string
	config     string
	profile    string
	acsPort    int
	binding    string
	noBrowser  bool
	timeout    time.Duration
	json       bool
}

func newTestLoginCmd() *cobra.Command {
	f := &testLoginFlags{}
	cmd := &cobra.Command{
		Use:     "test-login",
		Short:   "Test a real login through JumpCloud with a one-shot ACS on 127.0.0.1",
		Long:    testLoginLong,
		Example: testLoginExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTestLogin(cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.metadata, "metadata", "", "the IdP metadata from JumpCloud (file, https URL, or -): its sign-on URL and signing certificates (default: --config's)")
	fl.StringVar(&f.spEntityID, "sp-entity-id", "", "the service provider's SP Entity ID: the request's Issuer and the expected Audience (default: --config's or --profile's)")
	fl.StringVar(&f.config, "config", "", "an sso-config.yaml written by jcsso setup: the SP values, the IdP Entity ID, the certificates and the Sign setting")
	fl.StringVar(&f.profile, "profile", "", "a service-provider profile (vome, avoma, generic or a FILE): its NameID format, Sign setting and fixed SP values")
	fl.IntVar(&f.acsPort, "acs-port", acs.DefaultPort, "the loopback port of the test ACS URL (0: any free port)")
	fl.StringVar(&f.binding, "binding", "auto", "how the request goes to JumpCloud: redirect, post, or auto (redirect when the metadata offers it)")
	fl.BoolVar(&f.noBrowser, "no-browser", false, "print the login URL instead of opening a browser")
	fl.DurationVar(&f.timeout, "timeout", acs.DefaultTimeout, "how long to wait for the response")
	fl.BoolVar(&f.json, "json", false, "print JSON lines (listening first, result last) instead of text")
	return cmd
}

func runTestLogin(cmd *cobra.Command, f *testLoginFlags) error {
	plan, sp, err := f.plan(cmd)
	if err != nil {
		return plainErrors(cmd, err)
	}
	if !f.json && screenProblem(cmd) == "" {
		return runTestLoginScreen(cmd, f, plan, sp)
	}
	sess, err := acs.Start(plan.Options)
	if err != nil {
		return plainErrors(cmd, usageError("%w", err))
	}
	defer sess.Close() //nolint:errcheck // Wait closes it; this covers an early return.
	ctx, cancel := context.WithTimeout(cmd.Context(), plan.Timeout)
	defer cancel()
	out := newLoginPrinter(cmd, f.json)
	events := out.follow(sess)
	if !f.json {
		out.listening(sess, f.noBrowser)
	}
	res, err := sess.Wait(ctx)
	<-events // every event is printed before the result
	if ierr := interrupted(cmd); ierr != nil && res == nil {
		return ierr
	}
	return out.result(sess.ACSURL(), res, err)
}

// plan turns the flags into the login test's plan: what to send, what to
// trust and expect, and the words for the service provider.
func (f *testLoginFlags) plan(cmd *cobra.Command) (logintest.Plan, string, error) {
	var plan logintest.Plan
	if f.timeout <= 0 {
		return plan, "", usageError("--timeout must be positive, got %s", f.timeout)
	}
	if f.acsPort < 0 || f.acsPort > 65535 {
		return plan, "", usageError("--acs-port %d: use 1 to 65535, or 0 for a free port", f.acsPort)
	}
	binding, err := acs.ParseBinding(f.binding)
	if err != nil {
		return plan, "", usageError("--%w", err)
	}
	o := acs.Options{Port: f.acsPort, Binding: binding, SPEntityID: f.spEntityID}
	sp, capture := "", response.Options{}
	metadataSource := f.metadata
	if f.profile != "" {
		p, err := profile.Resolve(f.profile)
		if err != nil {
			return plan, "", usageError("--profile: %w", err)
		}
		sp = p.Name
		o.NameIDFormat = p.SAML.NameIDFormat
		o.Inspect.RequireSigning = ssoconfig.SigningRequirement(p.SAML.Sign)
		if !p.ServiceProvider.Generated {
			fillEmptyValue(&o.SPEntityID, p.ServiceProvider.EntityID)
			if len(p.ServiceProvider.ACSURLs) > 0 {
				capture.ACSURL = p.ServiceProvider.ACSURLs[0]
			}
		}
	}
	if f.config != "" {
		cfg, err := ssoconfig.Read(f.config)
		if err != nil {
			return plan, "", inputError(fmt.Errorf("cannot use --config: %w", err))
		}
		fillEmptyValue(&o.SPEntityID, cfg.ServiceProvider.EntityID)
		fillEmptyValue(&sp, cfg.ServiceProvider.Name)
		fillEmptyValue(&o.NameIDFormat, cfg.SAML.NameIDFormat)
		if err := cfg.FillInspectOptions(&o.Inspect, f.profile != ""); err != nil {
			return plan, "", inputError(fmt.Errorf("--config %s: %w", f.config, err))
		}
		capture.ACSURL = o.Inspect.ACSURL
		o.Inspect.ACSURL = "" // the session expects its own test ACS URL
		fillEmptyValue(&metadataSource, cfg.MetadataPath(f.config))
	}
	switch {
	case metadataSource == "":
		return plan, "", usageError("give JumpCloud's metadata with --metadata (the exported file or its URL), or the folder jcsso setup wrote with --config")
	case o.SPEntityID == "":
		return plan, "", usageError("give the service provider's --sp-entity-id (or a --profile or --config that has it)")
	}
	if err := profile.CheckEntityID(o.SPEntityID); err != nil {
		return plan, "", usageError("--sp-entity-id %q %w", o.SPEntityID, err)
	}
	data, err := loadMetadata(cmd, newFetcher(0), metadataSource, "--metadata ")
	if err != nil {
		return plan, "", err
	}
	md := metadata.CheckContext(cmd.Context(), data, metadata.Options{SPEntityID: o.SPEntityID})
	if err := interrupted(cmd); err != nil {
		return plan, "", err
	}
	o.UseMetadata(md)
	capture.SPEntityID, capture.IdPEntityID = o.SPEntityID, o.Inspect.IdPEntityID
	capture.TrustedCerts, capture.RequireSigning = o.Inspect.TrustedCerts, o.Inspect.RequireSigning
	plan = logintest.Plan{Options: o, Timeout: f.timeout, Capture: capture, SP: sp, AutoOpen: !f.noBrowser, Remote: remoteSession()}
	return plan, sp, nil
}

func fillEmptyValue(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// exitOfOutcome is test-login's exit status for how the test ended.
func exitOfOutcome(k logintest.OutcomeKind) error {
	switch k {
	case logintest.OutcomePassed:
		return nil
	case logintest.OutcomeRejected:
		return errChecksFailed
	case logintest.OutcomeNoResponse:
		return &exitError{code: exitNoResponse, silent: true}
	}
	return &exitError{code: exitInterrupted, silent: true}
}

// waitOutcome classifies what Wait returned.
func waitOutcome(res *acs.Result, err error) logintest.OutcomeKind {
	switch {
	case res != nil && res.OK():
		return logintest.OutcomePassed
	case res != nil:
		return logintest.OutcomeRejected
	case errors.Is(err, acs.ErrNoResponse):
		return logintest.OutcomeNoResponse
	}
	return logintest.OutcomeCanceled
}
