package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/doctor"
)

const doctorLong = `Re-checks saved SSO configurations in bulk, to catch a rotated signing
certificate, drifting metadata or an expiring certificate before users are
locked out: made for a SaaS vendor's support team running it every night.

PATH is an sso-config.yaml (or .json) that jcsso setup wrote, or a folder
searched for them at every depth (hidden folders and symbolic links to
folders are skipped). For each configuration:

  - its saved metadata is checked with its saved SP values (as jcsso check
    --config does), against the real NotAfter of its certificate and
    JumpCloud's reminders (60, 30, 7 days, 24 hours: cert.expiring);
  - where a metadata URL is saved, it is fetched again and compared with
    what was saved: drift.cert-rotated (JumpCloud regenerated the key: the
    service provider's copy is stale and every login fails, both SHA-256
    fingerprints named), drift.cert-added (a new certificate beside the
    old one), drift.entityid-changed, drift.sso-url-changed,
    drift.redirect-removed. A URL that answers 401, 403, a web page (a login
    page), 404, a 5xx, a timeout or a body over 5 MiB is drift.fetch-failed,
    a warning with the reason; the saved copy is still checked. --offline
    fetches nothing.

The report is a table, one row per configuration (status, organisation,
service provider, certificate expiry, what changed), then the details of
each one that needs action. With --json it is one JSON object per
configuration per line: {"config", "status": "healthy|action|unreadable",
"findings": [...], ...}. --metrics FILE also writes a Prometheus text file
for node_exporter's textfile collector (each certificate's NotAfter,
whether healthy, when checked).

A configuration needs action on any failure, on a certificate within
--warn-days of expiry, and on any drift; the saved copy's other warnings
(accepted at setup) are kept in --json but need no action.

Exit status:
  0  every configuration is healthy
  1  at least one needs action
  2  at least one could not be read (or bad usage)
  130, 143  interrupted (ctrl+c, SIGTERM): the pool stops at once`

const doctorExample = `  # Every configuration under a folder, with the table and details
  jcsso doctor /srv/sso-configs

  # Nightly, for monitoring: JSON lines for the log, metrics for Prometheus
  jcsso doctor /srv/sso-configs --json --metrics /var/lib/node_exporter/textfile_collector/jcsso.prom

  # The saved copies only, judged as of a fixed time
  jcsso doctor jcsso-acmecorp/sso-config.yaml --offline --now 2026-03-04T10:00:00Z`

// doctorFlags are the options of `jcsso doctor`.
type doctorFlags struct {
	offline  bool
	parallel int
	metrics  string
	warnDays int
	now      string
	timeout  time.Duration
	json     bool
}

// maxParallel bounds --parallel: past it the machine, not the network, is
// what waits.
const maxParallel = 64

func newDoctorCmd() *cobra.Command {
	f := &doctorFlags{}
	cmd := &cobra.Command{
		Use:     "doctor PATH...",
		Short:   "Check saved configurations again: rotated certificates, drift, expiry",
		Long:    doctorLong,
		Example: doctorExample,
		Args:    doctorArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := make([]string, len(args))
			for i, a := range args {
				p, err := typedPath(a)
				if err != nil {
					return plainErrors(cmd, err)
				}
				paths[i] = p
			}
			return runDoctor(cmd, paths, f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.offline, "offline", false, "fetch no metadata URL: check only the saved copies")
	fl.IntVar(&f.parallel, "parallel", doctor.DefaultParallel, "check at most this many configurations at once")
	fl.StringVar(&f.metrics, "metrics", "", "also write the Prometheus text format to this file (for node_exporter's textfile collector), atomically")
	addWarnDaysFlag(fl, &f.warnDays)
	addNowFlag(fl, &f.now, "every certificate")
	addTimeoutFlag(fl, &f.timeout, "each metadata URL")
	addJSONFlag(fl, &f.json, "config, status, findings; one per configuration per line")
	return cmd
}

// doctorArgs needs at least one PATH.
func doctorArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError("%s needs PATH, an sso-config.yaml (or .json) that jcsso setup wrote, or a folder holding them\n  for example: jcsso doctor /srv/sso-configs\n  (see %s --help)", cmd.CommandPath(), cmd.CommandPath())
	}
	return nil
}

func runDoctor(cmd *cobra.Command, paths []string, f *doctorFlags) error {
	now, err := parseNow(f.now)
	if err != nil {
		return plainErrors(cmd, err)
	}
	if err := checkWarnDays(f.warnDays); err != nil {
		return plainErrors(cmd, err)
	}
	if err := checkTimeout(f.timeout); err != nil {
		return plainErrors(cmd, err)
	}
	if f.parallel < 1 || f.parallel > maxParallel {
		return plainErrors(cmd, usageError("--parallel must be 1 to %d, got %d", maxParallel, f.parallel))
	}
	var metrics *doctor.Metrics
	if f.metrics != "" {
		if err := checkOutputFile("--metrics", f.metrics, "jcsso.prom"); err != nil {
			return plainErrors(cmd, err)
		}
		if metrics, err = doctor.NewMetrics(); err != nil {
			return plainErrors(cmd, inputError(err))
		}
		defer metrics.Close() //nolint:errcheck // removes the spool; nothing to tell the user
	}
	out, err := newDoctorOutput(cmd, f.json)
	if err != nil {
		return plainErrors(cmd, inputError(err))
	}
	defer out.close()
	var sum doctor.Summary
	opts := doctor.Options{Fetcher: newFetcher(f.timeout), Offline: f.offline, Parallel: f.parallel, Now: now, WarnDays: f.warnDays}
	runErr := doctor.Run(cmd.Context(), paths, opts, func(r doctor.Result) error {
		sum.Add(r)
		if metrics != nil {
			if err := metrics.Add(r); err != nil {
				return err
			}
		}
		return out.add(r)
	})
	if err := interrupted(cmd); err != nil {
		return err
	}
	if runErr != nil {
		return plainErrors(cmd, inputError(fmt.Errorf("doctor stopped: %w", runErr)))
	}
	if err := out.finish(sum); err != nil {
		return plainErrors(cmd, inputError(err))
	}
	if metrics != nil {
		if err := metrics.WriteFile(f.metrics); err != nil {
			return plainErrors(cmd, inputError(fmt.Errorf("--metrics: cannot %w", err)))
		}
	}
	switch {
	case sum.Unreadable > 0:
		return &exitError{code: exitUsage, silent: true}
	case sum.Action > 0:
		return errChecksFailed
	}
	return nil
}
