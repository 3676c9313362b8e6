package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

const inspectLong = `Explains a SAML response captured during a JumpCloud login: who JumpCloud
says logged in, whether the service provider would accept it, and if not,
exactly why and what to change (in JumpCloud's console or in the service
provider).

RESPONSE is a file, or "-" for standard input, holding any of:
  - the SAMLResponse form value (base64; line breaks, URL-encoding and a
    leading "SAMLResponse=" are fine; a whole copied form body works too),
  - the Redirect-binding form (DEFLATE inside base64),
  - the decoded XML, as a service provider's log or SAML-tracer shows it,
  - a browser capture: a HAR file (any browser's "Save all as HAR") or a
    SAML-tracer export (JSON). Every SAMLResponse sent in it is listed by
    number, time and destination; the last one is inspected, or the one
    --pick N names. Nothing else of the capture is ever printed: cookies,
    headers and other form fields stay where they are.

Capturing a response:
  SAML-tracer (a Firefox and Chrome add-on): open it, log in through JumpCloud,
    select the POST to the service provider's ACS URL (tagged SAML), and save
    the SAMLResponse value from its Parameters tab (or the XML from its SAML
    tab) to a file.
  Browser developer tools: open the Network tab and tick "Preserve log",
    log in, select the POST request to the ACS URL, and copy the SAMLResponse
    field from its Payload (Chrome, Edge) or Request (Firefox) tab.
  A response is a login credential until it expires (about five minutes for
  JumpCloud): share it only with people you would let log in as that user.

What to trust and expect (one of --config, --metadata, --cert):
  --config FILE       the sso-config.yaml that jcsso setup wrote: its signing
                      certificates, entity IDs, ACS URL and Sign setting
                      (flags given beside it override its values)
  --metadata SOURCE   JumpCloud's IdP metadata (the exported file, its URL, or
                      -): its signing certificates and its entityID (the
                      expected Issuer, unless --idp-entity-id is given)
  --cert FILE         a PEM signing certificate instead (repeatable), with
                      --idp-entity-id
  --sp-entity-id, --acs-url   the service provider's values
Signatures are verified only with these certificates, never with the one the
response carries. When JumpCloud signs with a certificate the metadata does
not hold, signature.invalid names both fingerprints: the metadata saved in the
service provider is stale. Without --metadata or --cert nothing can be
verified: signature.invalid fails with "not checked" and the report marks
the values as unverified (exit 1). A check whose expected value was not
given is reported as i (not checked), never as passed.

Every check prints one line: ✓ passed, i information or not checked, ! warning
(works today, likely to bite), ✗ failure (the service provider rejects this
login), with the fix under warnings and failures.

With --json every outcome is one JSON object on stdout, carrying "source"
(and "capture" for a capture), errors too:
{"ok": false, "error": {"kind": "usage|input|fetch|too-large", "message": ...}}.

Exit status:
  0  the service provider would accept this response (warnings allowed)
  1  it would be rejected; the report says why (a RESPONSE that is read but is
     not a usable SAML response, e.g. not base64 or malformed XML, a web page
     or an image, is response.decode, also 1)
  2  RESPONSE, --metadata, --cert or --admins could not be read, RESPONSE is
     over the size limit, or bad usage (an unknown flag, a bad --now,
     --require-signing, --skew or --pick)`

const inspectExample = `  # A response saved from SAML-tracer, checked against the exported metadata
  jcsso inspect saml-response.txt --metadata JumpCloud-avoma-metadata.xml \
      --sp-entity-id https://app.avoma.com --acs-url https://prod-api.avoma.com/saml2/acs

  # With the signing certificate instead, for a Vome admin sign-in
  jcsso inspect response.b64 --cert jumpcloud.pem --idp-entity-id jumpcloud-acmecorp \
      --sp-entity-id "$VOME_SP_ENTITY_ID" --acs-url "$VOME_ACS_URL" --admins vome-admins.txt

  # Pasted from the clipboard, judged as of the moment it was captured
  pbpaste | jcsso inspect - --metadata "$METADATA_URL" --now 2026-03-04T10:00:00Z

  # Against the folder jcsso setup wrote
  jcsso inspect response.b64 --config jcsso-acmecorp/sso-config.yaml

  # A HAR file the customer saved ("Save all as HAR"): the last SAMLResponse,
  # then the first of them
  jcsso inspect login.har --metadata JumpCloud-avoma-metadata.xml
  jcsso inspect login.har --metadata JumpCloud-avoma-metadata.xml --pick 1

  # For a script: the JSON report and the exit status
  jcsso inspect response.xml --cert idp.pem --json | jq '.ok, .subject.email'`

