package response

import (
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// parseSAMLTime reads an xs:dateTime as SAML writes it: UTC with a Z,
// fractional seconds optional. A time without a zone is taken as UTC, as
// some IdPs omit the Z.
func parseSAMLTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time such as 2025-06-02T10:00:00Z", s)
}

// isEmailAttributeName says whether an attribute's Name or FriendlyName is
// one IdPs use for the e-mail address: email, mail, emailaddress (any case),
// their URI forms (…/claims/emailaddress), and the LDAP mail OID.
func isEmailAttributeName(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "urn:oid:0.9.2342.19200300.100.1.3" {
		return true
	}
	if i := strings.LastIndexAny(n, "/:#"); i >= 0 {
		n = n[i+1:]
	}
	switch n {
	case "email", "mail", "emailaddress", "e-mail", "email_address", "emailaddr", "user.email", "useremail":
		return true
	}
	return false
}

// nearMiss explains how two identifiers that differ are nonetheless close:
// a trailing slash, http versus https, letter case, surrounding spaces.
// It returns "" when they are not close.
func nearMiss(expected, actual string) string {
	e, a := expected, actual
	var diffs []string
	if strings.TrimSpace(e) != e || strings.TrimSpace(a) != a {
		diffs = append(diffs, "spaces around the value")
		e, a = strings.TrimSpace(e), strings.TrimSpace(a)
	}
	if strings.HasSuffix(e, "/") != strings.HasSuffix(a, "/") {
		diffs = append(diffs, "a trailing slash")
		e, a = strings.TrimRight(e, "/"), strings.TrimRight(a, "/")
	}
	if se, restE := cutHTTPScheme(e); se != "" {
		if sa, restA := cutHTTPScheme(a); sa != "" && sa != se {
			diffs = append(diffs, "http versus https")
			e, a = restE, restA
		}
	}
	if e != a && strings.EqualFold(e, a) {
		diffs = append(diffs, "upper and lower case (the value is case-sensitive)")
		e = a
	}
	if e != a || len(diffs) == 0 {
		return ""
	}
	return "a near miss: they differ only by " + strings.Join(diffs, " and ")
}

// cutHTTPScheme splits "https://x" into "https" and "x"; other strings
// give "".
func cutHTTPScheme(s string) (scheme, rest string) {
	for _, sc := range []string{"https", "http"} {
		if len(s) > len(sc)+3 && strings.EqualFold(s[:len(sc)+3], sc+"://") {
			return sc, s[len(sc)+3:]
		}
	}
	return "", s
}

// assertionValues are the values read from the one Assertion the report
// describes, and from its Response.
type assertionValues struct {
	issuer       string
	hasIssuer    bool
	nameID       *etree.Element
	encryptedID  bool
	audiences    []string
	restrictions [][]string
	notBefore    string
	notOnOrAfter string
	hasCond      bool
	// confirmations are the SubjectConfirmationData elements.
	confirmations []*etree.Element
	attributes    map[string][]string
	attrOrder     []string
	issueInstant  string
}

// readAssertion collects what the checks need from an Assertion.
func readAssertion(a *etree.Element) assertionValues {
	v := assertionValues{attributes: map[string][]string{}}
	if a == nil {
		return v
	}
	iss := xmlsafe.Child(a, xmlsafe.NSAssertion, "Issuer")
	v.issuer, v.hasIssuer = xmlsafe.Text(iss), iss != nil
	v.issueInstant = xmlsafe.Attr(a, "IssueInstant")
	subj := xmlsafe.Child(a, xmlsafe.NSAssertion, "Subject")
	v.nameID = xmlsafe.Child(subj, xmlsafe.NSAssertion, "NameID")
	v.encryptedID = xmlsafe.Child(subj, xmlsafe.NSAssertion, "EncryptedID") != nil
	for _, sc := range xmlsafe.Children(subj, xmlsafe.NSAssertion, "SubjectConfirmation") {
		v.confirmations = append(v.confirmations, xmlsafe.Children(sc, xmlsafe.NSAssertion, "SubjectConfirmationData")...)
	}
	if cond := xmlsafe.Child(a, xmlsafe.NSAssertion, "Conditions"); cond != nil {
		v.hasCond = true
		v.notBefore, v.notOnOrAfter = xmlsafe.Attr(cond, "NotBefore"), xmlsafe.Attr(cond, "NotOnOrAfter")
		for _, ar := range xmlsafe.Children(cond, xmlsafe.NSAssertion, "AudienceRestriction") {
			var list []string
			for _, au := range xmlsafe.Children(ar, xmlsafe.NSAssertion, "Audience") {
				list = append(list, xmlsafe.Text(au))
			}
			v.restrictions = append(v.restrictions, list)
			v.audiences = append(v.audiences, list...)
		}
	}
	for _, st := range xmlsafe.Children(a, xmlsafe.NSAssertion, "AttributeStatement") {
		for _, at := range xmlsafe.Children(st, xmlsafe.NSAssertion, "Attribute") {
			name := xmlsafe.Attr(at, "Name")
			if _, seen := v.attributes[name]; !seen {
				v.attrOrder = append(v.attrOrder, name)
				v.attributes[name] = []string{}
			}
			for _, val := range xmlsafe.Children(at, xmlsafe.NSAssertion, "AttributeValue") {
				v.attributes[name] = append(v.attributes[name], xmlsafe.Text(val))
			}
		}
	}
	return v
}

// emailAttribute returns the first e-mail-looking value of an attribute
// whose name is one of the usual e-mail names, with that name.
func emailAttribute(a *etree.Element) (value, name string) {
	for _, st := range xmlsafe.Children(a, xmlsafe.NSAssertion, "AttributeStatement") {
		for _, at := range xmlsafe.Children(st, xmlsafe.NSAssertion, "Attribute") {
			if !isEmailAttributeName(xmlsafe.Attr(at, "Name")) && !isEmailAttributeName(xmlsafe.Attr(at, "FriendlyName")) {
				continue
			}
			for _, val := range xmlsafe.Children(at, xmlsafe.NSAssertion, "AttributeValue") {
				if t := xmlsafe.Text(val); rules.IsEmailAddress(t) {
					return t, xmlsafe.Attr(at, "Name")
				}
			}
		}
	}
	return "", ""
}
