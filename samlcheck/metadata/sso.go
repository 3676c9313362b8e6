package metadata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// checkSSO reports sso.missing, sso.url, sso.not-jumpcloud and
// sso.no-redirect, and records the endpoints in the report.
func (c *mdChecker) checkSSO(idp *etree.Element) {
	var hasPOST, hasRedirect bool
	var bindings []string
	for _, s := range xmlsafe.Children(idp, xmlsafe.NSMetadata, "SingleSignOnService") {
		ep := samlcheck.Endpoint{Binding: s.SelectAttrValue("Binding", ""), URL: s.SelectAttrValue("Location", "")}
		c.report.IdP.SSO = append(c.report.IdP.SSO, ep)
		switch ep.Binding {
		case rules.BindingPOST:
			hasPOST = true
		case rules.BindingRedirect:
			hasRedirect = true
		default:
			bindings = append(bindings, ep.Binding)
		}
	}
	if !hasPOST && !hasRedirect {
		got := "none"
		if len(bindings) > 0 {
			got = "only " + strings.Join(bindings, ", ")
		}
		c.add(samlcheck.IDSSOMissing, samlcheck.SeverityFail, fmt.Sprintf("expected a SingleSignOnService with the HTTP-POST or HTTP-Redirect binding, got %s", got))
	} else {
		c.add(samlcheck.IDSSOMissing, samlcheck.SeverityPass, "the IdP has a SingleSignOnService with the "+bindingNames(hasPOST, hasRedirect)+" binding")
	}

	// Every sign-on Location is checked, whatever its binding: a browser
	// or a service provider may follow any of them.
	checked, bad, plain := 0, 0, 0
	for _, ep := range c.report.IdP.SSO {
		checked++
		switch p := browserURLProblem(ep.URL); {
		case p != "":
			bad++
			c.add(samlcheck.IDSSOURL, samlcheck.SeverityFail, fmt.Sprintf("expected an absolute https sign-on URL, got %q (%s binding): %s", words.Truncate(ep.URL, 120), bindingShort(ep.Binding), p))
		case plainHTTP(ep.URL):
			plain++
		}
	}
	switch {
	case checked > 0 && bad == 0 && plain == 0:
		c.add(samlcheck.IDSSOURL, samlcheck.SeverityPass, fmt.Sprintf("every sign-on Location is an absolute https URL (%d checked)", checked))
	case checked > 0 && bad == 0:
		c.add(samlcheck.IDSSOURL, samlcheck.SeverityPass, fmt.Sprintf("every sign-on Location is an absolute https URL or plain http to a loopback host, accepted for local tests only (%d checked, %d plain http)", checked, plain))
	}

	seen := map[string]bool{}
	jc := 0
	for _, ep := range c.report.IdP.SSO {
		if (ep.Binding != rules.BindingPOST && ep.Binding != rules.BindingRedirect) || seen[ep.URL] || browserURLProblem(ep.URL) != "" {
			continue
		}
		seen[ep.URL] = true
		if isJumpCloudSSOURL(ep.URL) {
			jc++
			continue
		}
		c.add(samlcheck.IDSSONotJumpCloud, samlcheck.SeverityWarn, fmt.Sprintf("expected JumpCloud's sign-on URL https://sso.jumpcloud.com/saml2/<name>, got %q: this metadata may not come from JumpCloud", ep.URL))
	}
	if len(seen) > 0 && jc == len(seen) {
		c.add(samlcheck.IDSSONotJumpCloud, samlcheck.SeverityPass, "the sign-on URL has JumpCloud's form https://sso.jumpcloud.com/saml2/<name>")
	}

	switch {
	case hasRedirect:
		c.add(samlcheck.IDSSONoRedirect, samlcheck.SeverityPass, "the IdP accepts requests by HTTP-Redirect as well")
	case hasPOST:
		c.add(samlcheck.IDSSONoRedirect, samlcheck.SeverityWarn, "expected both HTTP-POST and HTTP-Redirect sign-on endpoints, got HTTP-POST only: Declare Redirect Endpoint was not ticked, so service providers that send requests by redirect will fail")
	}
}

