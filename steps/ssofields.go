package steps

import (
	"strconv"
	"strings"

	"github.com/jcsso/jcsso/profile"
	"github.com/jcsso/jcsso/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// idpRow is the index of the IdP Entity ID, the one field the admin chooses.
const idpRow = 0

// ssoFields lists the SSO tab's fields in the console's order, each with
// the exact value to enter and why it matters.
func ssoFields(p *profile.Profile, a ssoconfig.Answers, spEntityID string, acs []string) []tui.Field {
	idp := tui.Field{
		Label: "IdP Entity ID",
		Value: a.IdPEntityID,
		Why:   "Becomes the metadata's entityID and the Issuer of every assertion. " + p.IdPEntityID.Note,
	}
	if a.IdPEntityID == "" {
		idp.Display = "(press e to type one)"
	}
	idp.Warn = idpWarning(a.IdPEntityID, spEntityID)

	fields := []tui.Field{idp, {
		Label: "SP Entity ID",
		Value: spEntityID,
		Why:   "Must match " + p.Name + " exactly (case too); a typo fails every login with an audience error.",
	}}
	for i, u := range acs {
		label := "ACS URL"
		if len(acs) > 1 {
			label = "ACS URL " + strconv.Itoa(i+1)
		}
		fields = append(fields, tui.Field{Label: label, Value: u,
			Why: "Where JumpCloud sends the signed answer through the user's browser; the first one is the default."})
	}
	s := p.SAML
	fields = append(fields,
		tui.Field{Label: "SAMLSubject NameID", Value: nameIDLabel(s.NameID),
			Why: "The user's e-mail becomes the name " + p.Name + " matches its accounts on."},
		tui.Field{Label: "SAMLSubject NameID Format", Value: s.NameIDFormat,
			Why: "Tells " + p.Name + " the NameID is an e-mail address."},
		tui.Field{Label: "Signature Algorithm", Value: sigLabel(s.SignatureAlgorithm),
			Why: "SHA-256 signatures; SHA-1 is refused by many service providers."},
		tui.Field{Label: "Sign", Value: signLabel(s.Sign),
			Why: "Which parts JumpCloud signs; " + p.Name + " checks these signatures."},
		tui.Field{Label: "Default RelayState", Value: p.ServiceProvider.DefaultRelayState, Display: orNone(p.ServiceProvider.DefaultRelayState),
			Why: "The page a user lands on after signing in from JumpCloud's portal."},
		tui.Field{Label: "Login URL", Value: p.ServiceProvider.LoginURL, Display: orNone(p.ServiceProvider.LoginURL),
			Why: "Where JumpCloud's user portal sends users to start a sign-in."},
		tui.Field{Label: "Declare Redirect Endpoint", Display: tickLabel(s.DeclareRedirectEndpoint),
			Why: "Adds the HTTP-Redirect sign-in endpoint to the metadata; without it only HTTP-POST is offered."},
		tui.Field{Label: "IdP URL", Value: "https://sso.jumpcloud.com/saml2/" + profile.AppSlug(p.Name),
			Why:  "The default is fine. Its last part is the app's name in URLs.",
			Warn: "this name cannot be changed after the app is created"},
	)
	for _, at := range s.Attributes {
		fields = append(fields, tui.Field{Label: "Attribute " + at.Name, Value: at.Name,
			Display: at.Name + "  ←  JumpCloud " + at.JumpCloud,
			Why:     "Add attribute: Service Provider Attribute Name " + at.Name + ", JumpCloud Attribute Name " + at.JumpCloud + "."})
	}
	fields = append(fields,
		tui.Field{Label: "Then: Save", Display: "click Save at the bottom of the SSO tab",
			Why: "Export before saving gives metadata that still says “IdP Entity ID”."},
		tui.Field{Label: "Then: Activate", Display: "click Activate",
			Why: "Activation creates the signing certificate and key the metadata carries."},
	)
	return fields
}

// idpWarning is the live warning for the IdP Entity ID, or "".
func idpWarning(idp, sp string) string {
	switch {
	case idp == "":
		return "type a value unique to your organisation, such as jumpcloud-acmecorp"
	case sp != "" && idp == sp:
		return "equals the SP Entity ID; the two must differ or the service provider rejects the metadata"
	case strings.TrimSpace(idp) != idp || strings.ContainsAny(idp, " \t"):
		return "contains spaces; the same exact string must reach the service provider"
	}
	return ""
}

func nameIDLabel(v string) string {
	if v == profile.NameIDEmail || v == "" {
		return "Email"
	}
	return v
}

func sigLabel(v string) string {
	switch v {
	case profile.SigRSASHA1:
		return "RSA-SHA1"
	default:
		return "RSA-SHA256"
	}
}

func signLabel(v string) string {
	switch v {
	case profile.SignAssertion:
		return "Assertion"
	case profile.SignResponse:
		return "Response"
	default:
		return "Assertion and Response"
	}
}

func tickLabel(b bool) string {
	if b {
		return "ticked"
	}
	return "not ticked"
}
