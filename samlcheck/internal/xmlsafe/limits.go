package xmlsafe

// Limits applied before and during parsing. Inputs over them are refused
// before any XML is parsed, so a hostile document costs at most this much.
const (
	// MaxInputBytes caps a metadata document, a fetched body, and a SAML
	// response after base64 decoding.
	MaxInputBytes = 5 << 20
	// MaxXMLDepth caps element nesting; real metadata and responses nest
	// fewer than 15 levels.
	MaxXMLDepth = 64
	// MaxXMLAttrs caps the attributes of one element, namespace
	// declarations included. Real SAML elements carry fewer than 15; the
	// cap keeps a start tag of hundreds of thousands of attributes (whose
	// names the parser and etree must each tell apart) from costing more
	// than a normal document.
	MaxXMLAttrs = 256
	// MaxSignatureCandidates caps the certificates one signature is tried
	// against: JumpCloud lists one, two during a rotation, and each try is
	// a signature verification.
	MaxSignatureCandidates = 16
)
