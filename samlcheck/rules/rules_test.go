package rules

import "testing"

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
