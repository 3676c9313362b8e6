package samlcheck

import (
	"encoding/base64"
	"strings"
)

// decodeBase64Loose decodes standard base64 with any ASCII whitespace inside
// and with or without padding, as found in metadata and captured responses.
func decodeBase64Loose(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			return -1
		}
		return r
	}, s)
	clean = strings.TrimRight(clean, "=")
	return base64.RawStdEncoding.DecodeString(clean)
}
