// Package xmlsafe is how the engine reads XML it cannot trust: a
// defensive parse within fixed limits, the element helpers that resolve
// names by namespace, what an input is when it is not XML at all, and the
// one guarded verification of an enveloped XML signature that metadata and
// responses alike go through.
package xmlsafe

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	xrv "github.com/mattermost/xml-roundtrip-validator"
)

// ErrUnsafeXML is wrapped by every error ParseXML returns, so callers can
// tell "this is not acceptable XML" from other failures.
var ErrUnsafeXML = errors.New("unacceptable xml")

// utf8BOM is stripped before parsing: Go's XML decoder rejects it, and some
// tools (and one public test vector) put it in front of SAML documents.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// TrimBOM returns data without a leading UTF-8 byte order mark.
func TrimBOM(data []byte) []byte { return bytes.TrimPrefix(data, utf8BOM) }

// ParseXML parses a SAML document defensively: it refuses input over
// MaxInputBytes before reading it, any DOCTYPE (and so every entity
// declaration), nesting deeper than MaxXMLDepth, more than MaxXMLAttrs
// attributes on one element, UTF-16, and input that does not survive an
// encoding/xml round trip (the class of bugs behind several SAML signature
// bypasses). The returned error is one lower-case line that says what was
// wrong, wrapping ErrUnsafeXML.
func ParseXML(data []byte) (*etree.Document, error) {
	return ParseXMLContext(context.Background(), data)
}

// ParseXMLContext is ParseXML that stops when ctx ends (an interrupted
// command), returning an error that wraps both ErrUnsafeXML and ctx's
// error, so errors.Is(err, context.Canceled) tells it from bad input.
func ParseXMLContext(ctx context.Context, data []byte) (*etree.Document, error) {
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("%w: the document is %d bytes, over %s", ErrUnsafeXML, len(data), words.Limit(MaxInputBytes))
	}
	if enc := utf16Encoding(data); enc != "" {
		return nil, fmt.Errorf("%w: the document is encoded as UTF-16 (%s), and SAML documents are UTF-8: save or export it again as UTF-8", ErrUnsafeXML, enc)
	}
	data = TrimBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: the document is empty", ErrUnsafeXML)
	}
	doc, err := scanXML(ctx, data)
	if err != nil {
		return nil, err
	}
	if doc.Root() == nil {
		return nil, fmt.Errorf("%w: the document has no root element", ErrUnsafeXML)
	}
	return doc, nil
}

