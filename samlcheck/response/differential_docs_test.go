package response_test

import (
	"strings"

	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// This file builds the unsigned templates of the differential matrix (see
// differential_test.go): SAML responses and metadata in several namespace
// shapes, each with xmlsec1 signature templates (empty DigestValue and
// SignatureValue) for one canonicalisation, written pretty-printed or on
// one line. xmlsec1 fills the templates in; nothing here signs.

// xnode is an element of a generated document: a name, attributes in
// order, and either text or children. A comment node has only comment set.
type xnode struct {
	name     string
	attrs    []string // name, value, name, value...
	text     string
	children []*xnode
	comment  string
}

func el(name string, attrs []string, children ...*xnode) *xnode {
	return &xnode{name: name, attrs: attrs, children: children}
}

func textEl(name string, attrs []string, text string) *xnode {
	return &xnode{name: name, attrs: attrs, text: text}
}

func commentNode(text string) *xnode { return &xnode{comment: text} }

// render writes n as XML: pretty puts each element on its own line,
// indented by two spaces a level; otherwise there is no whitespace
// between elements at all. Nil children are skipped.
func (n *xnode) render(b *strings.Builder, pretty bool, depth int) {
	pad := ""
	if pretty {
		pad = "\n" + strings.Repeat("  ", depth)
	}
	if n.comment != "" {
		b.WriteString(pad + "<!--" + n.comment + "-->")
		return
	}
	b.WriteString(pad + "<" + n.name)
	for i := 0; i+1 < len(n.attrs); i += 2 {
		b.WriteString(" " + n.attrs[i] + `="` + n.attrs[i+1] + `"`)
	}
	kids := 0
	for _, c := range n.children {
		if c != nil {
			kids++
		}
	}
	switch {
	case kids == 0 && n.text == "":
		b.WriteString("/>")
	case kids == 0:
		b.WriteString(">" + n.text + "</" + n.name + ">")
	default:
		b.WriteString(">")
		for _, c := range n.children {
			if c != nil {
				c.render(b, pretty, depth+1)
			}
		}
		b.WriteString(pad + "</" + n.name + ">")
	}
}

// xmlDoc renders a whole document with an XML declaration, which is also
// where xmlsec1's concatenated output is split.
func xmlDoc(root *xnode, pretty bool) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>`)
	if !pretty {
		b.WriteString("\n")
	}
	root.render(&b, pretty, 0)
	b.WriteString("\n")
	return b.String()
}

// c14nCase is one canonicalisation of the matrix: the Reference's
// transform (none: only the enveloped transform, which means inclusive
// c14n 1.0) and SignedInfo's own CanonicalizationMethod.
type c14nCase struct {
	name       string
	transform  string // "" for none
	prefixList string // an InclusiveNamespaces PrefixList, for exclusive
	signedInfo string
}

const (
	algExc          = "http://www.w3.org/2001/10/xml-exc-c14n#"
	algExcComments  = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
	algC14N10       = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
	algC14N10Comm   = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
	algC14N11       = "http://www.w3.org/2006/12/xml-c14n11"
	algEnveloped    = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	algRSASHA256    = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	algSHA256Digest = "http://www.w3.org/2001/04/xmlenc#sha256"
)

var c14nCases = []c14nCase{
	{name: "exc", transform: algExc, signedInfo: algExc},
	{name: "exc-comments", transform: algExcComments, signedInfo: algExcComments},
	{name: "exc-prefixlist", transform: algExc, prefixList: "xs xsi", signedInfo: algExc},
	{name: "c14n10", transform: algC14N10, signedInfo: algC14N10},
	{name: "c14n10-comments", transform: algC14N10Comm, signedInfo: algC14N10Comm},
	{name: "c14n11", transform: algC14N11, signedInfo: algC14N11},
	{name: "none", transform: "", signedInfo: algC14N10},
}

// sigTemplate is an xmlsec1 signature template referencing #id. With
// inheritDS the ds prefix is declared by an ancestor, not on the Signature.
func sigTemplate(c c14nCase, id string, inheritDS bool) *xnode {
	var nsAttr []string
	if !inheritDS {
		nsAttr = []string{"xmlns:ds", xmlsafe.NSDSig}
	}
	var c14nTransform *xnode
	if c.transform != "" {
		c14nTransform = el("ds:Transform", []string{"Algorithm", c.transform})
		if c.prefixList != "" {
			c14nTransform.children = []*xnode{el("ec:InclusiveNamespaces", []string{"xmlns:ec", "http://www.w3.org/2001/10/xml-exc-c14n#", "PrefixList", c.prefixList})}
		}
	}
	return el("ds:Signature", nsAttr,
		el("ds:SignedInfo", nil,
			el("ds:CanonicalizationMethod", []string{"Algorithm", c.signedInfo}),
			el("ds:SignatureMethod", []string{"Algorithm", algRSASHA256}),
			el("ds:Reference", []string{"URI", "#" + id},
				el("ds:Transforms", nil,
					el("ds:Transform", []string{"Algorithm", algEnveloped}),
					c14nTransform),
				el("ds:DigestMethod", []string{"Algorithm", algSHA256Digest}),
				textEl("ds:DigestValue", nil, ""))),
		textEl("ds:SignatureValue", nil, ""),
		el("ds:KeyInfo", nil, el("ds:X509Data", nil)))
}

// The namespace shapes of the matrix.
const (
	shapePrefixed   = "prefixed"      // every element prefixed, declared on the root
	shapeDefault    = "default-root"  // the protocol namespace is the root's default
	shapeDefaultIn  = "default-inner" // a default namespace only on the Assertion (metadata: the IDPSSODescriptor)
	shapeDeclaredUp = "declared-up"   // namespaces declared on the root, used only deep inside
)

var shapes = []string{shapePrefixed, shapeDefault, shapeDefaultIn, shapeDeclaredUp}

const (
	xsNS  = "http://www.w3.org/2001/XMLSchema"
	xsiNS = "http://www.w3.org/2001/XMLSchema-instance"
)

// The IDs of the generated documents, and the text a tampered copy changes.
const (
	diffResponseID  = "_diff-response"
	diffAssertionID = "_diff-assertion"
	diffMetadataID  = "_diff-metadata"
	diffNameID      = ">alice@acmecorp.com<"
	diffSSOURL      = "https://sso.jumpcloud.com/saml2/acmecorp"
)

// responseTemplate is a JumpCloud-like Response in the given shape, with a
// signature template on the Response and/or the Assertion, and optionally
// a comment inside the Assertion (so inside every signed element).
func responseTemplate(shape string, c c14nCase, signResponse, signAssertion, comment bool) *xnode {
	const ts, later, before = "2025-06-02T10:00:00Z", "2025-06-02T10:05:00Z", "2025-06-02T09:55:00Z"
	p, a := "samlp:", "saml:" // element prefixes
	rootAttrs := []string{"xmlns:samlp", xmlsafe.NSProtocol, "xmlns:saml", xmlsafe.NSAssertion}
	asrtAttrs := []string{}
	valueAttrs := []string{"xmlns:xs", xsNS, "xmlns:xsi", xsiNS, "xsi:type", "xs:string"}
	issuerAttrs := []string(nil)
	inheritDS := false
	switch shape {
	case shapeDefault:
		p = ""
		rootAttrs = []string{"xmlns", xmlsafe.NSProtocol, "xmlns:saml", xmlsafe.NSAssertion}
	case shapeDefaultIn:
		rootAttrs = []string{"xmlns:samlp", xmlsafe.NSProtocol}
		issuerAttrs = []string{"xmlns:saml", xmlsafe.NSAssertion}
		a = ""
		asrtAttrs = []string{"xmlns", xmlsafe.NSAssertion}
	case shapeDeclaredUp:
		rootAttrs = []string{"xmlns:samlp", xmlsafe.NSProtocol, "xmlns:saml", xmlsafe.NSAssertion, "xmlns:xs", xsNS, "xmlns:xsi", xsiNS, "xmlns:ds", xmlsafe.NSDSig}
		valueAttrs = []string{"xsi:type", "xs:string"}
		inheritDS = true
	}
	respIssuer := "saml:Issuer"
	var sigR, sigA, note *xnode
	if signResponse {
		sigR = sigTemplate(c, diffResponseID, inheritDS)
	}
	if signAssertion {
		sigA = sigTemplate(c, diffAssertionID, inheritDS)
	}
	if comment {
		note = commentNode(" issued for the differential test ")
	}
	assertion := el(a+"Assertion", append(asrtAttrs, "ID", diffAssertionID, "IssueInstant", ts, "Version", "2.0"),
		textEl(a+"Issuer", nil, "jumpcloud-acmecorp"),
		sigA,
		note,
		el(a+"Subject", nil,
			textEl(a+"NameID", []string{"Format", "urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified"}, "alice@acmecorp.com"),
			el(a+"SubjectConfirmation", []string{"Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer"},
				el(a+"SubjectConfirmationData", []string{"NotOnOrAfter", later, "Recipient", "https://prod-api.avoma.com/saml2/acs"}))),
		el(a+"Conditions", []string{"NotBefore", before, "NotOnOrAfter", later},
			el(a+"AudienceRestriction", nil, textEl(a+"Audience", nil, "https://app.avoma.com"))),
		el(a+"AuthnStatement", []string{"AuthnInstant", ts, "SessionIndex", diffAssertionID},
			el(a+"AuthnContext", nil, textEl(a+"AuthnContextClassRef", nil, "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified"))),
		el(a+"AttributeStatement", nil,
			el(a+"Attribute", []string{"Name", "email"}, textEl(a+"AttributeValue", valueAttrs, "alice@acmecorp.com")),
			el(a+"Attribute", []string{"Name", "firstname"}, textEl(a+"AttributeValue", valueAttrs, "Alice"))))
	return el(p+"Response", append(rootAttrs, "Destination", "https://prod-api.avoma.com/saml2/acs", "ID", diffResponseID, "IssueInstant", ts, "Version", "2.0"),
		textEl(respIssuer, issuerAttrs, "jumpcloud-acmecorp"),
		sigR,
		el(p+"Status", nil, el(p+"StatusCode", []string{"Value", "urn:oasis:names:tc:SAML:2.0:status:Success"})),
		assertion)
}

// metadataTemplate is a JumpCloud-like export in the given shape, signed
// as a whole (JumpCloud does not sign its exports; other IdPs do), with
// the signing certificate certB64 in its KeyDescriptor.
func metadataTemplate(shape string, c c14nCase, comment bool, certB64 string) *xnode {
	m := "md:"
	rootAttrs := []string{"xmlns:md", xmlsafe.NSMetadata}
	idpAttrs := []string{}
	kiAttrs := []string{"xmlns:ds", xmlsafe.NSDSig}
	inheritDS := false
	switch shape {
	case shapeDefault:
		m = ""
		rootAttrs = []string{"xmlns", xmlsafe.NSMetadata}
	case shapeDefaultIn:
		idpAttrs = []string{"xmlns", xmlsafe.NSMetadata}
	case shapeDeclaredUp:
		rootAttrs = []string{"xmlns:md", xmlsafe.NSMetadata, "xmlns:ds", xmlsafe.NSDSig, "xmlns:xs", xsNS}
		kiAttrs = nil
		inheritDS = true
	}
	inner := m
	if shape == shapeDefaultIn {
		inner = ""
	}
	var note *xnode
	if comment {
		note = commentNode(" exported for the differential test ")
	}
	return el(m+"EntityDescriptor", append(rootAttrs, "ID", diffMetadataID, "entityID", "jumpcloud-acmecorp"),
		sigTemplate(c, diffMetadataID, inheritDS),
		el(inner+"IDPSSODescriptor", append(idpAttrs, "WantAuthnRequestsSigned", "false", "protocolSupportEnumeration", xmlsafe.NSProtocol),
			note,
			el(inner+"KeyDescriptor", []string{"use", "signing"},
				el("ds:KeyInfo", kiAttrs, el("ds:X509Data", nil, textEl("ds:X509Certificate", nil, certB64)))),
			textEl(inner+"NameIDFormat", nil, "urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified"),
			el(inner+"SingleSignOnService", []string{"Binding", rules.BindingPOST, "Location", diffSSOURL}),
			el(inner+"SingleSignOnService", []string{"Binding", rules.BindingRedirect, "Location", diffSSOURL})))
}
