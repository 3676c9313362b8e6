package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// watchedWarnings are the warnings that make a configuration need action:
// the ones that change with time or with JumpCloud (a certificate in its
// reminder period, every drift). The saved copy's other warnings (a
// sign-on URL not on sso.jumpcloud.com, HTTP-POST only, a SHA-1 signed
// certificate) were there when setup wrote the configuration and the admin
// went on with them; they are kept in the findings but do not turn a
// configuration into "action" every night, which would bury the real news.
var watchedWarnings = []string{
	samlcheck.IDCertExpiring,
	samlcheck.IDDriftFetchFailed, samlcheck.IDDriftEntityIDChanged, samlcheck.IDDriftSSOURLChanged,
	samlcheck.IDDriftCertRotated, samlcheck.IDDriftCertAdded, samlcheck.IDDriftRedirectRemoved,
}

// NeedsAction reports whether findings make a configuration need action:
// any failure, or a warning doctor watches (see watchedWarnings).
func NeedsAction(fs samlcheck.Findings) bool {
	for _, f := range fs {
		if f.Severity == samlcheck.SeverityFail || (f.Severity == samlcheck.SeverityWarn && slices.Contains(watchedWarnings, f.ID)) {
			return true
		}
	}
	return false
}

// examine checks one configuration: its saved metadata with its saved SP
// values, then, unless offline or none is saved, its metadata URL
// re-fetched and compared with what was saved. Whatever becomes of the
// fetch, the saved copy is checked.
func examine(ctx context.Context, path string, o *Options) Result {
	now := o.now()
	r := Result{Config: path, Fetch: FetchNone, CheckedAt: now.Truncate(time.Second)}
	cfg, err := ssoconfig.Read(path)
	if err != nil {
		return unreadable(r, err)
	}
	r.Organization, r.ServiceProvider = cfg.Organization, cfg.ServiceProvider.Name
	r.MetadataURL = cfg.IdentityProvider.MetadataURL
	mdPath := cfg.MetadataPath(path)
	data, err := source.ReadInput(ctx, mdPath, nil, source.MaxInputBytes, "metadata")
	if err != nil {
		return unreadable(r, fmt.Errorf("the saved metadata: %w", err))
	}
	opts := cfg.CheckOptions(now)
	opts.WarnDays = o.WarnDays
	saved := metadata.CheckContext(ctx, data, opts)
	r.Findings = problems(saved.Findings)
	certs := saved.IdP.Certificates

	switch {
	case r.MetadataURL == "":
	case o.Offline:
		r.Fetch = FetchOffline
	default:
		body, err := o.Fetcher.Fetch(ctx, r.MetadataURL)
		fs, fresh := drift.Refetched(ctx, cfg.SavedIdP(), r.MetadataURL, body, err, opts)
		r.Findings = append(r.Findings, problems(fs)...)
		r.Fetch = FetchFailed
		if fresh != nil {
			r.Fetch, certs = FetchDone, fresh.IdP.Certificates
		}
	}
	r.Cert = earliest(certs)
	r.Status = StatusHealthy
	if NeedsAction(r.Findings) {
		r.Status = StatusAction
	}
	return r
}

// now is the run's clock: Options.Now, else the current time, in UTC.
func (o *Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now().UTC()
	}
	return o.Now.UTC()
}

// unreadable is r marked unreadable for err.
func unreadable(r Result, err error) Result {
	r.Status, r.Err, r.Fetch = StatusUnreadable, err, FetchNone
	return r
}

// problems keeps the failures and warnings of fs.
func problems(fs samlcheck.Findings) samlcheck.Findings {
	var out samlcheck.Findings
	for _, f := range fs {
		if f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
			out = append(out, f)
		}
	}
	return out
}

// earliest is the certificate that expires first, or nil.
func earliest(certs []samlcheck.CertInfo) *Cert {
	var c *Cert
	for _, ci := range certs {
		if c == nil || ci.NotAfter.Before(c.NotAfter) {
			c = &Cert{SHA256: ci.SHA256, NotAfter: ci.NotAfter}
		}
	}
	return c
}

// ErrorLine is an unreadable configuration's reason on one line (a
// configuration's validation names each missing key on a line of its own).
func ErrorLine(err error) string {
	if err == nil {
		return ""
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

// Reason is why r is unreadable, on one line, without the configuration's
// path in front (the reader's errors start with it; r.Config says it).
func (r Result) Reason() string {
	line := ErrorLine(r.Err)
	if rest, ok := strings.CutPrefix(line, r.Config+": "); ok {
		return rest
	}
	return line
}