// scanXML walks the raw tokens once: it refuses DOCTYPEs, deep nesting,
// crossed or duplicate names and round-trip failures, reports syntax errors
// with a line number, and builds the etree document from the same tokens
// the way etree's own reader does (strict, CDATA as text, whitespace-only
// text flagged), so the input is decoded once rather than three times.
//
// The decoder reads through ctxReader, so a cancelled ctx stops the walk
// within one buffer of input.
func scanXML(ctx context.Context, data []byte) (*etree.Document, error) {
	dec := xml.NewDecoder(&ctxReader{ctx: ctx, r: bytes.NewReader(data)})
	dec.Strict = true
	doc := etree.NewDocument()
	parent := &doc.Element
	depth, roots := 0, 0
	// open holds the names of the open elements: RawToken does not check
	// that an end tag matches its start tag, so <a><b></a></b> would
	// otherwise pass.
	open := make([]xml.Name, 0, 16)
	var rt roundTripMemo
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return nil, fmt.Errorf("%w: parsing stopped: %w", ErrUnsafeXML, cerr)
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%w: not well-formed XML at line %d: %s", ErrUnsafeXML, se.Line, se.Msg)
			}
			return nil, fmt.Errorf("%w: not well-formed XML: %s", ErrUnsafeXML, words.OneLine(err.Error()))
		}
		if err := rt.check(tok); err != nil {
			return nil, fmt.Errorf("%w: the document does not survive an XML round trip (%s)", ErrUnsafeXML, words.OneLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.Directive:
			if d := strings.ToUpper(strings.TrimSpace(string(t))); strings.HasPrefix(d, "DOCTYPE") || strings.HasPrefix(d, "ENTITY") {
				return nil, fmt.Errorf("%w: the document has a DOCTYPE, which SAML forbids (it is how entity-expansion attacks start)", ErrUnsafeXML)
			}
			return nil, fmt.Errorf("%w: the document has an XML directive <!%s>, which SAML does not use", ErrUnsafeXML, words.Truncate(string(t), 40))
		case xml.StartElement:
			if depth == 0 {
				roots++
				if roots > 1 {
					return nil, fmt.Errorf("%w: not well-formed XML: more than one root element", ErrUnsafeXML)
				}
			}
			depth++
			if depth > MaxXMLDepth {
				return nil, fmt.Errorf("%w: elements nest deeper than %d levels", ErrUnsafeXML, MaxXMLDepth)
			}
			open = append(open, t.Name)
			if len(t.Attr) > MaxXMLAttrs {
				line, _ := dec.InputPos()
				return nil, fmt.Errorf("%w: <%s> at line %d has %d attributes (namespace declarations included), over the limit of %d", ErrUnsafeXML, words.Truncate(rawName(t.Name), 40), line, len(t.Attr), MaxXMLAttrs)
			}
			if a, dup := duplicateAttr(t.Attr); dup {
				line, _ := dec.InputPos()
				return nil, fmt.Errorf("%w: not well-formed XML at line %d: <%s> has the attribute %s twice", ErrUnsafeXML, line, rawName(t.Name), rawName(a))
			}
			parent = buildElement(parent, t)
		case xml.EndElement:
			if depth == 0 || open[depth-1] != t.Name {
				line, _ := dec.InputPos()
				return nil, fmt.Errorf("%w: not well-formed XML at line %d: end tag </%s> does not match the open element", ErrUnsafeXML, line, rawName(t.Name))
			}
			open = open[:depth-1]
			depth--
			parent = parent.Parent()
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, fmt.Errorf("%w: not well-formed XML: text outside the root element", ErrUnsafeXML)
			}
			cd := parent.CreateText("")
			cd.SetData(string(t)) // SetData flags whitespace-only text, as etree's reader does
		case xml.Comment:
			parent.CreateComment(string(t))
		case xml.ProcInst:
			parent.CreateProcInst(t.Target, string(t.Inst))
		}
	}
	if roots == 0 {
		return nil, fmt.Errorf("%w: the document has no root element", ErrUnsafeXML)
	}
	if depth != 0 {
		return nil, fmt.Errorf("%w: not well-formed XML: the document ends inside an element", ErrUnsafeXML)
	}
	return doc, nil
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

// roundTripMemo runs roundTripToken once per start-tag shape in a
// document. Round-tripping a start tag through encoding/xml depends only on
// its names (the element's and its attributes', prefixes included) when
// every attribute value is plain ASCII: the encoder escapes such a value
// and the decoder gives it back byte for byte, and nothing else reads the
// values. So two start tags with the same names and plain values pass or
// fail together, and a SAML response repeats its shapes (every Attribute,
// AttributeValue, Transform...): each round trip allocates an encoder and
// a decoder, and checking every tag cost about half of ParseXML.
type roundTripMemo struct {
	passed map[string]bool
	key    []byte
}

func (m *roundTripMemo) check(tok xml.Token) error {
	t, ok := tok.(xml.StartElement)
	if !ok {
		return roundTripToken(tok)
	}
	if plainStartTag(t) {
		return nil
	}
	m.key = appendNameKey(m.key[:0], t.Name)
	for _, a := range t.Attr {
		if !plainASCII([]byte(a.Value)) {
			return roundTripToken(tok)
		}
		m.key = appendNameKey(append(m.key, ' '), a.Name)
	}
	if m.passed[string(m.key)] {
		return nil
	}
	if err := roundTripToken(tok); err != nil {
		return err
	}
	if m.passed == nil {
		m.passed = make(map[string]bool)
	}
	m.passed[string(m.key)] = true
	return nil
}

