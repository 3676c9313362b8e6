package xmlsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// FuzzRoundTripMemo: ParseXML round-trips one start tag per shape (see
// roundTripMemo); that must refuse exactly what round-tripping every token
// refuses. For each token of any input: a start tag with plain values
// passes the round trip with its values swapped for other plain values
// (escaped characters included) exactly when it passes with its own, and
// the memo's answer, token after token, is the round trip's.
func FuzzRoundTripMemo(f *testing.F) {
	kp := samltest.FuzzKey(f)
	f.Add(samltest.Metadata(kp, samltest.MetadataOptions{}))
	f.Add(samltest.ResponseXML(f, samltest.ResponseOptions{SignAssertion: true, SignResponse: true, Signer: kp}))
	// Prefix shapes the encoder renames (xmlns, xml, a prefix that clashes
	// with a generated one), repeated with other values.
	f.Add([]byte(`<r><a:x xmlns:a="u" a:v="1" _xmlns:w="2" xmlns:_xmlns="3"/><a:x xmlns:a="other" a:v="9" _xmlns:w="8" xmlns:_xmlns="7"/>` +
		`<x xml:lang="en" xmlns="u"/><x xml:lang="fr" xmlns="v"/><p:e xmlns:p="u" p:a="1" q:a="2"/><p:e xmlns:p="w" p:a="&amp;&lt;&#9;" q:a="&#34;"/></r>`))
	// Start tags without attributes, the memo's shortcut, with the names
	// the tokenizer keeps whole.
	f.Add([]byte(`<r><a:/><:b/><:/><p:q/><_x.y-z/><xmlns:q/><xml/></r>`))
	// Tags with unprefixed attributes, the other shortcut, beside the ones
	// it leaves to the round trip.
	f.Add([]byte(`<p:r xmlns:p="u"><p:e a="1" b-c="&amp;&lt;&#9;&#10;&#34;'" _d.e="" xmlfoo="x"/><e xmlns="u" a="1"/><p:e xmlns="u" a="2"/>` +
		`<A0:0 a="1"/><e a="1" a="2"/><e a:b="1" c="2"/><e a="&#13;"/><e a="&#xE9;"/></p:r>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := xml.NewDecoder(bytes.NewReader(data))
		dec.Strict = true
		var memo roundTripMemo
		for {
			tok, err := dec.RawToken()
			if err != nil {
				if err != io.EOF && !errors.As(err, new(*xml.SyntaxError)) {
					t.Logf("tokenizer: %v", err)
				}
				return
			}
			tok = xml.CopyToken(tok)
			want := roundTripToken(tok) == nil
			if got := memo.check(tok) == nil; got != want {
				t.Fatalf("memo says %v, the round trip %v, for %#v", got, want, tok)
			}
			if se, ok := tok.(xml.StartElement); ok && plainValues(se) {
				swapped := se.Copy()
				for i := range swapped.Attr {
					swapped.Attr[i].Value = "a&<>\"' \t\nz" + swapped.Attr[i].Value
				}
				if other := roundTripToken(swapped) == nil; other != want {
					t.Fatalf("the round trip of %#v depends on its values: %v with them, %v with others", se, want, other)
				}
			}
		}
	})
}

func plainValues(se xml.StartElement) bool {
	for _, a := range se.Attr {
		if !plainASCII([]byte(a.Value)) {
			return false
		}
	}
	return true
}
