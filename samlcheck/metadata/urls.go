package metadata

import (
	"net/url"
	"strings"

	"github.com/jcsso/jcsso/samlcheck/rules"
)

// browserURLProblem says what is wrong with a URL a browser is sent to (an
// IdP sign-on Location or an SP ACS URL), or "" when it is an absolute https
// URL (or http to a loopback host, for local tests).
func browserURLProblem(raw string) string {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "it is empty"
	case s != raw:
		return "it has spaces around it"
	case strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0:
		return "it contains spaces or control characters"
	}
	u, err := url.Parse(s)
	if err != nil {
		return "it is not a valid URL"
	}
	switch scheme := strings.ToLower(u.Scheme); scheme {
	case "":
		return "it is a relative URL; it must be absolute, starting with https://"
	case "https":
	case "http":
		if !rules.IsLoopbackHost(u.Hostname()) {
			return "it uses plain http; only https is allowed (http only to a loopback host for local tests)"
		}
	case "javascript", "data", "vbscript":
		return "it uses the " + scheme + ": scheme, which a browser would run as code instead of opening a page"
	default:
		return "it uses the " + scheme + ": scheme; only https is allowed"
	}
	switch {
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return "it has no host name"
	case u.User != nil:
		return "it carries a user name or password"
	}
	return ""
}

// isJumpCloudSSOURL reports whether u has the form of JumpCloud's sign-on
// URL, https://sso.jumpcloud.com/saml2/NAME.
func isJumpCloudSSOURL(raw string) bool {
	return jumpCloudAppName(raw) != ""
}

// plainHTTP reports whether a URL browserURLProblem accepts is plain http
// (to a loopback host, for local tests) rather than https.
func plainHTTP(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	return err == nil && strings.EqualFold(u.Scheme, "http")
}

// urlKind names what an accepted URL is, for a passing finding: "an
// https URL", or plain http to a loopback host, never called https.
func urlKind(raw string) string {
	if plainHTTP(raw) {
		return "a plain-http URL to a loopback host (accepted for local tests only)"
	}
	return "an https URL"
}

// givenAppName is the JumpCloud application a user named (--app-name, or
// the saved sign-on URL): a bare name, or the application's IdP URL as a
// person copies it, with http or https or no scheme, and with a trailing
// slash. ok is false for a URL of another form, which names no
// application.
func givenAppName(raw string) (name string, ok bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", true
	}
	lower := strings.ToLower(s)
	if !strings.Contains(s, "://") && !strings.HasPrefix(lower, "sso.jumpcloud.com/") {
		return strings.Trim(s, "/"), true // a name
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (!strings.EqualFold(u.Scheme, "https") && !strings.EqualFold(u.Scheme, "http")) {
		return "", false
	}
	u.Scheme, u.Path, u.RawPath = "https", strings.TrimRight(u.Path, "/"), ""
	if name := jumpCloudAppName(u.String()); name != "" {
		return name, true
	}
	return "", false
}

// jumpCloudAppName returns NAME from JumpCloud's sign-on URL
// https://sso.jumpcloud.com/saml2/NAME, or "" for any other string.
func jumpCloudAppName(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "https" || u.Port() != "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	if !strings.EqualFold(u.Hostname(), "sso.jumpcloud.com") {
		return ""
	}
	name, ok := strings.CutPrefix(u.EscapedPath(), "/saml2/")
	if !ok || strings.Contains(name, "/") {
		return ""
	}
	return name
}
