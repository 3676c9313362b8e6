package profile

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jcsso/jcsso/samlcheck/rules"
)

// CheckEntityID reports what is wrong with an SP or IdP Entity ID as typed,
// or nil. Entity IDs are compared byte for byte by both sides, so stray
// spaces are the mistake worth catching; any other non-empty text is valid
// (many are URLs, some are URNs or plain names).
func CheckEntityID(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("is empty")
	case strings.TrimSpace(s) != s:
		return fmt.Errorf("has spaces at the start or end; entity IDs must match exactly")
	case strings.ContainsAny(s, " \t\r\n"):
		return fmt.Errorf("contains spaces; entity IDs are single tokens, check the copy")
	}
	return nil
}

// CheckACSURL reports what is wrong with an Assertion Consumer Service URL,
// or nil. JumpCloud posts the user's browser to it, so it must be an
// absolute https URL (http only on the loopback host, for local tests).
func CheckACSURL(s string) error {
	return checkURL(s, true)
}

// CheckMetadataURL reports what is wrong with JumpCloud's metadata URL (the
// Copy Metadata URL value), or nil. jcsso fetches it and the SP's support
// may too, both over https only (http only on the loopback host, for tests).
func CheckMetadataURL(s string) error {
	return checkURL(s, true)
}

// CheckSentMetadataURL reports what is wrong with a metadata URL the SP's
// support is sent (Avoma's), or nil: CheckMetadataURL's rules, and no user
// name or password in it. The support fetches it as it is, and jcsso never
// writes a password (samlcheck.RedactURL), so one in the URL would reach
// the message as xxxxx and make it unusable.
func CheckSentMetadataURL(s string) error {
	if err := CheckMetadataURL(s); err != nil {
		return err
	}
	if u, err := url.Parse(s); err == nil && u.User != nil {
		return errSentURLCredentials
	}
	return nil
}

var errSentURLCredentials = errors.New("carries a user name or password (before the @): the service provider's support fetches the URL as it is, and jcsso writes no password; give the URL Copy Metadata URL gives, which needs none")

// CheckURL reports what is wrong with a Login URL or Default RelayState
// value, or nil: an absolute http(s) URL.
func CheckURL(s string) error {
	return checkURL(s, false)
}

func checkURL(s string, httpsOnly bool) error {
	if s == "" {
		return fmt.Errorf("is empty")
	}
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("contains spaces; check the copy")
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("is not a URL: %w", err)
	}
	if u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("must be an absolute URL starting with https://, got %q", s)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if !httpsOnly || rules.IsLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("must use https (http only for localhost), got %q", s)
	}
	return fmt.Errorf("must start with https://, got %q", s)
}
