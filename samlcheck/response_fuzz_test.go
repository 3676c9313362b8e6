package samlcheck

import (
	"bytes"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
)

// responseSeeds are inputs a fuzzer starts from: a signed JumpCloud-shaped
// response in each form, an unsigned one, and a few broken shapes.
func responseSeeds(tb testing.TB, kp samltest.KeyPair) [][]byte {
	tb.Helper()
	signed := samltest.ResponseXML(tb, samltest.ResponseOptions{SignAssertion: true, SignResponse: true, Signer: kp})
	return [][]byte{
		signed,
		samltest.PostForm(signed),
		samltest.RedirectForm(tb, signed),
		append([]byte("SAMLResponse="), samltest.PostForm(signed)...),
		samltest.ResponseXML(tb, samltest.ResponseOptions{}),
		[]byte(`<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>`),
		[]byte("PHNhbWxwOlJlc3BvbnNlLz4="),
		[]byte("%3Cx%2F%3E"),
		{},
	}
}

// fuzzKey is a 1024-bit key pair: every fuzz worker process generates its
// own, and key generation in a coverage-instrumented binary is slow enough
// at 2048 bits to stall the workers.
func fuzzKey(f *testing.F) samltest.KeyPair {
	f.Helper()
	return samltest.NewKeyPair(f, 0, samltest.CertOptions{Bits: 1024})
}

// FuzzDecodeResponse: decoding never panics, never returns more than the
// caps allow, and returns either XML-looking bytes or an error.
func FuzzDecodeResponse(f *testing.F) {
	for _, s := range responseSeeds(f, fuzzKey(f)) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, enc, err := DecodeResponse(in)
		if err != nil {
			if out != nil || enc != "" {
				t.Fatalf("error %v with output", err)
			}
			return
		}
		if len(out) > MaxInputBytes || len(out) > MaxInflatedBytes {
			t.Fatalf("%d bytes out, over the caps", len(out))
		}
		if x := bytes.TrimSpace(bytes.TrimPrefix(out, utf8BOM)); len(x) == 0 || x[0] != '<' {
			t.Fatalf("decoded to non-XML %q (%s)", words.Truncate(string(out), 40), enc)
		}
	})
}

// FuzzInspect: inspecting any input never panics, always reports, and is
// never fooled: a response the engine accepts carries a verified signature
// and names the one user the trusted key signed for.
func FuzzInspect(f *testing.F) {
	kp := fuzzKey(f)
	for _, s := range responseSeeds(f, kp) {
		f.Add(s)
	}
	opts := jumpCloudOptions(kp)
	f.Fuzz(func(t *testing.T, in []byte) {
		r := Inspect(in, opts)
		if len(r.Findings) == 0 || r.Findings[0].ID != IDResponseDecode {
			t.Fatalf("no response.decode finding first: %+v", r.Findings)
		}
		if r.OK != r.Findings.OK() {
			t.Fatal("ok disagrees with the findings")
		}
		if r.OK {
			if r.Unverified || !(r.Signed.Response || r.Signed.Assertion) {
				t.Fatalf("accepted without a verified signature: %+v", r.Signed)
			}
			if r.Subject.Email != samltest.DefaultEmail {
				t.Fatalf("accepted for %q, but the trusted key signed for %s", r.Subject.Email, samltest.DefaultEmail)
			}
		}
	})
}
