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
	if err := xrv.Validate(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%w: the document does not survive an XML round trip (%s)", ErrUnsafeXML, oneLine(err.Error()))
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
		case xml.EndElement:
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
