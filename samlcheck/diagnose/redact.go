package diagnose

import (
	"fmt"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// removedValue replaces a signature's values in a response kept for a
// report.
const removedValue = "(removed by jcsso)"

// withoutSignatureValues is a response's XML with the text of every
// ds:SignatureValue and ds:DigestValue replaced: a report may carry the
// response when asked to, never its signature values (with them, the
// response is a credential anyone could replay until it expires).
func withoutSignatureValues(xml []byte) ([]byte, error) {
	doc, err := xmlsafe.ParseXML(xml)
	if err != nil {
		return nil, fmt.Errorf("the response cannot be read again: %w", err)
	}
	xmlsafe.Walk(doc.Root(), func(el *etree.Element) {
		if xmlsafe.IsElem(el, xmlsafe.NSDSig, "SignatureValue") || xmlsafe.IsElem(el, xmlsafe.NSDSig, "DigestValue") {
			el.SetText(removedValue)
		}
	})
	doc.Indent(2)
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("the response cannot be written: %w", err)
	}
	return out, nil
}
