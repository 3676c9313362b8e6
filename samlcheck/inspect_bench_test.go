package samlcheck

import (
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// BenchmarkInspect inspects a JumpCloud-shaped response, Assertion and
// Response both signed with RSA-4096 (SHA-256), in its POST form and with
// every expected value given: the whole path `jcsso inspect` takes.
func BenchmarkInspect(b *testing.B) {
	kp := samltest.NewKeyPair(b, 0, samltest.CertOptions{})
	input := samltest.PostForm(samltest.ResponseXML(b, samltest.ResponseOptions{SignAssertion: true, SignResponse: true, Signer: kp}))
	opts := jumpCloudOptions(kp)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		if r := Inspect(input, opts); !r.OK {
			b.Fatalf("not ok: %+v", r.Findings)
		}
	}
}
