package acs

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

const (
	nsProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
	nsAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"
)

// authnRequest is the one request a session sends, in both encodings.
type authnRequest struct {
	ID         string
	XML        []byte
	RelayState string
	Binding    Binding
	// SSOURL is the IdP endpoint it goes to.
	SSOURL string
	// RedirectURL is the IdP URL carrying it (HTTP-Redirect); "" for POST.
	RedirectURL string
}

// requestParams are the values an AuthnRequest is built from.
type requestParams struct {
	ID, IssueInstant, Destination, ACSURL, Issuer, NameIDFormat string
}

// buildRequest makes the AuthnRequest for the endpoint (SAML 2.0 core
// §3.4.1): a fresh ID, the ACS URL, the HTTP-POST binding for the answer,
// the SP entity ID as Issuer, and a NameIDPolicy. It is not signed.
func buildRequest(ep samlcheck.Endpoint, b Binding, acsURL string, o Options, now time.Time) (*authnRequest, error) {
	p := requestParams{
		ID:           newID(),
		IssueInstant: now.UTC().Format("2006-01-02T15:04:05Z"),
		Destination:  ep.URL,
		ACSURL:       acsURL,
		Issuer:       o.SPEntityID,
		NameIDFormat: o.NameIDFormat,
	}
	xml, err := requestXML(p)
	if err != nil {
		return nil, err
	}
	r := &authnRequest{ID: p.ID, XML: xml, RelayState: newRelayState(), Binding: b, SSOURL: ep.URL}
	if b == BindingRedirect {
		if r.RedirectURL, err = redirectURL(ep.URL, xml, r.RelayState); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func requestXML(p requestParams) ([]byte, error) {
	doc := etree.NewDocument()
	req := doc.CreateElement("samlp:AuthnRequest")
	req.CreateAttr("xmlns:samlp", nsProtocol)
	req.CreateAttr("xmlns:saml", nsAssertion)
	req.CreateAttr("ID", p.ID)
	req.CreateAttr("Version", "2.0")
	req.CreateAttr("IssueInstant", p.IssueInstant)
	req.CreateAttr("Destination", p.Destination)
	req.CreateAttr("AssertionConsumerServiceURL", p.ACSURL)
	req.CreateAttr("ProtocolBinding", rules.BindingPOST)
	req.CreateElement("saml:Issuer").SetText(p.Issuer)
	policy := req.CreateElement("samlp:NameIDPolicy")
	if p.NameIDFormat != "" {
		policy.CreateAttr("Format", p.NameIDFormat)
	}
	policy.CreateAttr("AllowCreate", "true")
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("write the AuthnRequest: %w", err)
	}
	return out, nil
}

// redirectURL is the sign-on URL with the HTTP-Redirect binding's query
// (saml-bindings §3.4.4.1): SAMLRequest is raw DEFLATE, then base64, then
// URL-encoded; RelayState follows. A query the endpoint already has is kept.
func redirectURL(ssoURL string, xml []byte, relay string) (string, error) {
	u, err := url.Parse(ssoURL)
	if err != nil {
		return "", fmt.Errorf("sign-on URL %q: %w", ssoURL, err)
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", fmt.Errorf("deflate the AuthnRequest: %w", err)
	}
	if _, err := w.Write(xml); err != nil {
		return "", fmt.Errorf("deflate the AuthnRequest: %w", err)
	}
	if err := w.Close(); err != nil {
		return "", fmt.Errorf("deflate the AuthnRequest: %w", err)
	}
	q := "SAMLRequest=" + url.QueryEscape(base64.StdEncoding.EncodeToString(buf.Bytes())) +
		"&RelayState=" + url.QueryEscape(relay)
	if u.RawQuery != "" {
		q = u.RawQuery + "&" + q
	}
	u.RawQuery = q
	return u.String(), nil
}

// newID is a fresh SAML ID: an underscore (an xs:ID must not start with a
// digit) and 160 random bits, so no two requests ever share one.
func newID() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "_" + hex.EncodeToString(b)
}

// newRelayState is short (16 characters, well under SAML's 80 bytes) and
// URL-safe, so it needs no escaping anywhere; it only lets the live test
// see whether the IdP carried it back.
func newRelayState() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
