package source

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/jcsso/jcsso/samlcheck/rules"
)

// fetchSchemeProblem says why a URL may not be fetched, or "": only https,
// and http only to a loopback host (a local test IdP).
func fetchSchemeProblem(u *url.URL) string {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return ""
	case "http":
		if rules.IsLoopbackHost(u.Hostname()) {
			return ""
		}
		return "plain http is refused; use the https URL (http is allowed only to localhost)"
	}
	return fmt.Sprintf("the %s: scheme is not supported; give an https URL, a file path, or - for standard input", u.Scheme)
}

// IsURL reports whether source names a URL to fetch rather than a file or
// standard input: it has a scheme ("https://..."; any scheme, so that an
// unsupported one is refused by name rather than read as a file name).
func IsURL(source string) bool { return strings.Contains(source, "://") && source != "-" }
