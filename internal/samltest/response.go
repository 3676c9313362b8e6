package samltest

import (
	"testing"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/testidp"
)

// Values a generated response uses unless its options say otherwise: the
// Avoma service provider from the domain notes and an org "acmecorp".
const (
	DefaultIdPEntityID = testidp.DefaultIdPEntityID
	DefaultSPEntityID  = testidp.DefaultSPEntityID
	DefaultACSURL      = testidp.DefaultACSURL
	DefaultEmail       = testidp.DefaultEmail
	NameIDUnspecified  = testidp.NameIDUnspecified
	StatusSuccess      = testidp.StatusSuccess
)

// DefaultIssueInstant is when generated responses are issued; inspect them
// at this clock (it lies inside the default certificates' validity).
var DefaultIssueInstant = testidp.DefaultIssueInstant

// Attribute is one SAML attribute with its values.
type Attribute = testidp.Attribute

// ResponseOptions shape a JumpCloud-like SAML response; see
// testidp.ResponseOptions.
type ResponseOptions = testidp.ResponseOptions

// ResponseXML returns a JumpCloud-shaped SAML 2.0 Response, signed as the
// options say.
func ResponseXML(tb testing.TB, o ResponseOptions) []byte {
	tb.Helper()
	out, err := testidp.ResponseXML(o)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return out
}

// ResponseDoc is ResponseXML as a parsed document, for tests that tamper
// with the tree after signing.
func ResponseDoc(tb testing.TB, o ResponseOptions) *etree.Document {
	tb.Helper()
	doc, err := testidp.ResponseDoc(o)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return doc
}

// PostForm encodes a response as the HTTP-POST binding's SAMLResponse
// value: base64, wrapped at 76 columns as some capture tools show it.
func PostForm(xml []byte) []byte { return testidp.PostForm(xml) }

// RedirectForm encodes a response as the HTTP-Redirect binding does: raw
// DEFLATE, then base64.
func RedirectForm(tb testing.TB, xml []byte) []byte {
	tb.Helper()
	out, err := testidp.RedirectForm(xml)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return out
}
