package rules

import (
	"testing"
	"time"
)

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST.": true, "app.localhost": true, "127.0.0.1": true, "127.8.9.10": true,
		"::1": true, "[::1]": true, "example.com": false, "localhost.example.com": false, "10.0.0.1": false, "": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestIsEmailAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"owner@acmecorp.com": true, "a.b+c@sub.acme.io": true,
		"owner@acmecorp": false, "@acme.com": false, "owner@": false, "a@b@c.com": false,
		"a b@acme.com": false, "a@acme.com, b@acme.com": false, "owner@.com": false, "owner@acme.": false, "": false,
	} {
		if got := IsEmailAddress(s); got != want {
			t.Errorf("IsEmailAddress(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSameEntityID(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"https://app.avoma.com", "https://app.avoma.com", true},
		{" https://app.avoma.com\n", "https://app.avoma.com", true},
		{"https://app.avoma.com", "https://APP.avoma.com", false}, // exact, case included
		{"https://app.avoma.com/", "https://app.avoma.com", false},
		{"jumpcloud-acme", "https://app.avoma.com", false},
	} {
		if got := SameEntityID(tc.a, tc.b); got != tc.want {
			t.Errorf("SameEntityID(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestBindingName(t *testing.T) {
	if got := BindingName(BindingRedirect); got != "HTTP-Redirect" {
		t.Errorf("BindingName(redirect) = %q", got)
	}
	if got := BindingName("odd"); got != "odd" {
		t.Errorf("BindingName(odd) = %q", got)
	}
}

func TestIsJumpCloudPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"IdP Entity ID": true, "  idp  entity id ": true, "IDP ENTITY ID": true,
		"jumpcloud-acmecorp": false, "IdP Entity": false, "": false,
	} {
		if got := IsJumpCloudPlaceholder(s); got != want {
			t.Errorf("IsJumpCloudPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
}

// JumpCloud's reminders at 60, 30, 7 days and 24 hours: each is due from
// its day (inclusive) down to the next one, none beyond 60 days or once
// the certificate has expired.
func TestExpiryReminder(t *testing.T) {
	day := 24 * time.Hour
	for _, tc := range []struct {
		left time.Duration
		want int
	}{
		{61 * day, 0}, {60*day + time.Second, 0}, {60 * day, 60}, {31 * day, 60}, {30 * day, 30}, {8 * day, 30},
		{7 * day, 7}, {day + time.Second, 7}, {day, 1}, {time.Hour, 1}, {time.Nanosecond, 1}, {0, 0}, {-day, 0},
	} {
		if got := ExpiryReminder(tc.left); got != tc.want {
			t.Errorf("ExpiryReminder(%s) = %d, want %d", tc.left, got, tc.want)
		}
	}
}
