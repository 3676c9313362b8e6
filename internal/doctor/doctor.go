// Package doctor re-checks saved configurations in bulk, as `jcsso doctor`
// does each night for a SaaS vendor's support team: each sso-config file
// found (Find) has its saved metadata checked with its saved SP values,
// and, where a metadata URL is saved, that URL re-fetched and compared with
// what was saved (samlcheck/drift), so a rotated certificate, a drifting
// entity ID or an expiring certificate shows before users are locked out.
//
// Run is a bounded pool of workers sharing one source.Fetcher (one HTTP
// client: connections are reused), handing each configuration's Result to
// the caller in the order the configurations were found, as soon as it and
// those before it are done. Memory does not grow with the number of
// configurations: the walk is lazy, at most Options.Parallel
// configurations are being examined and at most a window of finished
// results waits for a slower one ahead of it; a Result keeps only the
// failures and warnings, not the reports.
//
// The package knows no terminal and no flags: cmd/jcsso/doctor.go renders
// what it hands over.
package doctor

import (
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Status is a configuration's verdict.
type Status string

// The verdicts, as `--json` writes them.
const (
	// StatusHealthy: nothing to do; the saved copy checks out and, when it
	// was re-fetched, JumpCloud still publishes what was saved.
	StatusHealthy Status = "healthy"
	// StatusAction: someone must act: a failure, a certificate in
	// JumpCloud's reminder period, a drift, or a metadata URL that can no
	// longer be fetched.
	StatusAction Status = "action"
	// StatusUnreadable: the configuration (or its saved metadata) could
	// not be read, so nothing was checked.
	StatusUnreadable Status = "unreadable"
)

// Fetch says what became of the saved metadata URL.
type Fetch string

// The outcomes of the re-fetch.
const (
	// FetchNone: no metadata URL is saved (the metadata came from a file).
	FetchNone Fetch = "none"
	// FetchOffline: a URL is saved but Options.Offline skipped it.
	FetchOffline Fetch = "offline"
	// FetchFailed: the URL could not be fetched, or did not serve
	// metadata (drift.fetch-failed says why).
	FetchFailed Fetch = "failed"
	// FetchDone: the URL served metadata, which was compared.
	FetchDone Fetch = "fetched"
)

// DefaultParallel is how many configurations are examined at once unless
// Options.Parallel says otherwise: source.PoolSize, the connections one
// Fetcher keeps ready per host (JumpCloud's metadata URLs share a host).
const DefaultParallel = source.PoolSize

// Options shape a run.
type Options struct {
	// Fetcher fetches every saved metadata URL: one, shared by every
	// worker, so connections are reused. Nil means one with the defaults.
	Fetcher *source.Fetcher
	// Offline skips fetching: only the saved copies are checked.
	Offline bool
	// Parallel bounds the configurations examined at once; 0 means
	// DefaultParallel.
	Parallel int
	// Now is the clock certificates are judged by and the checked time
	// recorded; zero means the current time, read for each configuration.
	Now time.Time
	// WarnDays is the metadata check's warning period (cert.expiring);
	// 0 means its default, 60 days (JumpCloud's first reminder).
	WarnDays int
}

// Cert is the signing certificate a configuration's expiry is judged by.
type Cert struct {
	SHA256   string    `json:"sha256"`
	NotAfter time.Time `json:"not_after"`
}

// Result is what doctor found for one configuration.
type Result struct {
	// Config is the configuration file's path, as found.
	Config string
	Status Status
	// Organization and ServiceProvider are the configuration's
	// organization and service_provider.name ("" when unreadable).
	Organization    string
	ServiceProvider string
	// MetadataURL is the saved metadata URL (as written: without its
	// password), "" when none is saved.
	MetadataURL string
	Fetch       Fetch
	// Cert is the signing certificate with the earliest NotAfter among
	// those JumpCloud publishes: the fresh metadata's when it was fetched,
	// else the saved copy's; nil when there is none (or unreadable).
	Cert *Cert
	// Findings are the failures and warnings of the saved copy's check and
	// of drift, in that order; passes and information are left out (jcsso
	// check --config shows every check).
	Findings samlcheck.Findings
	// Err says why the configuration is unreadable; nil otherwise.
	Err error
	// CheckedAt is when it was checked (Options.Now when set).
	CheckedAt time.Time
}

// Summary counts results by status.
type Summary struct {
	Healthy, Action, Unreadable int
}

// Add counts one result.
func (s *Summary) Add(r Result) {
	switch r.Status {
	case StatusHealthy:
		s.Healthy++
	case StatusAction:
		s.Action++
	default:
		s.Unreadable++
	}
}

// Total is the number of results counted.
func (s Summary) Total() int { return s.Healthy + s.Action + s.Unreadable }
