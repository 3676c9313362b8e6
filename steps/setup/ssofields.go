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

// rowKind says what e does on a row of the SSO tab.
type rowKind int

const (
	rowFixed  rowKind = iota // nothing to change here
	rowIdP                   // the IdP Entity ID: an editor
	rowNameID                // a customizable profile's NameID field: an editor
	rowFormat                // NameID Format: e moves to the next of JumpCloud's four
	rowSign                  // Sign: e moves to the next choice
	rowAttr                  // an attribute: an editor, x removes it
)

// ssoRow is one line of the SSO tab and what can be changed on it.
type ssoRow struct {
	tui.Field
	kind rowKind
	attr int // for rowAttr, its index in the attributes
}

// ssoFields lists the SSO tab's fields in the console's order, each with
// the exact value to enter and why it matters. A customizable profile's
// choices are editable rows.
func ssoFields(p *profile.Profile, a ssoconfig.Answers, spEntityID string, acs []string) []ssoRow {
	name := a.App(p)
	custom := p.Customizable
	idp := ssoRow{kind: rowIdP, Field: tui.Field{
		Label: profile.LabelIdPEntityID,
		Value: a.IdPEntityID,
		Why:   "Becomes the metadata's entityID and the Issuer of every assertion. " + p.IdPEntityID.Note,
	}}
	if a.IdPEntityID == "" {
		idp.Display = "(press e to type one)"
	}
	idp.Warn = idpWarning(a.IdPEntityID, spEntityID)

	rows := []ssoRow{idp, {Field: tui.Field{
		Label: profile.LabelSPEntityID,
		Value: spEntityID,
		Why:   "Must match " + name + " exactly (case too); a typo fails every login with an audience error.",
	}}}
	for i, u := range acs {
		label := profile.LabelACSURL
		if len(acs) > 1 {
			label = profile.LabelACSURL + " " + strconv.Itoa(i+1)
		}
		rows = append(rows, ssoRow{Field: tui.Field{Label: label, Value: u,
			Why: "Where JumpCloud sends the signed answer through the user's browser; the first one is the default."}})
	}
	s := a.SAML(p)
	choose := func(k rowKind) rowKind {
		if custom {
			return k
		}
		return rowFixed
	}
	nameIDWhy := "The user's e-mail becomes the name " + name + " matches its accounts on."
	if s.NameID != profile.NameIDEmail {
		nameIDWhy = "The JumpCloud user field " + name + " matches its accounts on."
	}
	if custom {
		nameIDWhy += " e changes it (a JumpCloud user field, such as email or username)."
	}
	rows = append(rows,
		ssoRow{kind: choose(rowNameID), Field: tui.Field{Label: profile.LabelNameID, Value: profile.NameIDLabel(s.NameID), Why: nameIDWhy}},
		ssoRow{kind: choose(rowFormat), Field: tui.Field{Label: profile.LabelNameIDFormat, Value: s.NameIDFormat,
			Why: formatWhy(name, s.NameIDFormat, custom)}},
		ssoRow{Field: tui.Field{Label: profile.LabelSignatureAlgorithm, Value: profile.SignatureAlgorithmLabel(s.SignatureAlgorithm),
			Why: "SHA-256 signatures; SHA-1 is refused by many service providers."}},
		ssoRow{kind: choose(rowSign), Field: tui.Field{Label: profile.LabelSign, Value: profile.SignLabel(s.Sign),
			Why: signWhy(name, custom)}},
		ssoRow{Field: tui.Field{Label: profile.LabelDefaultRelayState, Value: p.ServiceProvider.DefaultRelayState, Display: orNone(p.ServiceProvider.DefaultRelayState),
			Why: "The page a user lands on after signing in from JumpCloud's portal."}},
		ssoRow{Field: tui.Field{Label: profile.LabelLoginURL, Value: p.ServiceProvider.LoginURL, Display: orNone(p.ServiceProvider.LoginURL),
			Why: "Where JumpCloud's user portal sends users to start a sign-in."}},
		ssoRow{Field: tui.Field{Label: profile.LabelDeclareRedirectEndpoint, Display: profile.TickLabel(s.DeclareRedirectEndpoint),
			Why: "Adds the HTTP-Redirect sign-in endpoint to the metadata; without it only HTTP-POST is offered."}},
		ssoRow{Field: tui.Field{Label: profile.LabelIdPURL, Value: profile.DefaultIdPURL(name),
			Why:  "The default is fine. Its last part is the app's name in URLs.",
			Warn: "this name cannot be changed after the app is created"}},
	)
	for i, at := range s.Attributes {
		r := ssoRow{kind: choose(rowAttr), attr: i, Field: tui.Field{Label: "Attribute " + at.Name, Value: at.Name,
			Display: at.Name + "  ←  JumpCloud " + at.JumpCloud,
			Why:     "Add attribute: Service Provider Attribute Name " + at.Name + ", JumpCloud Attribute Name " + at.JumpCloud + "."}}
		if custom {
			r.Why += " e changes it, x removes it."
		}
		rows = append(rows, r)
	}
	if custom && len(s.Attributes) == 0 {
		rows = append(rows, ssoRow{Field: tui.Field{Label: "Attributes", Display: "none: a adds one",
			Why: "Attributes carry user fields beside the NameID (e-mail, names, groups); add those the service provider reads."}})
	}
	rows = append(rows,
		ssoRow{Field: tui.Field{Label: "Then: Save", Display: "click Save at the bottom of the SSO tab",
			Why: "Export before saving gives metadata that still says “IdP Entity ID”."}},
		ssoRow{Field: tui.Field{Label: "Then: Activate", Display: "click Activate",
			Why: "Activation creates the signing certificate and key the metadata carries."}},
	)
	return rows
}

func formatWhy(name, format string, custom bool) string {
	why := "Tells " + name + " the NameID is an e-mail address."
	if format != profile.NameIDFormatEmail {
		why = "Tells " + name + " what kind of name the NameID is."
	}
	if custom {
		why += " e moves to the next of JumpCloud's four formats."
	}
	return why
}

func signWhy(name string, custom bool) string {
	why := "Which parts JumpCloud signs; " + name + " checks these signatures."
	if custom {
		why += " e moves to the next choice (Assertion and Response is the safest)."
	}
	return why
}

// idpWarning is the live verdict on the IdP Entity ID, or "": the same
// rules the write refuses by (ssoconfig.CheckAnswers).
func idpWarning(idp, sp string) string {
	switch {
	case idp == "":
		return "type a value unique to your organisation, such as jumpcloud-acmecorp"
	case rules.IsJumpCloudPlaceholder(idp):
		return "is JumpCloud's placeholder, not a value; type one unique to your organisation, such as jumpcloud-acmecorp"
	case sp != "" && rules.SameEntityID(idp, sp):
		return "equals the SP Entity ID; the two must differ or the service provider rejects the metadata"
	case strings.TrimSpace(idp) != idp || strings.ContainsAny(idp, " \t"):
		return "contains spaces; the same exact string must reach the service provider"
	}
	return ""
}

// next returns the choice after cur in list, wrapping around.
func nextChoice(list []string, cur string) string {
	for i, c := range list {
		if c == cur {
			return list[(i+1)%len(list)]
		}
	}
	return list[0]
}
