package acs_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jcsso/jcsso/internal/testidp"
)

// BenchmarkRoundTrip is one whole login test in process, as `jcsso demo
// --yes` will run it: Start (listener up, AuthnRequest built), the browser
// opens the login URL and is redirected to the test IdP, signs in, gets
// the signed response (Assertion and Response) and posts it to the test
// ACS URL, where it is inspected; Wait returns and the listener closes.
// The IdP's key comes from samltest's cache, outside the timing; the IdP
// serves HTTPS.
func BenchmarkRoundTrip(b *testing.B) {
	for _, bits := range []int{2048, testidp.JumpCloudKeyBits} {
		b.Run(fmt.Sprintf("RSA-%d", bits), func(b *testing.B) {
			r := newIdPRig(b, rigOptions{idp: testidp.Options{KeyBits: bits}})
			br := r.browser(b)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				sess := r.startSession(b, rigOptions{})
				signIn(b, br, sess.LoginURL())
				res, err := sess.Wait(context.Background())
				if err != nil || !res.OK() {
					b.Fatalf("%v %+v", err, res)
				}
			}
		})
	}
}