// plainStartTag reports whether a start tag is certain to survive the
// round trip, which is so for most tags of a SAML response: plain names
// (see plainName), attributes without a prefix (other than xmlns) and
// plain-ASCII values. The encoder writes such a tag as <Local xmlns="Space"
// a="v"...>, escaping only inside the values, which the tokenizer reads
// back unescaped; it reads Local and each attribute name back whole, as
// they stand alone, hold no colon and need no escaping; and the round-trip
// check takes the leading xmlns attribute back as the tag's prefix. Only
// prefixed attributes (namespace declarations, xsi:type) get the prefixes
// the encoder makes up, which is where encoding/xml has gone wrong before.
// FuzzRoundTripMemo holds this to the round trip itself.
func plainStartTag(t xml.StartElement) bool {
	if !plainName(t.Name.Local, true) || !plainName(t.Name.Space, false) {
		return false
	}
	for _, a := range t.Attr {
		if a.Name.Space != "" || a.Name.Local == "xmlns" || !plainName(a.Name.Local, true) || !plainASCII([]byte(a.Value)) {
			return false
		}
	}
	return true
}

// plainName reports whether s is made of ASCII letters, digits, '_', '.'
// and '-' only, and, for a name that must stand alone, starts with a
// letter or '_' (the empty string is plain only when it need not stand).
func plainName(s string, alone bool) bool {
	if alone && (s == "" || !(s[0] == '_' || 'a' <= s[0]|0x20 && s[0]|0x20 <= 'z')) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// appendNameKey writes a name unambiguously: a name never holds a space
// or a '>', and RawToken never leaves a colon in either part.
func appendNameKey(b []byte, n xml.Name) []byte {
	b = append(b, n.Space...)
	b = append(b, '>')
	return append(b, n.Local...)
}

// buildElement adds the element of a start tag under parent, with names
// kept exactly as the tokenizer split them (prefix and local part), as
// etree's reader does, and returns it.
//
// The attributes are appended, not added with CreateAttr, which looks for
// an existing attribute of the same name first: time quadratic in the
// number of attributes. duplicateAttr has already refused repeats. An
// etree.Attr records its element in an unexported field, so each one is
// a copy of the single attribute CreateAttr made, with its names and value
// replaced.
func buildElement(parent *etree.Element, t xml.StartElement) *etree.Element {
	el := parent.CreateElement("x")
	el.Space, el.Tag = t.Name.Space, t.Name.Local
	if len(t.Attr) == 0 {
		return el
	}
	el.Attr = make([]etree.Attr, 0, len(t.Attr))
	proto := *el.CreateAttr("x", "") // appended into the room just made
	el.Attr = el.Attr[:0]
	for _, a := range t.Attr {
		proto.Space, proto.Key, proto.Value = a.Name.Space, a.Name.Local, a.Value
		el.Attr = append(el.Attr, proto)
	}
	return el
}

// duplicateAttr finds an attribute given twice on one element, which XML
// forbids and which etree would silently resolve by keeping the last one
// (two IDs or two Destinations on one element are a known SAML trick).
// It takes time linear in the number of attributes: a set past the few
// that a comparison of every pair handles faster.
func duplicateAttr(attrs []xml.Attr) (xml.Name, bool) {
	if len(attrs) <= 8 {
		for i := 1; i < len(attrs); i++ {
			for j := 0; j < i; j++ {
				if attrs[i].Name == attrs[j].Name {
					return attrs[i].Name, true
				}
			}
		}
		return xml.Name{}, false
	}
	seen := make(map[xml.Name]struct{}, len(attrs))
	for _, a := range attrs {
		if _, dup := seen[a.Name]; dup {
			return a.Name, true
		}
		seen[a.Name] = struct{}{}
	}
	return xml.Name{}, false
}

// ctxReader ends a read once ctx is done, so the XML decoder above it
// stops within one buffer of input when the command is interrupted.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// utf16Encoding names the UTF-16 form of data ("little-endian, with a byte
// order mark"), or "" when data is not UTF-16. Without a byte order mark
// it is recognised by its first character, '<', which every XML document
// starts with (after optional white space): "<\x00" or "\x00<".
func utf16Encoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return "little-endian, with a byte order mark"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "big-endian, with a byte order mark"
	}
	i := 0
	for i+1 < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') && data[i+1] == 0 {
		i += 2
	}
	for i+1 < len(data) && data[i] == 0 && (data[i+1] == ' ' || data[i+1] == '\t' || data[i+1] == '\r' || data[i+1] == '\n') {
		i += 2
	}
	switch {
	case i+1 < len(data) && data[i] == '<' && data[i+1] == 0:
		return "little-endian"
	case i+1 < len(data) && data[i] == 0 && data[i+1] == '<':
		return "big-endian"
	}
	return ""
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
