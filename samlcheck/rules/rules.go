// Package rules holds the value rules several layers judge by: the
// engine's checks, the wizard's live validation, `setup --yes`, the writer
// of sso-config and the test IdP. Each lives here once, so a value the
// wizard accepts is one `jcsso check` accepts too (they used to disagree,
// for example on http://app.localhost and on "owner@acmecorp").
//
// It imports nothing of this module, so any package may use it, even one
// the engine's own tests depend on (the test IdP, and the profiles it reads)
// without an import cycle.
package rules

import (
	"net"
	"strings"
	"time"
)

// BindingPOST and BindingRedirect are the browser bindings a sign-on
// service offers (saml-bindings-2.0-os §3.5, §3.4).
const (
	BindingPOST     = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
	BindingRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
)

// BindingName is a binding URI's last part, as consoles and reports name it
// ("HTTP-POST" for urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST).
func BindingName(uri string) string {
	if i := strings.LastIndexByte(uri, ':'); i >= 0 && i < len(uri)-1 {
		return uri[i+1:]
	}
	return uri
}

// IsLoopbackHost reports whether host (without port) is localhost, a name
// under .localhost (RFC 6761), or a loopback address (127.0.0.0/8, ::1):
// the only hosts plain http may reach, because traffic to them never leaves
// the machine.
func IsLoopbackHost(host string) bool {
	if IsLoopbackName(host) {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackName reports whether host is localhost or a name under it,
// which RFC 6761 reserves for the loopback address (so a fetch resolves it
// there without asking DNS).
func IsLoopbackName(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// IsEmailAddress reports whether s reads as one e-mail address: one @,
// something before it, a dotted domain after it, no spaces or list
// separators. Deliberately plain: service providers match the string, they
// do not parse RFC 5322.
func IsEmailAddress(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " \t\r\n<>,;") {
		return false
	}
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// SameEntityID reports whether two entity IDs name the same entity. Entity
// IDs are compared exactly, case included; only the spaces a copy or an XML
// attribute can carry around the value are ignored. The IdP Entity ID must
// differ from the SP Entity ID by this rule, or the SP rejects the metadata.
func SameEntityID(a, b string) bool {
	return strings.TrimSpace(a) == strings.TrimSpace(b)
}

// JumpCloudPlaceholder is what JumpCloud's IdP Entity ID field holds until
// the application is saved with a value of its own: metadata exported then
// carries it as its entityID, and every response as its Issuer.
const JumpCloudPlaceholder = "IdP Entity ID"

// IsJumpCloudPlaceholder reports whether an entity ID or Issuer is
// JumpCloud's unfilled placeholder, in any case or spacing.
func IsJumpCloudPlaceholder(s string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(s), " "), JumpCloudPlaceholder)
}

// JumpCloudExpiryReminders are the days before a signing certificate's
// NotAfter on which JumpCloud e-mails the admin: 60, 30 and 7 days, and 24
// hours (1). The admin often ignores them, which is why `jcsso check` and
// `jcsso doctor` name the one that is due.
func JumpCloudExpiryReminders() []int { return []int{60, 30, 7, 1} }

// ExpiryReminder is the last of JumpCloud's expiry reminders due for a
// certificate with left before its NotAfter (the real one: an uploaded
// certificate need not live five years): the smallest of 60, 30, 7 and 1
// days that left does not exceed, so 7 from 7 days down to just over 24
// hours. It is 0 when more than 60 days are left, or none (left <= 0:
// expired, which is another finding).
func ExpiryReminder(left time.Duration) int {
	if left <= 0 {
		return 0
	}
	due := 0
	for _, d := range JumpCloudExpiryReminders() {
		if left <= time.Duration(d)*24*time.Hour {
			due = d
		}
	}
	return due
}
