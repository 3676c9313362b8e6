package samlcheck

import (
	"net/url"
	"strings"
)

// RedactURL hides the credentials a URL carries before it is shown or
// written anywhere (a message, a report, a saved session, the written
// configuration): https://user:secret@host/… becomes
// https://user:xxxxx@host/…, and a user name alone (often a token) is
// replaced the same way. Anything else, a file path included, comes back
// unchanged. The fetch itself still uses the URL as given.
func RedactURL(s string) string {
	if !strings.Contains(s, "@") || !strings.Contains(s, "://") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); !ok {
		u.User = url.User("xxxxx")
		return u.String()
	}
	return u.Redacted()
}
