package response

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// checkIssuerPlaceholder reports issuer.placeholder: JumpCloud names itself
// "IdP Entity ID", its field's placeholder, until the application is saved
// with an IdP Entity ID. Metadata exported then carries the same
// placeholder, so the two match and issuer.mismatch passes; the diagnosis
// and fix are entityid.placeholder's, whatever the metadata says.
func (in *inspection) checkIssuerPlaceholder() {
	var where []string
	iss := ""
	if el := xmlsafe.Child(in.respView, xmlsafe.NSAssertion, "Issuer"); el != nil && rules.IsJumpCloudPlaceholder(xmlsafe.Text(el)) {
		where, iss = append(where, "the Response's Issuer"), xmlsafe.Text(el)
	}
	if in.assertion != nil && in.vals.hasIssuer && rules.IsJumpCloudPlaceholder(in.vals.issuer) {
		where, iss = append(where, "the Assertion's Issuer"), in.vals.issuer
	}
	if len(where) == 0 {
		in.b.Pass(samlcheck.IDIssuerPlaceholder, fmt.Sprintf("the Issuer is not JumpCloud's placeholder %q", rules.JumpCloudPlaceholder))
		return
	}
	msg := fmt.Sprintf("%s is %q, the unfilled placeholder of JumpCloud's IdP Entity ID field: the application was not saved with an IdP Entity ID", words.JoinAnd(where), iss)
	if rules.IsJumpCloudPlaceholder(in.opts.IdPEntityID) {
		msg += "; the trusted metadata says the same placeholder, as it was exported before the application was saved, so the two matching proves nothing"
	}
	in.b.Problem(samlcheck.IDIssuerPlaceholder, msg, "")
}

// checkValueSplit reports value.split: a comment or CDATA section inside a
// NameID or an AttributeValue of an Assertion, as the response arrived.
// jcsso reads such a value whole (see wholeText), and a same-document
// signature does not see the comment (see xmlsafe.Prepare), so the signature
// can verify while a SAML library that reads only the first text node logs
// in someone else: "alice@example.com<!---->.evil.example". JumpCloud never
// writes either, so this is reported on its own, signed or not.
func (in *inspection) checkValueSplit() {
	direct := in.shape.direct[:min(len(in.shape.direct), maxAssertionsVerified)]
	if len(direct) == 0 {
		in.b.Info(samlcheck.IDValueSplit, noAssertion, "")
		return
	}
	var found []string
	for _, a := range direct {
		nameID := xmlsafe.Child(xmlsafe.Child(a, xmlsafe.NSAssertion, "Subject"), xmlsafe.NSAssertion, "NameID")
		if first, whole, split := splitText(nameID); split {
			found = append(found, fmt.Sprintf("the NameID reads %q whole, but only %q up to the split", whole, first))
		}
		for _, st := range xmlsafe.Children(a, xmlsafe.NSAssertion, "AttributeStatement") {
			for _, at := range xmlsafe.Children(st, xmlsafe.NSAssertion, "Attribute") {
				for _, v := range xmlsafe.Children(at, xmlsafe.NSAssertion, "AttributeValue") {
					if first, whole, split := splitText(v); split {
						found = append(found, fmt.Sprintf("the attribute %q reads %q whole, but only %q up to the split", xmlsafe.Attr(at, "Name"), whole, first))
					}
				}
			}
		}
	}
	if len(found) == 0 {
		in.b.Pass(samlcheck.IDValueSplit, "no comment or CDATA section splits the NameID or an attribute value")
		return
	}
	in.b.Problem(samlcheck.IDValueSplit, "a comment or CDATA section splits a value: "+strings.Join(found, "; ")+"; jcsso reports the whole text, which is what a signature covers", "")
}

// splitText reports whether el's text is split by a comment, a processing
// instruction or a CDATA section such that its first text node (what a
// careless SAML library reads) differs from the whole text (what jcsso
// reads), and returns both.
func splitText(el *etree.Element) (first, whole string, split bool) {
	if el == nil {
		return "", "", false
	}
	for _, t := range el.Child {
		if cd, ok := t.(*etree.CharData); ok {
			first = strings.TrimSpace(cd.Data)
			break
		}
	}
	whole = xmlsafe.Text(el)
	return first, whole, first != whole
}
