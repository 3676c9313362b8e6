package demo

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// TestKeyCache: a key made once is cached (the folder 0700, the file
// 0600) and read back by the next demo; a damaged file is replaced; with
// a fallback size nothing is cached and the smaller key is used.
func TestKeyCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "jcsso")
	k := startKey(dir, 2048, 2048, 0)
	key, err := k.wait(context.Background())
	if err != nil || k.how != "generated and cached" {
		t.Fatalf("%v, %q", err, k.how)
	}
	path := keyFile(dir, 2048, 0)
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("cached key: %v %v", fi, err)
	}
	if di, _ := os.Stat(dir); di.Mode().Perm() != 0o700 {
		t.Errorf("cache folder mode %v", di.Mode().Perm())
	}
	again := startKey(dir, 2048, 2048, 0)
	if k2, _ := again.wait(context.Background()); again.how != "cached" || !k2.PublicKey.Equal(&key.PublicKey) {
		t.Errorf("second demo: %q, same key %v", again.how, k2.PublicKey.Equal(&key.PublicKey))
	}
	if err := os.WriteFile(path, []byte("half a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if k3 := startKey(dir, 2048, 2048, 0); func() bool { _, _ = k3.wait(context.Background()); return k3.how != "generated and cached" }() {
		t.Errorf("a damaged key was not replaced")
	}
	empty := filepath.Join(t.TempDir(), "c")
	fb := startKey(empty, 4096, 2048, 0)
	if fk, _ := fb.wait(context.Background()); fk.N.BitLen() != 2048 || fb.how != "generated" {
		t.Errorf("fallback: %d bits, %q", fk.N.BitLen(), fb.how)
	}
	if _, err := os.Stat(keyFile(empty, 4096, 0)); err == nil {
		t.Error("a fallback key was cached as a 4096-bit one")
	}
}

// TestConfigureIsTheSSOTab: the IdP starts with what the answers say on
// the SSO tab, for the app they name; saving again applies new values and
// keeps the live test's URL, first; its metadata is fetched with its own
// certificate trusted.
func TestConfigureIsTheSSOTab(t *testing.T) {
	d, err := New(Options{KeyBits: 2048})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	p, _ := profile.Builtin("avoma")
	a := ssoconfig.Answers{Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp"}
	ctx := context.Background()
	if _, err := d.SignIn(ctx, "http://127.0.0.1:1/saml/login"); err == nil || !strings.Contains(err.Error(), "SSO tab") {
		t.Errorf("before the SSO tab: %v", err)
	}
	url, err := d.Configure(ctx, p, a)
	if err != nil || !strings.Contains(url, "/saml2/avoma/metadata.xml") {
		t.Fatalf("%q %v", url, err)
	}
	md, err := d.Load(ctx, url, source.LoadOptions{})
	if err != nil || !strings.Contains(string(md), `entityID="jumpcloud-acmecorp"`) {
		t.Fatalf("metadata: %v\n%s", err, md)
	}
	test := acs.ACSURLFor(8741)
	if err := d.AddACSURL(test); err != nil {
		t.Fatal(err)
	}
	a.IdPEntityID = "jumpcloud-acme"
	if _, err := d.Configure(ctx, p, a); err != nil {
		t.Fatal(err)
	}
	s := d.idp.Settings()
	if s.IdPEntityID != "jumpcloud-acme" || len(s.ACSURLs) != 2 || s.ACSURLs[0] != test || s.ACSURLs[1] != p.ServiceProvider.ACSURLs[0] ||
		s.SPEntityID != p.ServiceProvider.EntityID || s.DefaultRelayState != p.ServiceProvider.DefaultRelayState {
		t.Errorf("settings %+v", s)
	}
}
