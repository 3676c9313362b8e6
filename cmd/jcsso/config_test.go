package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
)

// writeAvomaConfig runs the headless setup for Avoma on generated metadata
// (key 0) and returns the path of the sso-config.yaml it wrote.
func writeAvomaConfig(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "jcsso-acmecorp")
	md := metadataFile(t, "jumpcloud-acmecorp")
	code, out, errOut := runCmd(t, "", "setup", "--yes", "--profile", "avoma", "--org", "acmecorp",
		"--idp-entity-id", "jumpcloud-acmecorp", "--metadata", md,
		"--metadata-url", sentURL(t, md), "--users-notified",
		"--out", dir, "--now", testNow)
	if code != 0 {
		t.Fatalf("setup: exit %d\n%s%s", code, out, errOut)
	}
	return filepath.Join(dir, ssoconfig.ConfigYAML)
}

// The "done" check: the folder the wizard writes is accepted by
// `jcsso check --config`, with the recorded values as expectations.
func TestCheckConfigAcceptsWhatSetupWrote(t *testing.T) {
	cfg := writeAvomaConfig(t)
	code, out, errOut := runCmd(t, "", "check", "--config", cfg, "--now", testNow)
	if code != 0 {
		t.Fatalf("check --config: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"✓ entityid.mismatch", "✓ entityid.same-as-sp", "idp-metadata.xml"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Fresh metadata whose entityID differs from the recorded IdP Entity ID
	// fails against the saved values.
	fresh := metadataFile(t, "jumpcloud-acme")
	code, out, _ = runCmd(t, "", "check", "--config", cfg, fresh, "--now", testNow)
	if code != 1 || !strings.Contains(out, "✗ entityid.mismatch") {
		t.Errorf("fresh metadata with another entityID: exit %d, want 1 with entityid.mismatch\n%s", code, out)
	}
}

func TestCheckConfigUsage(t *testing.T) {
	if code, _, errOut := runCmd(t, "", "check"); code != 2 || !strings.Contains(errOut, "--config") {
		t.Errorf("check without SOURCE or --config: exit %d, stderr %q; want 2 naming --config", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "sso-config.yaml")
	if err := os.WriteFile(bad, []byte("version: 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd(t, "", "check", "--config", bad); code != 2 || !strings.Contains(errOut, bad) {
		t.Errorf("check with a bad config: exit %d, stderr %q; want 2 naming the file", code, errOut)
	}
}

// `jcsso inspect --config` trusts the recorded certificate and expects the
// recorded values: a response from that key passes, one from a regenerated
// key is diagnosed as stale metadata.
func TestInspectConfig(t *testing.T) {
	cfg := writeAvomaConfig(t)
	dir := t.TempDir()
	for n, name := range []string{"good.b64", "rotated.b64"} {
		xml := samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, SignResponse: true,
			Signer: samltest.NewKeyPair(t, n, samltest.CertOptions{})})
		if err := os.WriteFile(filepath.Join(dir, name), samltest.PostForm(xml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCmd(t, "", "inspect", filepath.Join(dir, "good.b64"), "--config", cfg, "--now", inspectNow)
	if code != 0 {
		t.Fatalf("good response: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"✓ audience.mismatch", "✓ destination.mismatch", "✓ issuer.mismatch"} {
		if !strings.Contains(out, want) {
			t.Errorf("good response output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd(t, "", "inspect", filepath.Join(dir, "rotated.b64"), "--config", cfg, "--now", inspectNow)
	newFP := samlcheck.FingerprintSHA256(samltest.NewKeyPair(t, 1, samltest.CertOptions{}).Cert)
	if code != 1 || !strings.Contains(out, "stale") || !strings.Contains(out, newFP) {
		t.Errorf("rotated response: exit %d, want 1 naming stale metadata and %s\n%s", code, newFP, out)
	}
	if code, _, errOut := runCmd(t, "", "inspect", filepath.Join(dir, "good.b64"), "--config", cfg, "--cert", cfg); code != 2 || !strings.Contains(errOut, "--config") {
		t.Errorf("--config with --cert: exit %d, stderr %q; want 2", code, errOut)
	}
}
