package response

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Encoding names the form a captured SAMLResponse arrived in.
type Encoding string

// The forms Decode recognises.
const (
	// EncodingPOST is the HTTP-POST binding: base64 of the XML.
	EncodingPOST Encoding = "post-base64"
	// EncodingRedirect is the HTTP-Redirect binding: raw DEFLATE, then base64.
	EncodingRedirect Encoding = "redirect-deflate-base64"
	// EncodingXML is the XML itself, as a service provider's log shows it.
	EncodingXML Encoding = "xml"
)

// MaxInflatedBytes caps a Redirect-binding response after DEFLATE, so a
// decompression bomb stops here.
const MaxInflatedBytes = 5 << 20

// MaxEncodedBytes caps the captured text before decoding: base64
// of xmlsafe.MaxInputBytes, URL-encoded (each character at most three), plus slack
// for line breaks and a form field name. A reader needs no more than one
// byte past it to let Decode report the input as too large.
const MaxEncodedBytes = (xmlsafe.MaxInputBytes/3+1)*4*3 + 64<<10

// ErrDecode is wrapped by every error Decode returns.
var ErrDecode = errors.New("cannot decode the response")

// sizeError is a response refused for its size: it is an ErrDecode
// and a source.ErrTooLarge, so a command exits as it does for any source over
// its cap.
type sizeError struct{ reason string }

func (e sizeError) Error() string { return ErrDecode.Error() + ": " + e.reason }

func (e sizeError) Is(target error) bool { return target == ErrDecode || target == source.ErrTooLarge }

// Decode turns a captured SAMLResponse into XML bytes. It accepts
// the POST form (base64 with whitespace, line breaks or URL-encoding, and a
// leading "SAMLResponse=" or a whole form body), the Redirect form (raw
// DEFLATE inside base64) and plain XML, and says which it found. The XML is
// not parsed here; the caps are: xmlsafe.MaxInputBytes after base64 decoding and
// MaxInflatedBytes after DEFLATE, so a decompression bomb stops at the cap.
func Decode(input []byte) ([]byte, Encoding, error) {
	if reason := oversize(input); reason != "" {
		return nil, "", sizeError{reason}
	}
	trimmed := bytes.TrimSpace(xmlsafe.TrimBOM(input))
	if len(trimmed) == 0 {
		return nil, "", fmt.Errorf("%w: the input is empty", ErrDecode)
	}
	if trimmed[0] == '<' {
		return trimmed, EncodingXML, nil
	}
	text, err := formValue(string(trimmed))
	if err != nil {
		return nil, "", err
	}
	out, enc, err := decodeEncoded(text)
	if err != nil && strings.Contains(strings.TrimSpace(text), " ") {
		// A form decoder turned the base64 '+' into spaces (a value copied
		// from a decoded query string or log): put them back and retry.
		if out2, enc2, err2 := decodeEncoded(strings.ReplaceAll(strings.TrimSpace(text), " ", "+")); err2 == nil {
			return out2, enc2, nil
		}
	}
	return out, enc, err
}

// oversize refuses an input too large to be a SAML response in any form,
// before anything judges what it is, as check refuses metadata over its
// cap before reading it: so a 6 MB file is too large for both commands,
// whatever it holds. Base64 text (URL-encoded, in a form body) may be as
// large as MaxEncodedBytes; XML, and anything that is not such text (a
// binary file: judged as the XML it would have to be), at most
// xmlsafe.MaxInputBytes, counting every byte (a BOM and whitespace around
// it too, as check counts a file's). The reason reads as source's, with
// the input's own size: "N bytes, over the 5 MiB limit for a SAML
// response"; "" when the size is no reason to refuse it.
func oversize(input []byte) string {
	if len(input) > MaxEncodedBytes {
		return fmt.Sprintf("%d bytes, more than a response within %s could be in any encoding", len(input), words.Limit(xmlsafe.MaxInputBytes))
	}
	if len(input) <= xmlsafe.MaxInputBytes {
		return ""
	}
	// The size quoted is the input's, as check quotes a file's: what is
	// trimmed only decides what the input would have to be.
	trimmed := bytes.TrimSpace(xmlsafe.TrimBOM(input))
	if len(trimmed) == 0 || trimmed[0] == '<' || !asciiText(trimmed) {
		return fmt.Sprintf("%d bytes, over %s for a SAML response", len(input), words.Limit(xmlsafe.MaxInputBytes))
	}
	return ""
}

