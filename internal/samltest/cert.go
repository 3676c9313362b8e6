// Package samltest is the testing.TB layer over internal/testidp: the
// generators of JumpCloud-shaped keys, certificates, metadata and signed
// responses, wrapped so a failure is a t.Fatal, plus a per-process key cache
// (RSA-4096 generation takes a second or more), StartIdP (a running test
// IdP with cached keys) and a Browser that signs in through its forms.
// Everything is generated at test time; nothing is copied from another
// project. The generators themselves live in testidp, so tests and the
// test IdP share one JumpCloud shape.
package samltest

import (
	"crypto/rsa"
	"sync"
	"testing"

	"github.com/jcsso/jcsso/internal/testidp"
)

// KeyPair is a private key with its self-signed certificate.
type KeyPair = testidp.KeyPair

// CertOptions shapes a generated certificate. Zero values give JumpCloud's
// shape: RSA-4096, SHA-256, valid five years from 2025-01-01.
type CertOptions = testidp.CertOptions

// DefaultNotBefore is the start of validity of generated certificates.
var DefaultNotBefore = testidp.DefaultNotBefore

// keyCache holds the keys made so far, by size; shared by every test of
// the process, guarded by keyMu.
var (
	keyMu    sync.Mutex
	keyCache = map[int][]*rsa.PrivateKey{}
)

// Key returns the n-th cached RSA key of the given size, generating it on
// first use. RSA-4096 generation takes about a second, so tests share keys;
// different n give different keys (for "rotated certificate" cases).
func Key(tb testing.TB, bits, n int) *rsa.PrivateKey {
	tb.Helper()
	keyMu.Lock()
	defer keyMu.Unlock()
	for len(keyCache[bits]) <= n {
		k, err := testidp.GenerateKey(bits)
		if err != nil {
			tb.Fatalf("%v", err)
		}
		keyCache[bits] = append(keyCache[bits], k)
	}
	return keyCache[bits][n]
}

// NewKeyPair makes a self-signed certificate for the n-th cached key of
// opts.Bits, shaped like a JumpCloud IdP certificate.
func NewKeyPair(tb testing.TB, n int, opts CertOptions) KeyPair {
	tb.Helper()
	if opts.Bits == 0 {
		opts.Bits = testidp.JumpCloudKeyBits
	}
	kp, err := testidp.NewKeyPair(Key(tb, opts.Bits, n), int64(n)+1000, opts)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return kp
}
