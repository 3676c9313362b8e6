package drift

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Refetched is the re-check of a saved metadata URL: what it served (body,
// or fetchErr when the fetch failed) checked with opts and compared with
// the saved values. JumpCloud's metadata URL can need a login, so a fetch
// answered with 401, 403, a web page (a login page), 404, a 5xx, a timeout
// or a body over the cap is never taken for new metadata: it is one
// drift.fetch-failed warning naming the URL and the reason, nothing is
// compared and fresh is nil (the caller still checks the saved copy).
// Otherwise drift.fetch-failed passes, Compare's findings follow, and
// fresh is the checked body, for what it says about the certificates.
func Refetched(ctx context.Context, saved SavedIdP, metadataURL string, body []byte, fetchErr error, opts metadata.Options) (fs samlcheck.Findings, fresh *metadata.Report) {
	c := samlcheck.DriftTable().Collector(6)
	shown := samlcheck.RedactURL(metadataURL)
	const unchecked = "nothing fresh was compared, the saved copy was checked"
	fresh, problem := readServed(ctx, body, fetchErr, opts)
	switch {
	case problem.fetch:
		c.Problem(samlcheck.IDDriftFetchFailed, fmt.Sprintf("cannot re-fetch the saved metadata URL %s: %s; %s", shown, problem.reason, unchecked), problem.fix)
		return c.Findings(), nil
	case fresh == nil:
		c.Problem(samlcheck.IDDriftFetchFailed, fmt.Sprintf("the saved metadata URL %s answered with %s; %s", shown, problem.reason, unchecked), problem.fix)
		return c.Findings(), nil
	}
	c.Pass(samlcheck.IDDriftFetchFailed, "the saved metadata URL "+shown+" served metadata")
	return append(c.Findings(), Compare(saved, fresh)...), fresh
}

// servedProblem says why what a metadata URL answered is no metadata to
// compare: the fetch failed (fetch; reason names the status, the timeout
// or the cap), or it answered with a web page or another document (reason
// follows "answered with"); fix is the fix for its cause, "" for the
// table's.
type servedProblem struct {
	fetch       bool
	reason, fix string
}

// readServed checks what a metadata URL answered (body, or fetchErr when
// the fetch failed): fresh is the checked body when it is an IdP's
// metadata, else nil and problem says why. A login page, an error page or
// another document is never taken for metadata.
func readServed(ctx context.Context, body []byte, fetchErr error, opts metadata.Options) (fresh *metadata.Report, problem servedProblem) {
	if fetchErr != nil {
		reason, fix := fetchProblem(fetchErr)
		return nil, servedProblem{fetch: true, reason: reason, fix: fix}
	}
	if isHTML, what := xmlsafe.SniffHTML(body); isHTML {
		return nil, servedProblem{reason: what + ", not metadata", fix: loginFix}
	}
	fresh = metadata.CheckContext(ctx, body, opts)
	if f, bad := notMetadata(fresh); bad {
		return nil, servedProblem{reason: fmt.Sprintf("something that is not an IdP's metadata (%s: %s)", f.ID, f.Message)}
	}
	return fresh, servedProblem{}
}

// Fixes more precise than the table's, by the cause of a failed re-fetch.
const (
	loginFix = "The metadata URL now needs a login (JumpCloud's console URL can): give the service provider and jcsso a metadata URL that serves the XML without one (on the application's SSO tab, Copy Metadata URL, then check it opens in a private browser window), or check an export by hand: Export Metadata, then jcsso check --config sso-config.yaml FILE."
	goneFix  = "The application may have been deleted or recreated in JumpCloud (its metadata URL changes with it): open the application's SSO tab, click Copy Metadata URL, and if it differs give the service provider the new one and run jcsso setup again."
	laterFix = "JumpCloud (or the network to it) did not serve the metadata this time: run jcsso doctor again later; if it keeps failing, check the metadata by hand (Export Metadata on the application's SSO tab, then jcsso check --config sso-config.yaml FILE)."
)

// fetchProblem is a failed fetch's reason (the source's one line, which
// names the status, the timeout or the cap) and the fix for its cause.
func fetchProblem(err error) (reason, fix string) {
	reason = err.Error()
	var se *source.Error
	if errors.As(err, &se) {
		reason = se.Reason
	}
	switch {
	case se != nil && (se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden):
		return reason + " (the URL needs a login)", loginFix
	case se != nil && (se.Status == http.StatusNotFound || se.Status == http.StatusGone):
		return reason, goneFix
	case se != nil && se.Status >= 500, errors.Is(err, context.DeadlineExceeded):
		return reason, laterFix
	}
	return reason, ""
}

// notMetadata finds the failure that says a fetched body is not an IdP's
// metadata at all (not XML, another root, no IdP descriptor).
func notMetadata(fresh *metadata.Report) (samlcheck.Finding, bool) {
	for _, f := range fresh.Findings {
		if f.Severity == samlcheck.SeverityFail && (f.ID == samlcheck.IDXMLHTML || f.ID == samlcheck.IDXMLParse || f.ID == samlcheck.IDMetadataRoot || f.ID == samlcheck.IDMetadataIdP) {
			return f, true
		}
	}
	return samlcheck.Finding{}, false
}
