package samltest

import (
	"slices"
	"testing"

	"github.com/jcsso/jcsso/internal/testidp"
)

// IdPKeyBits is the key size StartIdP uses when opts.KeyBits is zero:
// smaller than JumpCloud's 4096 so a test starts in milliseconds.
const IdPKeyBits = 2048

// StartIdP makes and starts a test IdP for tb with cached keys (the 0th
// key of opts.KeyBits signs, the 1st is the one from before a rotation
// with testidp.FaultRotatedCert),
// and closes it when the test ends. Options left zero get testidp's
// defaults; KeyBits defaults to IdPKeyBits.
func StartIdP(tb testing.TB, opts testidp.Options) *testidp.Server {
	tb.Helper()
	if opts.KeyBits == 0 {
		opts.KeyBits = IdPKeyBits
	}
	if opts.Key == nil {
		opts.Key = Key(tb, opts.KeyBits, 0)
	}
	if opts.PreviousKey == nil && slices.Contains(opts.Faults, testidp.FaultRotatedCert) {
		opts.PreviousKey = Key(tb, opts.KeyBits, 1)
	}
	srv, err := testidp.New(opts)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	tb.Cleanup(func() { _ = srv.Close() })
	if err := srv.Start(); err != nil {
		tb.Fatalf("%v", err)
	}
	return srv
}
