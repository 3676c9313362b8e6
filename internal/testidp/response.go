package testidp

import (
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/profile"
)

// Values a generated response uses unless its options say otherwise: the
// Avoma service provider from the domain notes and an organisation
// "acmecorp".
const (
	DefaultIdPEntityID = "jumpcloud-acmecorp"
	DefaultSPEntityID  = "https://app.avoma.com"
	DefaultACSURL      = "https://prod-api.avoma.com/saml2/acs"
	DefaultEmail       = "alice@acmecorp.com"
	StatusSuccess      = "urn:oasis:names:tc:SAML:2.0:status:Success"
)

// The NameID formats of JumpCloud's SSO tab, as the profiles name them.
// NameIDUnspecified has SAML 1.0's prefix, as JumpCloud writes it.
const (
	NameIDUnspecified = profile.NameIDFormatUnspecified
	NameIDEmail       = profile.NameIDFormatEmail
	NameIDPersistent  = profile.NameIDFormatPersistent
	NameIDTransient   = profile.NameIDFormatTransient
)

// DefaultIssueInstant is the one fixed clock of generated fixtures: when
// responses are issued unless told otherwise. It lies inside the default
// certificates' validity; inspect fixtures as of this time. Treat it as a
// constant.
var DefaultIssueInstant = time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)

// DefaultValidity is how long a response is valid on each side of its
// IssueInstant: a real JumpCloud response showed about five minutes.
const DefaultValidity = 5 * time.Minute

// Attribute is one SAML attribute with its values.
type Attribute struct {
	Name   string
	Values []string
}

// ResponseOptions shape a JumpCloud-like SAML response. The zero value is
// an unsigned response for alice@acmecorp.com logging in to Avoma through
// an IdP-initiated login; set SignAssertion and SignResponse (JumpCloud's
// "Sign: Assertion and Response") to sign it.
type ResponseOptions struct {
	IdPEntityID string // default DefaultIdPEntityID (both Issuers)
	// AssertionIssuer overrides the Assertion's Issuer only.
	AssertionIssuer string
	SPEntityID      string // the Audience; default DefaultSPEntityID
	ACSURL          string // Destination and Recipient; default DefaultACSURL
	// Destination and Recipient override the ACS URL in one place each;
	// "-" leaves the attribute out.
	Destination, Recipient string
	// NameID defaults to Email; "-" leaves the NameID out.
	NameID       string
	NameIDFormat string // default NameIDUnspecified
	Email        string // default DefaultEmail
	// Attributes default to email, firstname and lastname; a non-nil empty
	// slice sends none.
	Attributes   []Attribute
	InResponseTo string // empty for an IdP-initiated login
	IssueInstant time.Time
	// Validity is the Conditions window on each side of IssueInstant and the
	// SubjectConfirmationData's NotOnOrAfter; default DefaultValidity.
	Validity time.Duration
	// StatusCode defaults to Success; SubStatus and StatusMessage are
	// written when set.
	StatusCode, SubStatus, StatusMessage string
	ResponseID, AssertionID              string
	// SignAssertion and SignResponse sign with Signer (the Assertion
	// first, then the Response over it, as an IdP does).
	SignAssertion, SignResponse bool
	Signer                      KeyPair
	Sign                        SignOptions
}

func (o *ResponseOptions) defaults() {
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&o.IdPEntityID, DefaultIdPEntityID)
	def(&o.AssertionIssuer, o.IdPEntityID)
	def(&o.SPEntityID, DefaultSPEntityID)
	def(&o.ACSURL, DefaultACSURL)
	def(&o.Destination, o.ACSURL)
	def(&o.Recipient, o.ACSURL)
	def(&o.Email, DefaultEmail)
	def(&o.NameID, o.Email)
	def(&o.NameIDFormat, NameIDUnspecified)
	def(&o.StatusCode, StatusSuccess)
	def(&o.ResponseID, "_jcsso-response-8c1d")
	def(&o.AssertionID, "_jcsso-assertion-41f7")
	if o.Attributes == nil {
		o.Attributes = []Attribute{
			{"email", []string{o.Email}},
			{"firstname", []string{"Alice"}},
			{"lastname", []string{"Smith"}},
		}
	}
	if o.IssueInstant.IsZero() {
		o.IssueInstant = DefaultIssueInstant
	}
	if o.Validity == 0 {
		o.Validity = DefaultValidity
	}
}

