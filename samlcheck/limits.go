package samlcheck

import "github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"

// Limits applied before and during parsing (see xmlsafe): inputs over them
// are refused before any XML is parsed.
const (
	// MaxInputBytes caps a metadata document, a fetched body, and a SAML
	// response after base64 decoding.
	MaxInputBytes = xmlsafe.MaxInputBytes
	// MaxInflatedBytes caps a Redirect-binding response after DEFLATE, so a
	// decompression bomb stops here.
	MaxInflatedBytes = 5 << 20
	// MaxSignatureCandidates caps the certificates one signature is tried
	// against: JumpCloud lists one, two during a rotation, and each try is
	// a signature verification.
	MaxSignatureCandidates = xmlsafe.MaxSignatureCandidates
)
