package profile

import (
	"strings"
	"testing"
)

// The wizard and `setup --yes` refuse a metadata URL that jcsso would not
// fetch, so the admin learns it before it goes into the message for the SP.
func TestCheckMetadataURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://sso.jumpcloud.com/saml2/metadata/abc", true},
		{"http://127.0.0.1:8080/metadata", true},
		{"http://localhost/metadata", true},
		{"http://sso.jumpcloud.com/x", false},
		{"ftp://example.com/md.xml", false},
		{"/tmp/md.xml", false},
		{"", false},
		{" https://sso.jumpcloud.com/x", false},
	} {
		err := CheckMetadataURL(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckMetadataURL(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
}

// The URL sent to the SP's support is fetched by them as it is, and jcsso
// writes no password: one with credentials is refused, saying why without
// repeating them; every other rule is CheckMetadataURL's.
func TestCheckSentMetadataURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://sso.jumpcloud.com/saml2/metadata/abc", true},
		{"https://support:s3cr3t@console.jumpcloud.com/md", false},
		{"https://token@console.jumpcloud.com/md", false},
		{"http://sso.jumpcloud.com/x", false},
	} {
		err := CheckSentMetadataURL(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckSentMetadataURL(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("the password is in the message: %v", err)
		}
	}
}

// Plain http is for loopback hosts only, and "loopback" is the engine's
// rule (rules.IsLoopbackHost): a name under .localhost counts, as it
// does for `jcsso check --acs-url`, so the wizard and check agree.
func TestCheckACSURLLoopback(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://acme.example/acs", true},
		{"http://localhost:8080/acs", true},
		{"http://app.localhost/acs", true},
		{"http://127.0.0.1/acs", true},
		{"http://[::1]:9000/acs", true},
		{"http://acme.example/acs", false},
		{"http://localhost.acme.example/acs", false},
	} {
		if err := CheckACSURL(tc.url); (err == nil) != tc.ok {
			t.Errorf("CheckACSURL(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
}
