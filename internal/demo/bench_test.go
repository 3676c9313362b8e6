package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
)

// BenchmarkRun is `jcsso demo --yes` in process, end to end: the demo made
// (its key read from the cache: an RSA-4096 one, as a user who ran the
// demo once has), the IdP started with the SSO tab's values, its metadata
// fetched over HTTPS and checked, the live login with the scripted
// browser, the inspection, the folder written and removed.
func BenchmarkRun(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "jcsso")
	if _, err := startKey(dir, testidp.JumpCloudKeyBits, testidp.JumpCloudKeyBits, 0).wait(context.Background()); err != nil {
		b.Fatal(err)
	}
	p, _ := profile.Builtin("avoma")
	a := ssoconfig.Answers{Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp", UsersNotified: true}
	b.ResetTimer()
	for b.Loop() {
		d, err := New(Options{KeyDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		res, err := d.Run(context.Background(), p, a, RunOptions{})
		if err != nil || res.Live == nil || !res.Live.OK() {
			b.Fatalf("%v %+v", err, res)
		}
		_ = d.Close()
	}
}

// BenchmarkGenerateKey4096 is what a first demo would wait for without
// the background generation and the cache: one RSA-4096 key.
func BenchmarkGenerateKey4096(b *testing.B) {
	for b.Loop() {
		if _, err := testidp.GenerateKey(testidp.JumpCloudKeyBits); err != nil {
			b.Fatal(err)
		}
	}
}
