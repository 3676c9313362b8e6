package response

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Decode judges an input's size before what it is, with the limit in the
// words every other cap uses ("the 5 MiB limit", never "5242880-byte"):
// XML and anything that is not base64 text over xmlsafe.MaxInputBytes are
// too large; base64 text of a response within it is not (review item 22).
func TestDecodeSizeBeforeKind(t *testing.T) {
	over := xmlsafe.MaxInputBytes + 1000
	xml := []byte("<samlp:Response>" + strings.Repeat("x", over) + "</samlp:Response>")
	for name, input := range map[string][]byte{
		"xml":       xml,
		"zeros":     make([]byte, over),
		"non-ascii": bytes.Repeat([]byte("é"), over/2),
		"base64":    []byte(base64.StdEncoding.EncodeToString(xml)),
	} {
		_, _, err := Decode(input)
		if !errors.Is(err, source.ErrTooLarge) || !strings.Contains(err.Error(), "over the 5 MiB limit for a SAML response") || strings.Contains(err.Error(), "-byte") {
			t.Errorf("%s: %v; want too large, over the 5 MiB limit", name, err)
		}
		if r := Inspect(input, Options{}); r.SizeRefusal() == "" {
			t.Errorf("%s: Inspect did not refuse it for its size: %+v", name, r.Findings)
		}
	}
	// Base64 larger than the limit, of XML within it, is a response.
	inside := []byte("<samlp:Response>" + strings.Repeat("x", xmlsafe.MaxInputBytes-1000) + "</samlp:Response>")
	got, enc, err := Decode([]byte(base64.StdEncoding.EncodeToString(inside)))
	if err != nil || enc != EncodingPOST || !bytes.Equal(got, inside) {
		t.Errorf("base64 of %d bytes of XML: %v, %s", len(inside), err, enc)
	}
}

// A size refusal quotes the input's own size, whitespace and BOM
// included, as check quotes a file's: a 6,000,000-byte file that starts
// with a vertical tab is 6000000 bytes, not 5999999, and XML over the
// limit only with its trailing line breaks is over it (review item 5).
func TestDecodeSizeQuotesTheInputsSize(t *testing.T) {
	for name, input := range map[string][]byte{
		"vertical tab":  append([]byte{'\v'}, make([]byte, 5999999)...),
		"xml":           []byte("<x>" + strings.Repeat("a", 6000020) + "</x>\n\n"),
		"bom and space": append([]byte("\xef\xbb\xbf  <x>"+strings.Repeat("a", xmlsafe.MaxInputBytes-10)+"</x>"), "\n\n\n\n\n\n"...),
		"only spaces":   bytes.Repeat([]byte{' '}, xmlsafe.MaxInputBytes+1),
	} {
		want := fmt.Sprintf("%d bytes, over the 5 MiB limit for a SAML response", len(input))
		if _, _, err := Decode(input); !errors.Is(err, source.ErrTooLarge) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: Decode: %v; want %q", name, err, want)
		}
		if got := Inspect(input, Options{}).SizeRefusal(); got != want {
			t.Errorf("%s: SizeRefusal %q; want %q", name, got, want)
		}
	}
}
