package setup

import (
	"strconv"
	"strings"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/rules"
	"github.com/jcsso/jcsso/tui"
)

// idpRow is the index of the IdP Entity ID, the one field the admin chooses.
const idpRow = 0

// ssoFields lists the SSO tab's fields in the console's order, each with
// the exact value to enter and why it matters.
func ssoFields(p *profile.Profile, a ssoconfig.Answers, spEntityID string, acs []string) []tui.Field {
	idp := tui.Field{
		Label: profile.LabelIdPEntityID,
		Value: a.IdPEntityID,
		Why:   "Becomes the metadata's entityID and the Issuer of every assertion. " + p.IdPEntityID.Note,
	}
	if a.IdPEntityID == "" {
		idp.Display = "(press e to type one)"
	}
	idp.Warn = idpWarning(a.IdPEntityID, spEntityID)

	fields := []tui.Field{idp, {
		Label: profile.LabelSPEntityID,
		Value: spEntityID,
		Why:   "Must match " + p.Name + " exactly (case too); a typo fails every login with an audience error.",
	}}
	for i, u := range acs {
		label := profile.LabelACSURL
		if len(acs) > 1 {
			label = profile.LabelACSURL + " " + strconv.Itoa(i+1)
		}
		fields = append(fields, tui.Field{Label: label, Value: u,
			Why: "Where JumpCloud sends the signed answer through the user's browser; the first one is the default."})
	}
	s := p.SAML
	fields = append(fields,
		tui.Field{Label: profile.LabelNameID, Value: profile.NameIDLabel(s.NameID),
			Why: "The user's e-mail becomes the name " + p.Name + " matches its accounts on."},
		tui.Field{Label: profile.LabelNameIDFormat, Value: s.NameIDFormat,
			Why: "Tells " + p.Name + " the NameID is an e-mail address."},
		tui.Field{Label: profile.LabelSignatureAlgorithm, Value: profile.SignatureAlgorithmLabel(s.SignatureAlgorithm),
			Why: "SHA-256 signatures; SHA-1 is refused by many service providers."},
		tui.Field{Label: profile.LabelSign, Value: profile.SignLabel(s.Sign),
			Why: "Which parts JumpCloud signs; " + p.Name + " checks these signatures."},
		tui.Field{Label: profile.LabelDefaultRelayState, Value: p.ServiceProvider.DefaultRelayState, Display: orNone(p.ServiceProvider.DefaultRelayState),
			Why: "The page a user lands on after signing in from JumpCloud's portal."},
		tui.Field{Label: profile.LabelLoginURL, Value: p.ServiceProvider.LoginURL, Display: orNone(p.ServiceProvider.LoginURL),
			Why: "Where JumpCloud's user portal sends users to start a sign-in."},
		tui.Field{Label: profile.LabelDeclareRedirectEndpoint, Display: profile.TickLabel(s.DeclareRedirectEndpoint),
			Why: "Adds the HTTP-Redirect sign-in endpoint to the metadata; without it only HTTP-POST is offered."},
		tui.Field{Label: profile.LabelIdPURL, Value: profile.DefaultIdPURL(p.Name),
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
	case sp != "" && rules.SameEntityID(idp, sp):
		return "equals the SP Entity ID; the two must differ or the service provider rejects the metadata"
	case strings.TrimSpace(idp) != idp || strings.ContainsAny(idp, " \t"):
		return "contains spaces; the same exact string must reach the service provider"
	}
	return ""
}