// ResponseXML returns a JumpCloud-shaped SAML 2.0 Response, signed as the
// options say. The Signature goes right after the Issuer, as SAML's schema
// requires.
func ResponseXML(o ResponseOptions) ([]byte, error) {
	doc, err := ResponseDoc(o)
	if err != nil {
		return nil, err
	}
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("write response: %w", err)
	}
	return out, nil
}

// ResponseDoc is ResponseXML as a parsed document, for callers that tamper
// with the tree after signing.
func ResponseDoc(o ResponseOptions) (*etree.Document, error) {
	o.defaults()
	if (o.SignAssertion || o.SignResponse) && (o.Signer.Key == nil || o.Signer.Cert == nil) {
		return nil, fmt.Errorf("sign response: no signing key and certificate given")
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromString(unsignedResponse(o)); err != nil {
		return nil, fmt.Errorf("read generated response: %w", err)
	}
	if o.SignAssertion {
		if err := SignEnveloped(o.Signer, doc.Root().SelectElement("Assertion"), o.Sign); err != nil {
			return nil, err
		}
	}
	if o.SignResponse {
		if err := SignEnveloped(o.Signer, doc.Root(), o.Sign); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// samlTime is SAML's dateTime as JumpCloud writes it: UTC, whole seconds.
func samlTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func unsignedResponse(o ResponseOptions) string {
	optAttr := func(name, v string) string {
		if v == "-" {
			return ""
		}
		return fmt.Sprintf(` %s="%s"`, name, xmlEscape(v))
	}
	irt := ""
	if o.InResponseTo != "" {
		irt = optAttr("InResponseTo", o.InResponseTo)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="%s" Version="2.0" IssueInstant="%s"%s%s>`,
		xmlEscape(o.ResponseID), samlTime(o.IssueInstant), optAttr("Destination", o.Destination), irt)
	fmt.Fprintf(&b, `<saml2:Issuer>%s</saml2:Issuer>`, xmlEscape(o.IdPEntityID))
	b.WriteString(`<saml2p:Status><saml2p:StatusCode Value="` + xmlEscape(o.StatusCode) + `"`)
	if o.SubStatus != "" {
		b.WriteString(`><saml2p:StatusCode Value="` + xmlEscape(o.SubStatus) + `"/></saml2p:StatusCode>`)
	} else {
		b.WriteString(`/>`)
	}
	if o.StatusMessage != "" {
		b.WriteString(`<saml2p:StatusMessage>` + xmlEscape(o.StatusMessage) + `</saml2p:StatusMessage>`)
	}
	b.WriteString(`</saml2p:Status>`)
	fmt.Fprintf(&b, `<saml2:Assertion ID="%s" IssueInstant="%s" Version="2.0">`, xmlEscape(o.AssertionID), samlTime(o.IssueInstant))
	fmt.Fprintf(&b, `<saml2:Issuer>%s</saml2:Issuer>`, xmlEscape(o.AssertionIssuer))
	b.WriteString(`<saml2:Subject>`)
	if o.NameID != "-" {
		fmt.Fprintf(&b, `<saml2:NameID Format="%s">%s</saml2:NameID>`, xmlEscape(o.NameIDFormat), xmlEscape(o.NameID))
	}
	fmt.Fprintf(&b, `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="%s"%s%s/></saml2:SubjectConfirmation>`,
		samlTime(o.IssueInstant.Add(o.Validity)), optAttr("Recipient", o.Recipient), irt)
	b.WriteString(`</saml2:Subject>`)
	fmt.Fprintf(&b, `<saml2:Conditions NotBefore="%s" NotOnOrAfter="%s"><saml2:AudienceRestriction><saml2:Audience>%s</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>`,
		samlTime(o.IssueInstant.Add(-o.Validity)), samlTime(o.IssueInstant.Add(o.Validity)), xmlEscape(o.SPEntityID))
	fmt.Fprintf(&b, `<saml2:AuthnStatement AuthnInstant="%s" SessionIndex="%s"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>`,
		samlTime(o.IssueInstant), xmlEscape(o.AssertionID))
	if len(o.Attributes) > 0 {
		b.WriteString(`<saml2:AttributeStatement>`)
		for _, a := range o.Attributes {
			fmt.Fprintf(&b, `<saml2:Attribute Name="%s" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">`, xmlEscape(a.Name))
			for _, v := range a.Values {
				fmt.Fprintf(&b, `<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">%s</saml2:AttributeValue>`, xmlEscape(v))
			}
			b.WriteString(`</saml2:Attribute>`)
		}
		b.WriteString(`</saml2:AttributeStatement>`)
	}
	b.WriteString(`</saml2:Assertion></saml2p:Response>`)
	return b.String()
}
