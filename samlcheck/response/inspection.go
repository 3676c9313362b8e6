package response

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// inspection is one run of Inspect: the options, what was found in the
// document, and the report being filled in.
type inspection struct {
	ctx  context.Context
	opts Options
	rep  *Report
	b    samlcheck.Collector

	root  *etree.Element // the Response as parsed (unverified)
	shape responseShape
	// resp is the result of the Response's own signature, asrts those of
	// its direct Assertions (at most maxAssertionsVerified), and asrt the
	// one the report describes (see verify), the asrtIdx-th; skipVerify is
	// set when duplicate IDs make any verification ambiguous.
	resp, asrt sigResult
	asrts      []sigResult
	asrtIdx    int
	skipVerify bool
	// respView is the Response to read response-level values from (the
	// verified copy when its signature verified); assertion is the
	// Assertion to read from, nil when there is none readable.
	respView  *etree.Element
	assertion *etree.Element
	vals      assertionValues
}

// responseShape is the structure of a Response that signature wrapping
// attacks tamper with.
type responseShape struct {
	direct    []*etree.Element // Assertions directly inside the Response
	nested    []*etree.Element // Assertions anywhere else
	encrypted int              // EncryptedAssertions directly inside
	stray     []*etree.Element // Signatures outside the Response and its Assertion
	dupIDs    []string         // ID values carried by more than one element
}

func scanResponse(root *etree.Element) responseShape {
	var s responseShape
	s.direct = xmlsafe.Children(root, xmlsafe.NSAssertion, "Assertion")
	s.encrypted = len(xmlsafe.Children(root, xmlsafe.NSAssertion, "EncryptedAssertion"))
	isDirect := func(el *etree.Element) bool {
		for _, a := range s.direct {
			if a == el {
				return true
			}
		}
		return false
	}
	seen := map[string]int{}
	xmlsafe.Walk(root, func(el *etree.Element) {
		if xmlsafe.HasAttr(el, "ID") {
			id := xmlsafe.Attr(el, "ID")
			if seen[id]++; seen[id] == 2 {
				s.dupIDs = append(s.dupIDs, id)
			}
		}
		switch {
		case xmlsafe.IsElem(el, xmlsafe.NSAssertion, "Assertion"):
			if !isDirect(el) {
				s.nested = append(s.nested, el)
			}
		case xmlsafe.IsElem(el, xmlsafe.NSDSig, "Signature"):
			if p := el.Parent(); p != root && !isDirect(p) {
				s.stray = append(s.stray, el)
			}
		}
	})
	return s
}

func (in *inspection) run(input []byte) {
	if reason := oversize(input); reason != "" { // its size first, as check's
		in.rep.sizeRefusal = reason
		in.b.Fail(samlcheck.IDResponseDecode, decodeMessage(sizeError{reason}), "")
		return
	}
	if problem := wrongKindOfInput(input); problem != "" {
		in.b.Fail(samlcheck.IDResponseDecode, problem, "")
		return
	}
	xmlBytes, enc, err := Decode(input)
	var doc *etree.Document
	if err == nil {
		doc, err = xmlsafe.ParseXMLContext(in.ctx, xmlBytes)
	}
	if err != nil {
		var se sizeError
		if errors.As(err, &se) {
			in.rep.sizeRefusal = se.reason
		}
		in.b.Fail(samlcheck.IDResponseDecode, decodeMessage(err), "")
		return
	}
	in.rep.Encoding = enc
	in.b.Pass(samlcheck.IDResponseDecode, "decoded "+encodingName(enc))
	in.root = doc.Root()
	if !in.checkVersion() {
		return
	}
	in.shape = scanResponse(in.root)
	in.verify()
	in.readValues()

	in.checkStatus()
	in.checkAssertionCount()
	in.checkSignatures()
	in.checkIssuer()
	in.checkIssuerPlaceholder()
	in.checkAudience()
	in.checkDestination()
	in.checkRecipient()
	in.checkInResponseTo()
	in.checkTimeWindow()
	in.checkSubject()
	in.checkEmail()
	in.checkValueSplit()
	in.checkAdmin()
}

