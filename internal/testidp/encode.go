package testidp

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"strings"
)

// PostForm encodes a response as the HTTP-POST binding's SAMLResponse
// value: base64, wrapped at 76 columns as some capture tools show it.
func PostForm(xml []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(xml)
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc)
	return []byte(b.String())
}

// RedirectForm encodes a SAML message as the HTTP-Redirect binding does:
// raw DEFLATE, then base64 (not yet URL-escaped).
func RedirectForm(xml []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	if _, err := w.Write(xml); err != nil {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	return []byte(base64.StdEncoding.EncodeToString(buf.Bytes())), nil
}
