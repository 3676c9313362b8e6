package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

const checkLong = `Checks a JumpCloud IdP metadata document the way a careful SAML engineer
would, before it is handed to the service provider (or when a login fails).

SOURCE is one of:
  - an https URL (JumpCloud's "Copy Metadata URL"; http only to localhost),
  - a file path (JumpCloud's "Export Metadata" download),
  - "-" to read the document from standard input.

With --config (the sso-config.yaml that jcsso setup wrote), the expected
values come from the configuration and SOURCE may be left out: the saved
idp-metadata.xml is checked. Give SOURCE too to check fresh metadata
against the saved values: its entityID, sign-on URL, HTTP-Redirect binding
and signing certificates are compared with the saved ones (drift.*): a
rotated certificate, the sign of a regenerated one, fails naming both
fingerprints; one added beside the saved one warns (drift.cert-added).

Every check prints one line: ✓ passed, i information (or not checked because
its expected value was not given), ! warning (works today, likely to bite),
✗ failure (logins will fail). Warnings and failures say what to change and
where: in JumpCloud's console or in the service provider. Give the values you
entered in JumpCloud (--idp-entity-id, --sp-entity-id, --acs-url) to check
them too, and --app-name (the last part of the app's IdP URL,
https://sso.jumpcloud.com/saml2/NAME) to catch another app's export when the
organisation has several; without them those checks are reported as "not
checked". A SAML response, a browser capture (HAR), an image or an archive
given by mistake is named as what it is (a response goes to jcsso inspect).

A URL is fetched over https with a timeout, at most 5 redirects (never from
https to http) and a 5 MiB limit; proxies (HTTPS_PROXY, NO_PROXY) and extra
CA certificates (SSL_CERT_FILE, SSL_CERT_DIR) come from the environment.

With --json every outcome is one JSON object on stdout, errors too:
{"ok": false, "error": {"kind": "usage|input|fetch|too-large", "message": ...}}.

Exit status:
  0  no failure (warnings allowed)
  1  at least one failure; the report says which and how to fix it
     (a file that is not XML at all is a failure too)
  2  the source could not be read or fetched, is over the 5 MiB limit, or
     bad usage`

const checkExample = `  # A downloaded export; expect exit 0 and a checklist of ✓
  jcsso check JumpCloud-avoma-metadata.xml --idp-entity-id jumpcloud-acmecorp \
      --sp-entity-id https://app.avoma.com

  # The URL that "Copy Metadata URL" put on the clipboard, as JSON for a
  # script; exit 2 (and one line saying why) if it cannot be fetched
  jcsso check "$METADATA_URL" --json | jq '.ok, .idp.entity_id'

  # From standard input; an export made before the app was saved exits 1
  # with entityid.placeholder
  curl -s "$URL" | jcsso check -

  # The folder jcsso setup wrote, and fresh metadata against its values
  jcsso check --config jcsso-acmecorp/sso-config.yaml
  jcsso check --config jcsso-acmecorp/sso-config.yaml "$METADATA_URL"

  # Reproducible: judge certificate dates as of a fixed time, warn 30 days ahead
  jcsso check metadata.xml --now 2026-03-04T10:00:00Z --warn-days 30`

// checkFlags are the options of `jcsso check`.
type checkFlags struct {
	config      string
	spEntityID  string
	acsURL      string
	idpEntityID string
	appName     string
	warnDays    int
	now         string
	timeout     time.Duration
	json        bool
}

func newCheckCmd() *cobra.Command {
	f := &checkFlags{}
	cmd := &cobra.Command{
		Use:     "check [SOURCE]",
		Short:   "Validate JumpCloud IdP metadata (a URL, a file, or - for stdin)",
		Long:    checkLong,
		Example: checkExample,
		Args:    oneInput("SOURCE", checkNeeds, checkExampleLine, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			source := ""
			if len(args) == 1 {
				var err error
				if source, err = typedPath(args[0]); err != nil {
					return plainErrors(cmd, err)
				}
			}
			return runCheck(cmd, source, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "an sso-config.yaml (or .json) written by jcsso setup: check its metadata (or SOURCE) against its values")
	fl.StringVar(&f.idpEntityID, "idp-entity-id", "", "the IdP Entity ID entered in JumpCloud's SSO tab; the metadata's entityID must equal it")
	fl.StringVar(&f.spEntityID, "sp-entity-id", "", "the service provider's SP Entity ID; the IdP's entityID must differ from it")
	fl.StringVar(&f.acsURL, "acs-url", "", "the service provider's ACS URL, checked to be https and not JumpCloud's own URL")
	fl.StringVar(&f.appName, "app-name", "", "the JumpCloud application's name, the last part of its IdP URL https://sso.jumpcloud.com/saml2/NAME (or that URL)")
	addWarnDaysFlag(fl, &f.warnDays)
	addNowFlag(fl, &f.now, "every date")
	addTimeoutFlag(fl, &f.timeout, "a URL")
	addJSONFlag(fl, &f.json, "source, ok, idp, findings")
	return cmd
}

func runCheck(cmd *cobra.Command, source string, f *checkFlags) error {
	opts := metadata.Options{
		SPEntityID:  f.spEntityID,
		ACSURL:      f.acsURL,
		IdPEntityID: f.idpEntityID,
		AppName:     f.appName,
		WarnDays:    f.warnDays,
		Inputs:      engineInputs(cmd),
	}
	now, err := parseNow(f.now)
	if err != nil {
		return plainErrors(cmd, err)
	}
	opts.Now = now
	var saved *drift.SavedIdP
	if f.config != "" {
		var err error
		if source, saved, err = applyConfig(f.config, source, &opts); err != nil {
			return plainErrors(cmd, err)
		}
	} else if source == "" {
		return plainErrors(cmd, checkNeedsSource(cmd))
	}
	if err := checkWarnDays(f.warnDays); err != nil {
		return plainErrors(cmd, err)
	}
	if err := checkTimeout(f.timeout); err != nil {
		return plainErrors(cmd, err)
	}
	data, err := loadMetadata(cmd, newFetcher(f.timeout), source, "")
	if err != nil {
		return plainErrors(cmd, err)
	}
	report := metadata.CheckContext(cmd.Context(), data, opts)
	if err := interrupted(cmd); err != nil {
		return err
	}
	report.Source = samlcheck.RedactURL(source)
	if saved != nil {
		report.Findings = append(report.Findings, drift.Compare(*saved, report)...)
		report.OK = report.Findings.OK()
	}
	out := cmd.OutOrStdout()
	if f.json {
		if err := writeJSON(out, report); err != nil {
			return err
		}
	} else {
		renderMetadataReport(reportWriter(out), report)
	}
	if !report.OK {
		return errChecksFailed
	}
	return nil
}

// applyConfig fills the expectations a configuration written by the wizard
// recorded, leaving those given as flags, and returns the source to check:
// SOURCE when given, with the saved values to compare it with (fresh
// metadata against the saved entityID, sign-on URL and certificates, the
// way to catch a regenerated certificate), else the saved metadata file
// and no values to compare.
func applyConfig(path, source string, opts *metadata.Options) (string, *drift.SavedIdP, error) {
	cfg, err := ssoconfig.Read(path)
	if err != nil {
		return "", nil, inputError(fmt.Errorf("cannot use --config: %w", err))
	}
	cfg.FillCheckOptions(opts)
	if source == "" {
		return cfg.MetadataPath(path), nil, nil
	}
	saved := cfg.SavedIdP()
	return source, &saved, nil
}
