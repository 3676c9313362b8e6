package ssoconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

func TestReadRefusesBadConfigs(t *testing.T) {
	good, err := Encode(build(t, "avoma", avomaAnswers()).Config, "yaml")
	if err != nil {
		t.Fatal(err)
	}
	goodJSON, _ := Encode(build(t, "avoma", avomaAnswers()).Config, "json")
	cases := []struct {
		name, file, data, want string
	}{
		{"newer version", "sso-config.yaml", strings.Replace(string(good), "version: 1", "version: 2", 1), "version 2 is newer than this jcsso reads"},
		{"no version", "sso-config.yaml", strings.Replace(string(good), "version: 1\n", "", 1), "no version key"},
		{"unknown key", "sso-config.yaml", strings.Replace(string(good), "  scope: all_users", "  scope: all_users\n  scpoe: x", 1), "field scpoe not found"},
		{"missing SSO URL", "sso-config.yaml", strings.Replace(string(good), "  sso_url: https://sso.jumpcloud.com/saml2/acmecorp\n", "", 1), "identity_provider.sso_url is missing"},
		{"json unknown key", "sso-config.json", strings.Replace(string(goodJSON), `"profile"`, `"profil": "x", "profile"`, 1), "unknown field"},
		{"empty", "sso-config.yaml", "", "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.file)
			os.WriteFile(path, []byte(c.data), 0o600)
			_, err := Read(path)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("Read = %v, want an error starting with the path and containing %q", err, c.want)
			}
		})
	}
	// Content decides when the extension does not.
	path := filepath.Join(t.TempDir(), "config.txt")
	os.WriteFile(path, goodJSON, 0o600)
	if _, err := Read(path); err != nil {
		t.Errorf("Read(json in .txt) = %v", err)
	}
}

func TestTrustedCertsCatchesAnEditedFingerprint(t *testing.T) {
	c := build(t, "avoma", avomaAnswers()).Config
	c.IdentityProvider.Certificates[0].SHA256 = "AA:BB"
	if _, err := c.TrustedCerts(); err == nil || !strings.Contains(err.Error(), "was edited") {
		t.Errorf("TrustedCerts = %v, want a fingerprint mismatch", err)
	}
}

func TestMetadataPath(t *testing.T) {
	c := &Config{IdentityProvider: IdentityProvider{MetadataFile: "idp-metadata.xml"}}
	if got := c.MetadataPath(filepath.Join("out", "sso-config.yaml")); got != filepath.Join("out", "idp-metadata.xml") {
		t.Errorf("MetadataPath = %s", got)
	}
	c.IdentityProvider.MetadataFile = "-"
	if got := c.MetadataPath("sso-config.yaml"); got != "./-" {
		t.Errorf("MetadataPath(-) = %s: a reader would take it for standard input", got)
	}
	c.IdentityProvider.MetadataFile = "/abs/md.xml"
	if got := c.MetadataPath("out/sso-config.yaml"); got != "/abs/md.xml" {
		t.Errorf("MetadataPath(abs) = %s", got)
	}
}

// check --config and inspect --config get the values setup recorded.
func TestCheckAndInspectOptions(t *testing.T) {
	c := build(t, "vome", vomeAnswers()).Config
	co := c.CheckOptions(testNow)
	if co.SPEntityID != "https://app.vome.test/saml/acme-7f3a" || co.ACSURL != "https://app.vome.test/saml/acme-7f3a/acs" ||
		co.IdPEntityID != "jumpcloud-acmecorp" || co.NameIDNotEmail || co.AppName != c.IdentityProvider.SSOURL {
		t.Errorf("CheckOptions = %+v", co)
	}
	io, err := c.InspectOptions(testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(io.TrustedCerts) != 1 || io.RequireSigning != response.RequireBoth || io.ACSURL != co.ACSURL || io.SPEntityID != co.SPEntityID {
		t.Errorf("InspectOptions = %+v", io)
	}
	c.SAML.Sign = "assertion"
	if io, _ := c.InspectOptions(testNow); io.RequireSigning != response.RequireAssertion {
		t.Errorf("sign assertion gives %q", io.RequireSigning)
	}
}

// --config fills only what the flags left empty, for check and inspect
// alike; the recorded certificates are trusted besides those given.
func TestFillOnlyWhatFlagsLeftEmpty(t *testing.T) {
	c := build(t, "vome", vomeAnswers()).Config
	mo := metadata.Options{SPEntityID: "https://flag.example/sp", Now: testNow}
	c.FillCheckOptions(&mo)
	if mo.SPEntityID != "https://flag.example/sp" || mo.IdPEntityID != "jumpcloud-acmecorp" || mo.ACSURL != "https://app.vome.test/saml/acme-7f3a/acs" {
		t.Errorf("check options = %+v", mo)
	}
	io := response.Options{ACSURL: "https://flag.example/acs", RequireSigning: response.RequireEither}
	if err := c.FillInspectOptions(&io, true); err != nil {
		t.Fatal(err)
	}
	if io.ACSURL != "https://flag.example/acs" || io.SPEntityID != "https://app.vome.test/saml/acme-7f3a" || io.RequireSigning != response.RequireEither || len(io.TrustedCerts) != 1 {
		t.Errorf("inspect options = %+v", io)
	}
	if err := c.FillInspectOptions(&io, false); err != nil || io.RequireSigning != response.RequireBoth || len(io.TrustedCerts) != 2 {
		t.Errorf("without a --require-signing flag: %q, %d certs, %v", io.RequireSigning, len(io.TrustedCerts), err)
	}
}
