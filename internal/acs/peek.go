package acs

import (
	"crypto/sha256"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// arrival is what the listener reads from a posted response before the
// inspection: enough to match it to the request, refuse a replay, and say
// which ACS URL the IdP wrote. These values are unverified; the verdict is
// the inspection's.
type arrival struct {
	// readable is false when the value is not a decodable SAML document;
	// such a response is still accepted and inspected (response.decode).
	readable     bool
	digest       [32]byte // of the decoded XML: the same response re-encoded is still a replay
	responseID   string
	inResponseTo string
	destination  string
	recipients   []string
	assertionIDs []string
}

// peek decodes a SAMLResponse form value with the engine's own decoder and
// defensive parser, and reads the values above.
func peek(value string) arrival {
	xml, _, err := response.Decode([]byte(value))
	if err != nil {
		return arrival{}
	}
	a := arrival{digest: sha256.Sum256(xml)}
	doc, err := response.ParseXML(xml)
	if err != nil || doc.Root() == nil {
		return a
	}
	root := doc.Root()
	if !isElem(root, nsProtocol, "Response") {
		return a
	}
	a.readable = true
	a.responseID = root.SelectAttrValue("ID", "")
	a.inResponseTo = strings.TrimSpace(root.SelectAttrValue("InResponseTo", ""))
	a.destination = root.SelectAttrValue("Destination", "")
	for _, as := range children(root, nsAssertion, "Assertion") {
		if id := as.SelectAttrValue("ID", ""); id != "" {
			a.assertionIDs = append(a.assertionIDs, id)
		}
		for _, sc := range children(children1(as, nsAssertion, "Subject"), nsAssertion, "SubjectConfirmation") {
			for _, d := range children(sc, nsAssertion, "SubjectConfirmationData") {
				if r := d.SelectAttr("Recipient"); r != nil {
					a.recipients = append(a.recipients, r.Value)
				}
				if a.inResponseTo == "" {
					a.inResponseTo = strings.TrimSpace(d.SelectAttrValue("InResponseTo", ""))
				}
			}
		}
	}
	return a
}

// isElem matches by namespace URI, never by the prefix's spelling.
func isElem(el *etree.Element, ns, local string) bool {
	return el != nil && el.Tag == local && el.NamespaceURI() == ns
}

func children(el *etree.Element, ns, local string) []*etree.Element {
	if el == nil {
		return nil
	}
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if isElem(c, ns, local) {
			out = append(out, c)
		}
	}
	return out
}

func children1(el *etree.Element, ns, local string) *etree.Element {
	if c := children(el, ns, local); len(c) > 0 {
		return c[0]
	}
	return nil
}
