package demo

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
)

// CacheDir is where the demo keeps its signing keys:
// $XDG_CACHE_HOME/jcsso (os.UserCacheDir; ~/.cache/jcsso by default).
func CacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for the demo's keys: %w", err)
	}
	return filepath.Join(base, "jcsso"), nil
}

// pendingKey is a signing key being read from the cache or generated in
// the background: RSA-4096 generation takes seconds, which the user spends
// reading the first steps instead of waiting.
type pendingKey struct {
	done chan struct{}
	key  *rsa.PrivateKey
	err  error
	// how says where it came from: "cached", "generated", "generated and cached".
	how  string
	took time.Duration
}

// keyFile is the cache file of the i-th key of bits bits (the 1st is the
// one from before a rotation, for the rotated-cert fault).
func keyFile(dir string, bits, i int) string {
	return filepath.Join(dir, fmt.Sprintf("demo-idp-key-%d-%d.pem", bits, i))
}

// startKey reads the i-th key from the cache in dir, or, when there is
// none there (or it is unreadable), generates one of genBits and caches it
// when genBits is bits. dir "" keeps no cache.
func startKey(dir string, bits, genBits, i int) *pendingKey {
	k := &pendingKey{done: make(chan struct{})}
	go func() {
		defer close(k.done)
		start := time.Now()
		defer func() { k.took = time.Since(start) }()
		if dir != "" {
			if key, err := readKey(keyFile(dir, bits, i), bits); err == nil {
				k.key, k.how = key, "cached"
				return
			}
		}
		k.key, k.err = testidp.GenerateKey(genBits)
		k.how = "generated"
		if k.err == nil && dir != "" && genBits == bits {
			if err := writeKey(dir, keyFile(dir, bits, i), k.key); err == nil {
				k.how = "generated and cached"
			}
		}
	}()
	return k
}

// wait returns the key once it is there, or ctx's error.
func (k *pendingKey) wait(ctx context.Context) (*rsa.PrivateKey, error) {
	select {
	case <-k.done:
		return k.key, k.err
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the demo IdP's signing key: %w", ctx.Err())
	}
}

func readKey(path string, bits int) (*rsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM private key")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	key, ok := parsed.(*rsa.PrivateKey)
	if !ok || key.N.BitLen() != bits {
		return nil, errors.New("not an RSA key of the expected size")
	}
	return key, nil
}

// writeKey caches a key: the folder 0700, the file 0600, written
// atomically through the one writer, so a demo killed mid-write leaves no
// half key for the next one.
func writeKey(dir, path string, key *rsa.PrivateKey) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	return ssoconfig.WriteFileAtomic(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}
