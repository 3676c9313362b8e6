package samlcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/beevik/etree"
	xrv "github.com/mattermost/xml-roundtrip-validator"
)

// ErrUnsafeXML is wrapped by every error ParseXML returns, so callers can
// tell "this is not acceptable XML" from other failures.
var ErrUnsafeXML = errors.New("unacceptable xml")

// utf8BOM is stripped before parsing: Go's XML decoder rejects it, and some
// tools (and one public test vector) put it in front of SAML documents.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ParseXML parses a SAML document defensively: it refuses input over
// MaxInputBytes before reading it, any DOCTYPE (and so every entity
// declaration), nesting deeper than MaxXMLDepth, and input that does not
// survive an encoding/xml round trip (the class of bugs behind several SAML
// signature bypasses). The returned error is one lower-case line that says
// what was wrong, wrapping ErrUnsafeXML.
func ParseXML(data []byte) (*etree.Document, error) {
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("%w: the document is %d bytes, over the %d-byte limit", ErrUnsafeXML, len(data), MaxInputBytes)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: the document is empty", ErrUnsafeXML)
	}
	if err := prescanXML(data); err != nil {
		return nil, err
	}
	doc := etree.NewDocument()
	doc.ReadSettings = etree.ReadSettings{Permissive: false}
	if err := doc.ReadFromBytes(data); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrUnsafeXML, oneLine(err.Error()))
	}
	if doc.Root() == nil {
		return nil, fmt.Errorf("%w: the document has no root element", ErrUnsafeXML)
	}
	return doc, nil
}

// prescanXML walks the raw tokens once to refuse DOCTYPEs and deep nesting
// before etree builds a tree, and to report syntax errors with a line number.
func prescanXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	depth, roots := 0, 0
	// open holds the names of the open elements: RawToken does not check
	// that an end tag matches its start tag, so <a><b></a></b> would
	// otherwise pass.
	open := make([]xml.Name, 0, 16)
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("%w: not well-formed XML at line %d: %s", ErrUnsafeXML, se.Line, se.Msg)
			}
			return fmt.Errorf("%w: not well-formed XML: %s", ErrUnsafeXML, oneLine(err.Error()))
		}
		if err := roundTripToken(tok); err != nil {
			return fmt.Errorf("%w: the document does not survive an XML round trip (%s)", ErrUnsafeXML, oneLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.Directive:
			if d := strings.ToUpper(strings.TrimSpace(string(t))); strings.HasPrefix(d, "DOCTYPE") || strings.HasPrefix(d, "ENTITY") {
				return fmt.Errorf("%w: the document has a DOCTYPE, which SAML forbids (it is how entity-expansion attacks start)", ErrUnsafeXML)
			}
			return fmt.Errorf("%w: the document has an XML directive <!%s>, which SAML does not use", ErrUnsafeXML, truncate(string(t), 40))
		case xml.StartElement:
			if depth == 0 {
				roots++
				if roots > 1 {
					return fmt.Errorf("%w: not well-formed XML: more than one root element", ErrUnsafeXML)
				}
			}
			depth++
			if depth > MaxXMLDepth {
				return fmt.Errorf("%w: elements nest deeper than %d levels", ErrUnsafeXML, MaxXMLDepth)
			}
			open = append(open, t.Name)
			if a, dup := duplicateAttr(t.Attr); dup {
				line, _ := dec.InputPos()
				return fmt.Errorf("%w: not well-formed XML at line %d: <%s> has the attribute %s twice", ErrUnsafeXML, line, rawName(t.Name), rawName(a))
			}
		case xml.EndElement:
			if depth == 0 || open[depth-1] != t.Name {
				line, _ := dec.InputPos()
				return fmt.Errorf("%w: not well-formed XML at line %d: end tag </%s> does not match the open element", ErrUnsafeXML, line, rawName(t.Name))
			}
			open = open[:depth-1]
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("%w: not well-formed XML: text outside the root element", ErrUnsafeXML)
			}
		}
	}
	if roots == 0 {
		return fmt.Errorf("%w: the document has no root element", ErrUnsafeXML)
	}
	if depth != 0 {
		return fmt.Errorf("%w: not well-formed XML: the document ends inside an element", ErrUnsafeXML)
	}
	return nil
}

// roundTripToken is the round-trip guard of
// github.com/mattermost/xml-roundtrip-validator, applied to the tokens of
// the single pre-scan instead of a second decoding pass: each token must
// come back unchanged from an encoding/xml encode and decode. Character
// data made only of printable ASCII, tabs and newlines is skipped, because
// it always comes back unchanged (the encoder escapes only &, <, >, quotes
// and control characters, which the decoder turns back), and it is most of
// a metadata document (the base64 certificate): checking it cost two thirds
// of the whole metadata check.
//
// End tags are not checked either: prescanXML makes each one match its
// start tag exactly, and the start tag's name was already checked.
func roundTripToken(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.CharData:
		if plainASCII(t) {
			return nil
		}
	case xml.EndElement:
		return nil
	}
	return xrv.CheckToken(tok)
}

// duplicateAttr finds an attribute given twice on one element, which XML
// forbids and which etree would silently resolve by keeping the last one
// (two IDs or two Destinations on one element are a known SAML trick).
func duplicateAttr(attrs []xml.Attr) (xml.Name, bool) {
	for i := 1; i < len(attrs); i++ {
		for j := 0; j < i; j++ {
			if attrs[i].Name == attrs[j].Name {
				return attrs[i].Name, true
			}
		}
	}
	return xml.Name{}, false
}

// rawName writes a name as it appeared in the document.
func rawName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// plainASCII reports whether b holds only printable ASCII, tabs and newlines.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n') || c > 0x7e {
			return false
		}
	}
	return true
}

// oneLine folds a multi-line message into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncate shortens s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