// wrongKindOfInput names an input that is plainly not a SAML response in
// any form, before decoding would report it as bad base64 or XML: a web
// page (with its title, as check does), an image or archive (from its
// first bytes), a browser capture given where its SAMLResponse was meant.
func wrongKindOfInput(input []byte) string {
	trimmed := bytes.TrimSpace(xmlsafe.TrimBOM(input))
	if isHTML, what := xmlsafe.SniffHTML(trimmed); isHTML {
		return "the input is " + what + ", not a SAML response"
	}
	if kind := xmlsafe.BinaryKind(trimmed); kind != "" {
		return "the input is not XML: looks like " + kind + ", not a SAML response"
	}
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		if _, err := ParseCapture(trimmed); err == nil {
			return "the input is a browser capture: give it to `jcsso inspect`, which finds the SAMLResponses in it"
		}
		return "the input is JSON but neither a HAR file nor a SAML-tracer export, and not a SAML response"
	}
	return ""
}

// decodeMessage turns a decoding or parsing error into a finding message.
func decodeMessage(err error) string {
	msg := err.Error()
	var se sizeError
	switch {
	case errors.As(err, &se):
		// In inspect's words for the same input ("too large: N bytes, …").
		return "the input is too large: " + se.reason
	case errors.Is(err, xmlsafe.ErrUnsafeXML):
		return "the response is not usable XML: " + strings.TrimPrefix(msg, xmlsafe.ErrUnsafeXML.Error()+": ")
	case errors.Is(err, ErrDecode):
		return "the input is not a SAML response: " + strings.TrimPrefix(msg, ErrDecode.Error()+": ")
	}
	return msg
}

func encodingName(e Encoding) string {
	switch e {
	case EncodingPOST:
		return "from the HTTP-POST form (base64)"
	case EncodingRedirect:
		return "from the HTTP-Redirect form (DEFLATE inside base64)"
	}
	return "as plain XML"
}

// checkVersion reports response.version and says whether the document is
// a SAML 2.0 Response worth checking further.
func (in *inspection) checkVersion() bool {
	r := in.root
	switch {
	case xmlsafe.IsElem(r, xmlsafe.NSProtocol, "Response"):
		if v := xmlsafe.Attr(r, "Version"); v != "2.0" {
			in.b.Fail(samlcheck.IDResponseVersion, fmt.Sprintf("the Response says Version %q; expected \"2.0\"", v), "")
			return true
		}
		// A 2.0 Response may carry only 2.0 Assertions (SAML 2.0 core,
		// 2.3.3); a service provider refuses any other.
		for _, a := range xmlsafe.Children(r, xmlsafe.NSAssertion, "Assertion") {
			if v := xmlsafe.Attr(a, "Version"); v != "2.0" {
				in.b.Fail(samlcheck.IDResponseVersion, fmt.Sprintf("the Response is SAML 2.0, but its Assertion says Version %q; expected \"2.0\"", v), "")
				return true
			}
		}
		in.b.Pass(samlcheck.IDResponseVersion, "a SAML 2.0 Response")
		return true
	case r.Tag == "Response" && r.NamespaceURI() == xmlsafe.NSProtocol1:
		in.b.Fail(samlcheck.IDResponseVersion, "this is a SAML 1.x Response ("+xmlsafe.NSProtocol1+"); JumpCloud and the service provider speak SAML 2.0", "")
	case r.Tag == "EntityDescriptor" || r.Tag == "EntitiesDescriptor":
		in.b.Fail(samlcheck.IDResponseVersion, "this is SAML metadata, not a response", "Check metadata with `jcsso check`; give `jcsso inspect` the SAMLResponse captured during a login.")
	default:
		in.b.Fail(samlcheck.IDResponseVersion, fmt.Sprintf("the document is %s (namespace %q), not a SAML 2.0 Response", xmlsafe.Describe(r), r.NamespaceURI()), "")
	}
	return false
}

// maxAssertionsVerified bounds the Assertions whose signatures are
// checked: a genuine response holds one, a wrapping attack two or three,
// and each costs a verification per trusted certificate.
const maxAssertionsVerified = 4