// inspectFlags are the options of `jcsso inspect`.
type inspectFlags struct {
	config         string
	metadata       string
	certs          []string
	idpEntityID    string
	spEntityID     string
	acsURL         string
	admins         []string
	adminsFile     string
	requireSigning string
	requestID      string
	now            string
	skew           time.Duration
	timeout        time.Duration
	pick           int
	json           bool
}

func newInspectCmd() *cobra.Command {
	f := &inspectFlags{}
	cmd := &cobra.Command{
		Use:     "inspect RESPONSE",
		Short:   "Explain a captured SAML response: who logged in, and why it would be rejected",
		Long:    inspectLong,
		Example: inspectExample,
		Args:    oneInput("RESPONSE", inspectNeeds, inspectExampleLine, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			source, err := typedPath(args[0])
			if err != nil {
				return plainErrors(cmd, err)
			}
			return runInspect(cmd, source, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "an sso-config.yaml (or .json) written by jcsso setup: trusted certificates and every expected value")
	fl.StringVar(&f.metadata, "metadata", "", "the IdP metadata from JumpCloud (file, https URL, or -): trusted certificates and the expected Issuer")
	fl.StringArrayVar(&f.certs, "cert", nil, "a trusted IdP signing certificate, PEM (repeatable)")
	fl.StringVar(&f.idpEntityID, "idp-entity-id", "", "the IdP Entity ID set in JumpCloud, expected as the Issuer (default: the metadata's entityID)")
	fl.StringVar(&f.spEntityID, "sp-entity-id", "", "the service provider's SP Entity ID, expected as the Audience")
	fl.StringVar(&f.acsURL, "acs-url", "", "the service provider's ACS URL, expected as Destination and Recipient")
	fl.StringArrayVar(&f.admins, "admin", nil, "an e-mail of an admin that exists in the service provider (repeatable)")
	fl.StringVar(&f.adminsFile, "admins", "", "a file of the service provider's admin e-mails, one a line (# comments allowed)")
	fl.StringVar(&f.requireSigning, "require-signing", string(response.RequireBoth), "what the service provider requires signed: assertion, response, both or either")
	fl.StringVar(&f.requestID, "request-id", "", "the ID of the service provider's AuthnRequest, expected as InResponseTo")
	addNowFlag(fl, &f.now, "the response")
	fl.DurationVar(&f.skew, "skew", 3*time.Minute, "allowed clock difference between JumpCloud and the service provider")
	addTimeoutFlag(fl, &f.timeout, "a --metadata URL")
	fl.IntVar(&f.pick, "pick", 0, "with a HAR file or SAML-tracer export: inspect its N-th SAMLResponse (default: the last)")
	addJSONFlag(fl, &f.json, "ok, issuer, subject, signed, conditions, findings, ...")
	return cmd
}

func runInspect(cmd *cobra.Command, source string, f *inspectFlags) error {
	opts, err := f.options()
	if err != nil {
		return plainErrors(cmd, err)
	}
	opts.Inputs = engineInputs(cmd)
	if err := f.trust(cmd, &opts); err != nil {
		return plainErrors(cmd, err)
	}
	input, err := readResponse(cmd, pasteInput(cmd, "the SAML response (the SAMLResponse value or its XML)"), source, "")
	if err != nil {
		return plainErrors(cmd, err)
	}
	report, err := inspectInput(cmd.Context(), input, f.pick, opts)
	if err != nil {
		return plainErrors(cmd, err)
	}
	if err := interrupted(cmd); err != nil {
		return err
	}
	if reason := report.SizeRefusal(); reason != "" {
		return plainErrors(cmd, kindError(kindTooLarge, fmt.Errorf("cannot read %s: too large: %s", displayName(source), reason)))
	}
	report.Source = samlcheck.RedactURL(source)
	out := cmd.OutOrStdout()
	if f.json {
		if err := writeJSON(out, report); err != nil {
			return err
		}
	} else {
		renderInspectReport(reportWriter(out), source, report)
	}
	if !report.OK {
		return errChecksFailed
	}
	return nil
}

// options turns the flags that need no I/O into response.Options.
func (f *inspectFlags) options() (response.Options, error) {
	opts := response.Options{
		IdPEntityID: f.idpEntityID,
		SPEntityID:  f.spEntityID,
		ACSURL:      f.acsURL,
		RequestID:   f.requestID,
		Skew:        f.skew,
	}
	switch req := response.SigningRequirement(f.requireSigning); req {
	case response.RequireBoth, response.RequireAssertion, response.RequireResponse, response.RequireEither:
		opts.RequireSigning = req
	default:
		return opts, usageError("--require-signing %q: expected assertion, response, both or either", f.requireSigning)
	}
	now, err := parseNow(f.now)
	if err != nil {
		return opts, err
	}
	opts.Now = now
	switch {
	case f.skew < 0:
		return opts, usageError("--skew must be 0 or more, got %s", f.skew)
	case f.skew == 0:
		// The engine reads a zero Skew as its default; a nanosecond is
		// what "no skew at all" means at SAML's one-second resolution.
		opts.Skew = time.Nanosecond
	}
	if err := checkTimeout(f.timeout); err != nil {
		return opts, err
	}
	if f.admins != nil || f.adminsFile != "" {
		opts.Admins = append([]string{}, f.admins...)
	}
	return opts, nil
}

// trust fills in what to trust and expect besides the flags: --config
// (merged by ssoconfig), or --cert and --metadata, and --admins. Files and
// sources are read by inputs.go's readers; how many certificates may be
// trusted, and which of checked metadata's, is the engine's
// (response.Options.TrustCerts and TrustMetadata); the notes are
// report.go's. The order is the order the errors are reported in.
func (f *inspectFlags) trust(cmd *cobra.Command, opts *response.Options) error {
	if f.config != "" {
		if f.metadata != "" || len(f.certs) > 0 {
			return usageError("--config already says what to trust: give it alone, or --metadata or --cert instead")
		}
		if err := f.loadConfig(cmd, opts); err != nil {
			return err
		}
	}
	if f.metadata == "-" && len(cmd.Flags().Args()) > 0 && cmd.Flags().Arg(0) == "-" {
		return usageError("RESPONSE and --metadata cannot both be standard input (-)")
	}
	certs, err := readCertFiles(cmd.Context(), f.certs)
	if err != nil {
		return inputError(err)
	}
	if err := opts.TrustCerts(certs); err != nil {
		return usageError("--cert gives %d certificates to trust, more than the %d a response is verified against; give only JumpCloud's signing certificates (one, or two during a rotation)", len(certs), response.MaxTrustedCerts)
	}
	if f.metadata != "" {
		data, err := loadMetadata(cmd, newFetcher(f.timeout), f.metadata, "--metadata ")
		if err != nil {
			return err
		}
		md := metadata.CheckContext(cmd.Context(), data, metadata.Options{SPEntityID: f.spEntityID, ACSURL: f.acsURL, Now: opts.Now, Inputs: opts.Inputs})
		if err := interrupted(cmd); err != nil {
			return err
		}
		trusted, leftOut := opts.TrustMetadata(md.IdP)
		renderTrustNotes(cmd.ErrOrStderr(), f.metadata, len(md.IdP.Certificates), trusted, leftOut)
	}
	if f.adminsFile != "" {
		list, err := readAdmins(cmd.Context(), f.adminsFile)
		if err != nil {
			return inputError(err)
		}
		opts.Admins = append(opts.Admins, list...)
	}
	return nil
}

// loadConfig takes what to trust and expect from a configuration written by
// the wizard; an expectation given as a flag wins over the recorded one.
func (f *inspectFlags) loadConfig(cmd *cobra.Command, opts *response.Options) error {
	cfg, err := ssoconfig.Read(f.config)
	if err != nil {
		return inputError(fmt.Errorf("cannot use --config: %w", err))
	}
	if err := cfg.FillInspectOptions(opts, cmd.Flags().Changed("require-signing")); err != nil {
		return inputError(fmt.Errorf("--config %s: %w", f.config, err))
	}
	return nil
}

// inspectInput inspects RESPONSE: in a browser capture (a HAR file or a
// SAML-tracer export), the SAMLResponse --pick names (0: the last one);
// otherwise the input itself, where --pick has nothing to choose from.
func inspectInput(ctx context.Context, input []byte, pick int, opts response.Options) (*response.Report, error) {
	if pick < 0 {
		return nil, usageError("--pick must be 1 or more (the number the report lists a capture's SAMLResponses by), got %d", pick)
	}
	c, err := response.ParseCapture(input)
	if err != nil {
		if pick != 0 {
			return nil, usageError("--pick %d: RESPONSE is not a HAR file or SAML-tracer export; --pick chooses one of the SAMLResponses a capture holds", pick)
		}
		return response.InspectContext(ctx, input, opts), nil
	}
	r, err := response.InspectCapture(ctx, c, pick, opts)
	if err != nil {
		return nil, usageError("--pick %d: %s", pick, strings.TrimPrefix(err.Error(), response.ErrNoSuchResponse.Error()+": "))
	}
	return r, nil
}
