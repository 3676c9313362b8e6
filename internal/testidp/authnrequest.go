package testidp

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck/rules"
)

// maxRequestBytes caps an AuthnRequest's XML (after inflating): real ones
// are well under 4 KiB, and the cap keeps a DEFLATE bomb harmless.
const maxRequestBytes = 64 << 10

const samlProtocolNS = "urn:oasis:names:tc:SAML:2.0:protocol"

// authnRequest is what the IdP reads from a service provider's request.
type authnRequest struct {
	ID          string
	Issuer      string
	ACSURL      string // AssertionConsumerServiceURL, when given
	Destination string
	Binding     string // how it arrived: BindingRedirect or BindingPOST
	// XML is the request as received, carried through the login form.
	XML []byte
}

// errNoRequest is a sign-on request that carries no SAMLRequest at all.
var errNoRequest = errors.New("no SAMLRequest was sent")

// decodeRedirectRequest reads the HTTP-Redirect binding's SAMLRequest
// value (already URL-decoded): base64 of raw DEFLATE.
func decodeRedirectRequest(value string) (*authnRequest, error) {
	if value == "" {
		return nil, errNoRequest
	}
	raw, err := decodeBase64(value)
	if err != nil {
		return nil, err
	}
	zr := flate.NewReader(bytes.NewReader(raw))
	defer zr.Close()
	xml, err := io.ReadAll(io.LimitReader(zr, maxRequestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("SAMLRequest is not DEFLATE-compressed as the HTTP-Redirect binding requires: %w", err)
	}
	if len(xml) > maxRequestBytes {
		return nil, errors.New("SAMLRequest inflates to over " + rules.SizeLimit(maxRequestBytes))
	}
	return parseAuthnRequest(xml, BindingRedirect)
}

// decodePostRequest reads the HTTP-POST binding's SAMLRequest value: base64
// of the XML.
func decodePostRequest(value string) (*authnRequest, error) {
	if value == "" {
		return nil, errNoRequest
	}
	xml, err := decodeBase64(value)
	if err != nil {
		return nil, err
	}
	return parseAuthnRequest(xml, BindingPOST)
}

func decodeBase64(value string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, value)
	if len(clean) > 2*maxRequestBytes {
		return nil, errors.New("SAMLRequest is over " + rules.SizeLimit(2*maxRequestBytes))
	}
	raw, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return nil, fmt.Errorf("SAMLRequest is not base64: %w", err)
	}
	return raw, nil
}

// parseAuthnRequest reads the values the IdP needs. A DOCTYPE is refused
// outright: no SAML message has one, and refusing it keeps entity tricks
// out.
func parseAuthnRequest(xml []byte, binding string) (*authnRequest, error) {
	if len(xml) > maxRequestBytes {
		return nil, errors.New("SAMLRequest is over " + rules.SizeLimit(maxRequestBytes))
	}
	if bytes.Contains(bytes.ToUpper(xml), []byte("<!DOCTYPE")) {
		return nil, fmt.Errorf("SAMLRequest has a DOCTYPE, which SAML messages never have")
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(xml); err != nil {
		return nil, fmt.Errorf("SAMLRequest is not well-formed XML: %w", err)
	}
	root := doc.Root()
	if root == nil || root.Tag != "AuthnRequest" || root.NamespaceURI() != samlProtocolNS {
		got := "nothing"
		if root != nil {
			got = "<" + root.FullTag() + ">"
		}
		return nil, fmt.Errorf("expected a SAML 2.0 AuthnRequest, got %s", got)
	}
	req := &authnRequest{
		ID:          root.SelectAttrValue("ID", ""),
		ACSURL:      root.SelectAttrValue("AssertionConsumerServiceURL", ""),
		Destination: root.SelectAttrValue("Destination", ""),
		Binding:     binding,
		XML:         xml,
	}
	if req.ID == "" {
		return nil, fmt.Errorf("the AuthnRequest has no ID, so a response could not name it in InResponseTo")
	}
	if iss := root.SelectElement("Issuer"); iss != nil {
		req.Issuer = strings.TrimSpace(iss.Text())
	}
	return req, nil
}
