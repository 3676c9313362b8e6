package response_test

import (
	"context"
	"crypto/x509"
	"strings"
	"testing"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// TestVerificationLeavesTheDocument: verifying a signature changes nothing
// of the document once done, in place or on a copy (with comments), so the
// Response and its Assertion verify in either order, and the value checks
// still see what arrived.
func TestVerificationLeavesTheDocument(t *testing.T) {
	kp := testKey(t, 0)
	plain := string(signedBoth(t, kp, samltest.ResponseOptions{}))
	commented := strings.Replace(plain, "<saml2:Subject>", "<!-- a note --><saml2:Subject>", 1)
	// The Response's own SignatureValue (the first): the Assertion's is
	// covered by the Response's digest.
	spaced := strings.Replace(plain, "<ds:SignatureValue>", "<ds:SignatureValue>&#13;\n    ", 1)
	for name, xml := range map[string]string{"plain": plain, "a comment inside": commented, "spaced SignatureValue": spaced} {
		for _, assertionFirst := range []bool{false, true} {
			doc, err := xmlsafe.ParseXML([]byte(xml))
			if err != nil {
				t.Fatal(err)
			}
			before, _ := doc.WriteToString()
			root := doc.Root()
			a := xmlsafe.Child(root, xmlsafe.NSAssertion, "Assertion")
			trusted := []*x509.Certificate{kp.Cert}
			order := []*etree.Element{root, a}
			if assertionFirst {
				order = []*etree.Element{a, root}
			}
			for _, el := range order {
				if ok, problem := response.VerifyOwnSignature(context.Background(), el, el == root, trusted, samltest.DefaultIssueInstant); !ok {
					t.Errorf("%s (assertion first %v): not verified: %s", name, assertionFirst, problem)
				}
			}
			if after, _ := doc.WriteToString(); after != before {
				t.Errorf("%s (assertion first %v): the document changed:\nbefore %s\nafter  %s", name, assertionFirst, before, after)
			}
		}
	}
}