// checkAppName reports sso.app-name: an organisation with several
// JumpCloud applications easily exports the wrong one's metadata, and the
// sign-on URL names the application (https://sso.jumpcloud.com/saml2/NAME).
// It is a warning: the name is whatever the admin chose at creation.
func (c *mdChecker) checkAppName() {
	want, ok := givenAppName(c.opts.AppName)
	var names []string
	for _, ep := range c.report.IdP.SSO {
		if n := jumpCloudAppName(ep.URL); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	switch {
	case !ok:
		c.add(samlcheck.IDSSOAppName, samlcheck.SeverityInfo, fmt.Sprintf("not checked: the application expected, %q, is a URL but not a JumpCloud IdP URL https://sso.jumpcloud.com/saml2/<name>, so it names no application", words.Truncate(samlcheck.RedactURL(c.opts.AppName), 120)))
		return
	case want == "":
		c.add(samlcheck.IDSSOAppName, samlcheck.SeverityInfo, c.opts.Inputs.NotGiven("the JumpCloud application's name (the last part of its IdP URL https://sso.jumpcloud.com/saml2/<name>)", samlcheck.InputAppName))
		return
	case len(names) == 0:
		c.add(samlcheck.IDSSOAppName, samlcheck.SeverityInfo, fmt.Sprintf("not checked: no sign-on URL has JumpCloud's form, so none names an application (expected %q)", want))
		return
	}
	for _, n := range names {
		if !strings.EqualFold(n, want) {
			fix := ""
			if how := c.opts.Inputs.How(samlcheck.InputAppName); how != "" {
				row, _ := samlcheck.MetadataTable().Lookup(samlcheck.IDSSOAppName)
				fix = row.Fix + " To expect that name instead, give it with " + how + "."
			}
			c.addFix(samlcheck.IDSSOAppName, samlcheck.SeverityWarn, fmt.Sprintf("the sign-on URL names the JumpCloud application %q, expected %q: with several applications in JumpCloud, this is likely another application's metadata", n, want), fix)
			return
		}
	}
	c.add(samlcheck.IDSSOAppName, samlcheck.SeverityPass, fmt.Sprintf("the sign-on URL names the JumpCloud application %q, as expected", want))
}

func bindingNames(post, redirect bool) string {
	switch {
	case post && redirect:
		return "HTTP-POST and HTTP-Redirect"
	case post:
		return "HTTP-POST"
	}
	return "HTTP-Redirect"
}

// bindingShort names a binding URI by its last part ("HTTP-POST").
func bindingShort(b string) string {
	if b == "" {
		return "no"
	}
	return rules.BindingName(b)
}

// checkACS reports acs.url: the service provider's ACS URL, when given,
// must be a usable https URL and must not be the IdP's own sign-on URL (a
// swap that sends every response back to JumpCloud).
func (c *mdChecker) checkACS() {
	acs := c.opts.ACSURL
	if acs == "" {
		c.add(samlcheck.IDACSURL, samlcheck.SeverityInfo, c.opts.Inputs.NotGiven("the service provider's ACS URL", samlcheck.InputACSURL))
		return
	}
	if p := browserURLProblem(acs); p != "" {
		c.add(samlcheck.IDACSURL, samlcheck.SeverityFail, fmt.Sprintf("expected the ACS URL to be an absolute https URL, got %q: %s", words.Truncate(acs, 120), p))
		return
	}
	for _, ep := range c.report.IdP.SSO {
		if strings.EqualFold(strings.TrimRight(ep.URL, "/"), strings.TrimRight(acs, "/")) {
			c.add(samlcheck.IDACSURL, samlcheck.SeverityFail, fmt.Sprintf("the ACS URL %q is the IdP's own sign-on URL; it must be the service provider's address that receives the response", acs))
			return
		}
	}
	c.add(samlcheck.IDACSURL, samlcheck.SeverityPass, fmt.Sprintf("the ACS URL %q is %s, distinct from the IdP's sign-on URL", acs, urlKind(acs)))
}

// NameID formats that carry an e-mail address, or let the IdP choose
// (which JumpCloud fills with the e-mail when NameID is set to Email).
const (
	nameIDEmail         = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	nameIDUnspecified   = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
	nameIDUnspecified10 = "urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified"
)

// checkNameIDFormats reports nameid.format. No NameIDFormat at all is
// info, not pass: the metadata then does not restrict the format, but it
// cannot show that JumpCloud will send the e-mail either.
func (c *mdChecker) checkNameIDFormats(idp *etree.Element) {
	for _, f := range xmlsafe.Children(idp, xmlsafe.NSMetadata, "NameIDFormat") {
		c.report.IdP.NameIDFormats = append(c.report.IdP.NameIDFormats, strings.TrimSpace(f.Text()))
	}
	formats := c.report.IdP.NameIDFormats
	switch {
	case c.opts.NameIDNotEmail:
		c.add(samlcheck.IDNameIDFormat, samlcheck.SeverityInfo, "not checked: the service provider does not match users by e-mail")
	case len(formats) == 0:
		c.add(samlcheck.IDNameIDFormat, samlcheck.SeverityInfo, "the metadata advertises no NameIDFormat, so it cannot show which format JumpCloud sends; the service provider matches users by e-mail, so SAMLSubject NameID Format should be emailAddress or unspecified")
	default:
		for _, f := range formats {
			switch f {
			case nameIDEmail, nameIDUnspecified, nameIDUnspecified10, "urn:oasis:names:tc:SAML:1.0:nameid-format:emailAddress":
				c.add(samlcheck.IDNameIDFormat, samlcheck.SeverityPass, "the IdP offers the NameID format "+f+", which can carry the user's e-mail")
				return
			}
		}
		c.add(samlcheck.IDNameIDFormat, samlcheck.SeverityWarn, fmt.Sprintf("expected emailAddress or unspecified among the NameID formats, got %s: the service provider matches users by e-mail and may not find them", strings.Join(formats, ", ")))
	}
}

// checkSignedRequests reports authn.signed-requests and records the flag.
func (c *mdChecker) checkSignedRequests(idp *etree.Element) {
	v := strings.TrimSpace(idp.SelectAttrValue("WantAuthnRequestsSigned", ""))
	want := v == "true" || v == "1"
	c.report.IdP.WantAuthnRequestsSigned = want
	if want {
		c.add(samlcheck.IDAuthnSignedRequests, samlcheck.SeverityWarn, "WantAuthnRequestsSigned is \"true\": the IdP accepts only signed authentication requests, so the service provider must sign them and its certificate must be uploaded to JumpCloud")
		return
	}
	c.add(samlcheck.IDAuthnSignedRequests, samlcheck.SeverityPass, "the IdP does not require signed authentication requests")
}
