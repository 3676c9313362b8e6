package main

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// A regenerated certificate shows as soon as fresh metadata is checked
// against the saved configuration: drift.cert-rotated fails with both
// fingerprints, the rest of the fresh metadata being fine.
func TestCheckConfigFreshMetadataRotatedCertificate(t *testing.T) {
	cfg := writeAvomaConfig(t)
	oldKP := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	newKP := samltest.NewKeyPair(t, 1, samltest.CertOptions{})
	fresh := filepath.Join(t.TempDir(), "fresh.xml")
	if err := os.WriteFile(fresh, samltest.Metadata(newKP, samltest.MetadataOptions{}), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "check", "--config", cfg, fresh, "--now", testNow)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"✗ drift.cert-rotated", samlcheck.FingerprintSHA256(oldKP.Cert), samlcheck.FingerprintSHA256(newKP.Cert),
		"✓ drift.entityid-changed", "✓ drift.sso-url-changed", "upload the fresh metadata to the service provider"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The same certificate: no drift, exit 0.
	same := filepath.Join(t.TempDir(), "same.xml")
	if err := os.WriteFile(same, samltest.Metadata(oldKP, samltest.MetadataOptions{}), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCmd(t, "", "check", "--config", cfg, same, "--now", testNow); code != 0 || !strings.Contains(out, "✓ drift.cert-rotated") {
		t.Errorf("unchanged metadata: exit %d\n%s", code, out)
	}
	// The saved metadata alone is not compared with itself.
	if _, out, _ := runCmd(t, "", "check", "--config", cfg, "--now", testNow); strings.Contains(out, "drift.") {
		t.Errorf("check --config alone reports drift:\n%s", out)
	}
}

// A certificate published beside the saved one is a rollover begun:
// drift.cert-added warns naming the new one (exit 0, nothing fails yet) and
// drift.cert-rotated passes; the Redirect binding gone from fresh metadata
// is drift.redirect-removed.
func TestCheckConfigFreshMetadataCertAddedAndRedirectRemoved(t *testing.T) {
	cfg := writeAvomaConfig(t)
	oldKP := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	newKP := samltest.NewKeyPair(t, 1, samltest.CertOptions{})
	fresh := filepath.Join(t.TempDir(), "fresh.xml")
	if err := os.WriteFile(fresh, samltest.Metadata(oldKP, samltest.MetadataOptions{ExtraCerts: []*x509.Certificate{newKP.Cert}}), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "check", "--config", cfg, fresh, "--now", testNow)
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"! drift.cert-added", samlcheck.FingerprintSHA256(newKP.Cert), "✓ drift.cert-rotated", "✓ drift.redirect-removed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	postOnly := filepath.Join(t.TempDir(), "post-only.xml")
	if err := os.WriteFile(postOnly, samltest.Metadata(oldKP, samltest.MetadataOptions{PostOnly: true}), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := runCmd(t, "", "check", "--config", cfg, postOnly, "--now", testNow); !strings.Contains(out, "! drift.redirect-removed") {
		t.Errorf("post-only fresh metadata:\n%s", out)
	}
}