// asciiText reports whether data is printable ASCII and whitespace only,
// as base64, URL-encoding and a form body are.
func asciiText(data []byte) bool {
	for _, c := range data {
		if (c < ' ' || c > '~') && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

// decodeEncoded decodes base64 text to XML, inflating it when it is the
// Redirect binding's DEFLATE.
func decodeEncoded(text string) ([]byte, Encoding, error) {
	raw, err := decodeBase64Response(text)
	if err != nil {
		return nil, "", err
	}
	if x := bytes.TrimSpace(xmlsafe.TrimBOM(raw)); len(x) > 0 && x[0] == '<' {
		return raw, EncodingPOST, nil
	}
	inflated, err := inflateCapped(raw)
	if err != nil {
		return nil, "", err
	}
	if x := bytes.TrimSpace(xmlsafe.TrimBOM(inflated)); len(x) == 0 || x[0] != '<' {
		return nil, "", fmt.Errorf("%w: the base64 decodes and inflates, but the result is not XML", ErrDecode)
	}
	return inflated, EncodingRedirect, nil
}

// formValue strips a "SAMLResponse=" field name (and any other fields of a
// copied form body or query string) and undoes URL-encoding. A '+' is kept
// as is: in base64 it is a digit, and a form encoder writes it as %2B.
func formValue(s string) (string, error) {
	if i := strings.Index(s, "SAMLResponse="); i >= 0 && (i == 0 || s[i-1] == '&' || s[i-1] == '?') {
		s = s[i+len("SAMLResponse="):]
		if j := strings.IndexByte(s, '&'); j >= 0 {
			s = s[:j]
		}
	}
	if strings.ContainsRune(s, '%') {
		u, err := url.PathUnescape(s)
		if err != nil {
			return "", fmt.Errorf("%w: it looks URL-encoded but has a broken %%-escape (%s)", ErrDecode, words.OneLine(err.Error()))
		}
		s = u
	}
	return s, nil
}

// decodeBase64Response decodes standard or URL-safe base64 with any
// whitespace, refusing output over xmlsafe.MaxInputBytes before allocating it.
func decodeBase64Response(s string) ([]byte, error) {
	clean, urlSafe := stripBase64Space(s)
	clean = bytes.TrimRight(clean, "=")
	if base64.RawStdEncoding.DecodedLen(len(clean)) > xmlsafe.MaxInputBytes {
		return nil, sizeError{fmt.Sprintf("the decoded response would be over %s for a SAML response", words.Limit(xmlsafe.MaxInputBytes))}
	}
	enc := base64.RawStdEncoding
	if urlSafe {
		enc = base64.RawURLEncoding
	}
	raw := make([]byte, enc.DecodedLen(len(clean)))
	n, err := enc.Decode(raw, clean)
	raw = raw[:n]
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("%w: it is neither XML nor base64 (unexpected character at position %d); paste the SAMLResponse value exactly as captured", ErrDecode, int64(ce))
		}
		return nil, fmt.Errorf("%w: it is neither XML nor base64: %s", ErrDecode, words.OneLine(err.Error()))
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: the base64 decodes to nothing", ErrDecode)
	}
	return raw, nil
}

// stripBase64Space copies s without its whitespace (the line breaks and
// indentation capture tools add), a run of base64 digits at a time: this
// runs over every byte of every response, and a rune-by-rune strings.Map
// was most of the cost of decoding. urlSafe says the text is URL-safe
// base64: it has '-' or '_' and neither '+' nor '/'.
func stripBase64Space(s string) (clean []byte, urlSafe bool) {
	clean = make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		// Every whitespace byte is at most ' '; base64 digits are above it.
		j := i
		for j < len(s) && s[j] > ' ' {
			j++
		}
		clean = append(clean, s[i:j]...)
		for ; j < len(s) && s[j] <= ' '; j++ {
			switch s[j] {
			case ' ', '\t', '\n', '\r', '\f', '\v':
			default:
				// Not whitespace: kept, so the decoder reports it.
				clean = append(clean, s[j])
			}
		}
		i = j
	}
	has := func(c byte) bool { return bytes.IndexByte(clean, c) >= 0 }
	return clean, (has('-') || has('_')) && !has('+') && !has('/')
}

// inflateCapped undoes the Redirect binding's raw DEFLATE, reading at most
// one byte past MaxInflatedBytes so a bomb costs no more than the cap.
func inflateCapped(raw []byte) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxInflatedBytes+1))
	if len(out) > MaxInflatedBytes {
		return nil, fmt.Errorf("%w: it inflates to more than %s (a decompression bomb, or not a SAML response)", ErrDecode, words.Limit(MaxInflatedBytes))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the base64 decodes to bytes that are neither XML nor DEFLATE-compressed XML", ErrDecode)
	}
	return out, nil
}

// ParseXML is the defensive parse every response and metadata document
// gets (no DOCTYPE, size, depth and attribute limits, the round-trip
// guard), for a caller that reads a decoded response before Inspect does:
// internal/acs matches a posted response to its request with it. Its
// errors wrap ErrUnsafeXML.
func ParseXML(data []byte) (*etree.Document, error) { return xmlsafe.ParseXML(data) }

// ErrUnsafeXML is wrapped by every error ParseXML returns.
var ErrUnsafeXML = xmlsafe.ErrUnsafeXML
