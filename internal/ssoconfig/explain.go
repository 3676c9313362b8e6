package ssoconfig

import (
	"fmt"
	"slices"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// Explain words a metadata check's findings for the admin who gave the
// answers, in the profile's terms: the engine's fix for an export made
// before the app was saved is generic ("give the new file to the service
// provider"), while the admin needs the exact IdP Entity ID they chose and
// what their SP is given (Avoma's support gets the Metadata URL, no file).
// One cause gives one failure: the placeholder implies the mismatch with
// the chosen IdP Entity ID, so the mismatch becomes a sentence inside it.
// The ids are kept, so overrides and scripts still match the engine's. The
// wizard shows these, and NEXT-STEPS.md lists them first when the admin
// continued past one; the findings recorded in sso-config stay the engine's.
func Explain(p *profile.Profile, a Answers, rep *metadata.Report) samlcheck.Findings {
	if rep == nil {
		return nil
	}
	fs := rep.Findings
	out := make(samlcheck.Findings, 0, len(fs))
	placeholder := failed(fs, samlcheck.IDEntityIDPlaceholder)
	for _, f := range fs {
		switch {
		case placeholder && f.ID == samlcheck.IDEntityIDMismatch && f.Severity == samlcheck.SeverityFail:
			continue // told inside the placeholder's finding
		case f.ID == samlcheck.IDEntityIDPlaceholder && f.Severity == samlcheck.SeverityFail:
			f.Message, f.Fix = placeholderWords(p, a, rep.IdP.EntityID, failed(fs, samlcheck.IDEntityIDMismatch))
		}
		out = append(out, f)
	}
	return out
}

// ExplainedOverrides are the engine's failed ids an admin continues past
// when deciding on the failures as Explain words them (`setup --yes
// --override ID`): continuing past the placeholder continues past the
// mismatch told inside it, so one cause needs one decision, as the
// wizard's o makes it. Every other id is kept as given.
func ExplainedOverrides(fs samlcheck.Findings, overrides []string) []string {
	out := slices.Clone(overrides)
	if slices.Contains(out, samlcheck.IDEntityIDPlaceholder) && failed(fs, samlcheck.IDEntityIDPlaceholder) &&
		failed(fs, samlcheck.IDEntityIDMismatch) && !slices.Contains(out, samlcheck.IDEntityIDMismatch) {
		out = append(out, samlcheck.IDEntityIDMismatch)
	}
	return out
}

func failed(fs samlcheck.Findings, id string) bool {
	for _, f := range fs.ByID(id) {
		if f.Severity == samlcheck.SeverityFail {
			return true
		}
	}
	return false
}

// placeholderWords are the placeholder's message, with the mismatch it
// causes, and its fix in the profile's words.
func placeholderWords(p *profile.Profile, a Answers, got string, mismatch bool) (string, string) {
	chosen := a.IdPEntityID
	if chosen == "" {
		chosen = p.SuggestIdPEntityID(a.Org)
	}
	sp := p.SPName()
	if p.Customizable && a.AppName != "" {
		sp = a.App(p)
	}
	msg := fmt.Sprintf("the entityID is %q, the unfilled placeholder of JumpCloud's IdP Entity ID field: the app was not saved before the metadata was exported", got)
	if mismatch {
		msg = fmt.Sprintf("the entityID is %q, the unfilled placeholder of JumpCloud's IdP Entity ID field, not the IdP Entity ID you chose, %q: the app was not saved before the metadata was exported", got, chosen)
	}
	fix := fmt.Sprintf("In JumpCloud, open the app's SSO tab, type %s into IdP Entity ID exactly, click Save (then Activate if the app is not active yet)", chosen)
	switch p.Handoff.Method {
	case profile.HandoffSupport:
		fix += fmt.Sprintf(", then check the metadata again from Copy Metadata URL. %s's support gets that URL and %s; no file is sent.", p.SPNameCap(), chosen)
	default:
		fix += fmt.Sprintf(", then click Export Metadata again and check the new file: that file, not this one, goes to %s.", sp)
	}
	return msg, fix
}
