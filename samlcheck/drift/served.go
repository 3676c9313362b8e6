package drift

import (
	"context"
	"fmt"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// Served is what a metadata URL answered, compared with metadata imported
// from a file or a paste. The URL is what a service provider's support is
// sent (Avoma fetches it), so before it is sent it must serve the metadata
// that was checked: the setup wizard and `jcsso setup --yes` both ask
// ServedFrom, so they refuse the same URLs.
type Served struct {
	// Unchecked says, in one line, why the answer could not be compared:
	// the fetch failed (naming the status, the timeout or the cap), or it
	// answered with a web page (a login page) or a document that is not an
	// IdP's metadata. "" once compared.
	Unchecked string
	// Findings are Compare's, with the imported metadata as the saved
	// values; nil when unchecked.
	Findings samlcheck.Findings

	imported, fresh samlcheck.IdPInfo
}

// SignOn is the sign-on endpoint a service provider sends users to, which
// a configuration records: HTTP-Redirect when the metadata offers it (what
// most SPs use for AuthnRequests), else HTTP-POST, else the first one
// listed; the zero Endpoint when there is none.
func SignOn(idp samlcheck.IdPInfo) samlcheck.Endpoint {
	for _, want := range []string{rules.BindingRedirect, rules.BindingPOST} {
		for _, e := range idp.SSO {
			if e.Binding == want {
				return e
			}
		}
	}
	if len(idp.SSO) > 0 {
		return idp.SSO[0]
	}
	return samlcheck.Endpoint{}
}

// SavedFrom is what a configuration written from checked metadata records
// about the identity provider (see SignOn), for comparing
// other metadata with it before anything is written.
func SavedFrom(idp samlcheck.IdPInfo) SavedIdP {
	signOn := SignOn(idp)
	s := SavedIdP{EntityID: idp.EntityID, SSOURL: signOn.URL, Redirect: signOn.Binding == rules.BindingRedirect}
	for _, c := range idp.Certificates {
		s.CertSHA256 = append(s.CertSHA256, c.SHA256)
	}
	return s
}

// ServedFrom compares what metadataURL answered (body, or fetchErr when
// the fetch failed) with the imported metadata. What is not an IdP's
// metadata is never compared (Unchecked says why, as Refetched does for a
// saved URL); otherwise Compare judges the two.
func ServedFrom(ctx context.Context, imported samlcheck.IdPInfo, body []byte, fetchErr error, opts metadata.Options) Served {
	fresh, problem := readServed(ctx, body, fetchErr, opts)
	switch {
	case problem.fetch:
		return Served{Unchecked: "fetching it failed: " + problem.reason}
	case fresh == nil:
		return Served{Unchecked: "it answered with " + problem.reason}
	}
	return Served{Findings: Compare(SavedFrom(imported), fresh), imported: imported, fresh: fresh.IdP}
}

// Differs says, in one line, how the URL's metadata differs from the
// imported metadata in what the service provider uses (Compare's
// failures: another entityID, no longer the sign-on URL, none of the
// signing certificates), or "" when it serves the same metadata, or was
// not compared. A certificate added beside the imported one (a rollover
// begun) or a lost Redirect binding are Compare's warnings, not other
// metadata: the service provider that fetches the URL still gets the
// entityID, the sign-on URL and the certificate that were checked.
func (s Served) Differs() string {
	var parts []string
	for _, f := range s.Findings {
		if f.Severity != samlcheck.SeverityFail {
			continue
		}
		switch f.ID {
		case samlcheck.IDDriftEntityIDChanged:
			parts = append(parts, fmt.Sprintf("its entityID is %q, the imported metadata's %q", s.fresh.EntityID, s.imported.EntityID))
		case samlcheck.IDDriftSSOURLChanged:
			parts = append(parts, fmt.Sprintf("it does not offer the imported metadata's sign-on URL %s", SignOn(s.imported).URL))
		case samlcheck.IDDriftCertRotated:
			parts = append(parts, fmt.Sprintf("it has another signing certificate (SHA-256 %s; the imported metadata's is %s)", fingerprints(s.fresh), fingerprints(s.imported)))
		default:
			parts = append(parts, f.Message)
		}
	}
	return strings.Join(parts, "; ")
}

func fingerprints(idp samlcheck.IdPInfo) string {
	fps := make([]string, len(idp.Certificates))
	for i, c := range idp.Certificates {
		fps[i] = c.SHA256
	}
	return strings.Join(fps, ", ")
}