// verify checks the Response's own signature and each direct Assertion's.
// The Assertion the report describes is the first whose signature verified,
// else the first that carries one, else the first: with two Assertions of
// which only the second is signed, the findings describe that one, not an
// unsigned decoy (assertion.count still rejects the shape).
func (in *inspection) verify() {
	direct := in.shape.direct
	if len(in.shape.dupIDs) > 0 {
		in.skipVerify = true
		in.resp.present = xmlsafe.Child(in.root, xmlsafe.NSDSig, "Signature") != nil
		for _, a := range direct[:min(len(direct), maxAssertionsVerified)] {
			in.asrts = append(in.asrts, sigResult{present: xmlsafe.Child(a, xmlsafe.NSDSig, "Signature") != nil})
		}
	} else {
		in.resp = verifyOwnSignature(in.ctx, in.root, true, in.opts.TrustedCerts, in.opts.Now)
		for _, a := range direct[:min(len(direct), maxAssertionsVerified)] {
			in.asrts = append(in.asrts, verifyOwnSignature(in.ctx, a, false, in.opts.TrustedCerts, in.opts.Now))
		}
	}
	in.asrtIdx = -1
	for _, want := range []func(sigResult) bool{
		func(s sigResult) bool { return s.verified },
		func(s sigResult) bool { return s.present },
		func(sigResult) bool { return true },
	} {
		for i, s := range in.asrts {
			if in.asrtIdx < 0 && want(s) {
				in.asrtIdx = i
			}
		}
	}
	if in.asrtIdx >= 0 {
		in.asrt = in.asrts[in.asrtIdx]
	}
}

// readValues picks the elements every value is read from: the verified
// copies where a signature verified, the parsed document otherwise.
func (in *inspection) readValues() {
	in.respView = in.root
	if in.resp.verified {
		in.respView = in.resp.el
	}
	switch {
	case in.asrt.verified:
		in.assertion = in.asrt.el
	case in.resp.verified:
		in.assertion = xmlsafe.Child(in.resp.el, xmlsafe.NSAssertion, "Assertion")
	case in.asrtIdx >= 0:
		in.assertion = in.shape.direct[in.asrtIdx]
		in.rep.Unverified = true
		in.rep.UnverifiedReason = in.unverifiedReason()
	}
	in.vals = readAssertion(in.assertion)

	rep := in.rep
	rep.Destination = xmlsafe.Attr(in.respView, "Destination")
	rep.InResponseTo = xmlsafe.Attr(in.respView, "InResponseTo")
	rep.Issuer = xmlsafe.Text(xmlsafe.Child(in.respView, xmlsafe.NSAssertion, "Issuer"))
	if in.vals.hasIssuer {
		rep.Issuer = in.vals.issuer
	}
	rep.IssueInstant = xmlsafe.Attr(in.respView, "IssueInstant")
	if in.vals.issueInstant != "" {
		rep.IssueInstant = in.vals.issueInstant
	}
	rep.Signed = Signed{Response: in.resp.verified, Assertion: in.asrt.verified}
	rep.Conditions.NotBefore, rep.Conditions.NotOnOrAfter = in.vals.notBefore, in.vals.notOnOrAfter
	rep.Conditions.Audiences = append(rep.Conditions.Audiences, in.vals.audiences...)
	for _, name := range in.vals.attrOrder {
		rep.Attributes[name] = in.vals.attributes[name]
	}
	if in.vals.nameID != nil {
		rep.Subject.NameID = xmlsafe.Text(in.vals.nameID)
		rep.Subject.Format = xmlsafe.Attr(in.vals.nameID, "Format")
	}
	switch {
	case rules.IsEmailAddress(rep.Subject.NameID):
		rep.Subject.Email = rep.Subject.NameID
	case in.assertion != nil:
		rep.Subject.Email, _ = emailAttribute(in.assertion)
	}
}

// unverifiedReason says why no signature vouches for the values shown.
func (in *inspection) unverifiedReason() string {
	anySigned := in.resp.present
	for _, a := range in.asrts {
		anySigned = anySigned || a.present
	}
	switch {
	case in.skipVerify:
		return "an ID appears more than once, so no signature was checked (see assertion.count)"
	case !anySigned:
		return "nothing in the response is signed (see signature.missing)"
	case len(in.opts.TrustedCerts) == 0:
		return "no trusted certificate was given, so no signature was checked (see signature.invalid)"
	}
	return "no signature verified (see signature.invalid)"
}
