package response_test

import (
	"bytes"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/response"
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

// FuzzDecodeResponse: decoding never panics, never returns more than the
// caps allow, and returns either XML-looking bytes or an error.
func FuzzDecodeResponse(f *testing.F) {
	for _, s := range responseSeeds(f, samltest.FuzzKey(f)) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, enc, err := response.Decode(in)
		if err != nil {
			if out != nil || enc != "" {
				t.Fatalf("error %v with output", err)
			}
			return
		}
		if len(out) > xmlsafe.MaxInputBytes || len(out) > response.MaxInflatedBytes {
			t.Fatalf("%d bytes out, over the caps", len(out))
		}
		if x := bytes.TrimSpace(xmlsafe.TrimBOM(out)); len(x) == 0 || x[0] != '<' {
			t.Fatalf("decoded to non-XML %q (%s)", words.Truncate(string(out), 40), enc)
		}
	})
}

// FuzzInspect: inspecting any input never panics, always reports, and is
// never fooled: a response the engine accepts carries a verified signature
// and names the one user the trusted key signed for.
func FuzzInspect(f *testing.F) {
	kp := samltest.FuzzKey(f)
	for _, s := range responseSeeds(f, kp) {
		f.Add(s)
	}
	opts := jumpCloudOptions(kp)
	f.Fuzz(func(t *testing.T, in []byte) {
		r := response.Inspect(in, opts)
		if len(r.Findings) == 0 || r.Findings[0].ID != samlcheck.IDResponseDecode {
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
