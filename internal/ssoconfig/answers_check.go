package ssoconfig

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// Answer field keys, as in Answers' JSON tags; Problem.Field is one of
// these so the wizard can show a problem beside its field and `setup --yes`
// can name the flag.
const (
	FieldOrg            = "org"
	FieldSPEntityID     = "sp_entity_id"
	FieldACSURLs        = "acs_urls"
	FieldIdPEntityID    = "idp_entity_id"
	FieldMetadataURL    = "metadata_url"
	FieldUsersNotified  = "users_notified"
	FieldExcludedAdmins = "excluded_admins"
	FieldAppName        = "app_name"
	FieldNameID         = "nameid"
	FieldNameIDFormat   = "nameid_format"
	FieldSign           = "sign"
	FieldAttributes     = "attributes"
)

// Problem is an answer that is missing or wrong.
type Problem struct {
	// Field is one of the Field* keys.
	Field string
	// Message is a full sentence for the admin, saying what to enter.
	Message string
}

// CheckAnswers lists what a finished setup still lacks or has wrong for
// the profile: the organisation, the SP values (typed in when the SP
// generates them, else they must match the profile's fixed ones), the IdP
// Entity ID (which must differ from the SP Entity ID), the metadata URL
// when the profile hands it to the SP's support, and the confirmation that
// users were told when every session will end. The wizard may call it on
// partial answers and show only the fields it has reached.
func CheckAnswers(p *profile.Profile, a Answers) []Problem {
	var probs []Problem
	add := func(field, format string, args ...any) {
		probs = append(probs, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if profile.NormalizeOrg(a.Org) == "" {
		add(FieldOrg, "The organisation's short name or domain is needed (such as acmecorp); it names the IdP Entity ID and the output folder.")
	}

	sp := p.ServiceProvider
	if sp.Generated {
		if a.SPEntityID == "" {
			add(FieldSPEntityID, "%s's SP Entity ID is needed; find it here: %s", p.SPNameCap(), sp.WhereToFind)
		} else if err := profile.CheckEntityID(a.SPEntityID); err != nil {
			add(FieldSPEntityID, "The SP Entity ID %v.", err)
		}
		if len(a.ACSURLs) == 0 {
			add(FieldACSURLs, "%s's ACS URL is needed; find it here: %s", p.SPNameCap(), sp.WhereToFind)
		}
		for _, u := range a.ACSURLs {
			if err := profile.CheckACSURL(u); err != nil {
				add(FieldACSURLs, "The ACS URL %v.", err)
			}
		}
	} else {
		if a.SPEntityID != "" && a.SPEntityID != sp.EntityID {
			add(FieldSPEntityID, "%s's SP Entity ID is fixed: %s (got %q); leave it out.", p.Name, sp.EntityID, a.SPEntityID)
		}
		if len(a.ACSURLs) > 0 && strings.Join(a.ACSURLs, "\n") != strings.Join(sp.ACSURLs, "\n") {
			add(FieldACSURLs, "%s's ACS URL is fixed: %s (got %s); leave it out.", p.Name, strings.Join(sp.ACSURLs, ", "), strings.Join(a.ACSURLs, ", "))
		}
	}

	spEntityID, _ := SPValues(p, a)
	switch err := profile.CheckEntityID(a.IdPEntityID); {
	case a.IdPEntityID == "":
		hint := ""
		if s := p.SuggestIdPEntityID(a.Org); s != "" {
			hint = fmt.Sprintf(" (suggested: %s)", s)
		}
		add(FieldIdPEntityID, "The IdP Entity ID you typed into JumpCloud's SSO tab is needed%s.", hint)
	case rules.IsJumpCloudPlaceholder(a.IdPEntityID):
		add(FieldIdPEntityID, "The IdP Entity ID %q is JumpCloud's placeholder, not a value; type one unique to your organisation, such as %s.", a.IdPEntityID, p.SuggestIdPEntityID(a.Org))
	case err != nil:
		add(FieldIdPEntityID, "The IdP Entity ID %v.", err)
	case rules.SameEntityID(a.IdPEntityID, spEntityID):
		add(FieldIdPEntityID, "The IdP Entity ID must differ from the SP Entity ID (%s); use something like %s.", spEntityID, p.SuggestIdPEntityID(a.Org))
	}

	if p.Handoff.Method == profile.HandoffSupport {
		if a.MetadataURL == "" {
			add(FieldMetadataURL, "%s's support needs the metadata URL: in JumpCloud's SSO tab, click Copy Metadata URL and paste it.", p.Name)
		} else if err := profile.CheckSentMetadataURL(a.MetadataURL); err != nil {
			add(FieldMetadataURL, "The metadata URL %v.", err)
		}
	}
	if p.Rollout.Mode == profile.RolloutSessionsEnd && !a.UsersNotified {
		add(FieldUsersNotified, "%s ends every session when SSO goes live; confirm your users were told before going on.", p.Name)
	}
	for i, e := range a.ExcludedAdmins {
		if CheckExcludedAdmin(e) != nil {
			add(FieldExcludedAdmins, "Excluded admins are e-mail addresses; %q is not one.", e)
			continue
		}
		for _, prev := range a.ExcludedAdmins[:i] {
			if p.SameEmail(prev, e) {
				add(FieldExcludedAdmins, "%q and %q are the same admin for %s (%s); list each admin once.", prev, e, p.Name, p.EmailRule())
				break
			}
		}
	}
	probs = append(probs, checkSAMLChoices(p, a)...)
	if len(a.ExcludedAdmins) > 0 && p.Rollout.Mode != profile.RolloutOptional {
		add(FieldExcludedAdmins, "%s has no enforcement switch to exclude admins from: SSO becomes the only way in.", p.Name)
	}
	return probs
}

// CheckExcludedAdmin reports what is wrong with one excluded admin, or
// nil. The wizard's rollout step checks each address with it as it is
// typed, and CheckAnswers refuses the same ones, so an address the wizard
// took can always be written.
func CheckExcludedAdmin(email string) error {
	if !rules.IsEmailAddress(email) {
		return errNotEmail
	}
	return nil
}

var errNotEmail = errors.New("is not an e-mail address")

// checkSAMLChoices judges a customizable profile's choices (the app's name,
// NameID, its format, Sign, the attributes); the wizard's SSO tab refuses
// the same values.
func checkSAMLChoices(p *profile.Profile, a Answers) []Problem {
	var probs []Problem
	add := func(field, format string, args ...any) {
		probs = append(probs, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !p.Customizable {
		// Each named, so setup --yes names the flag to leave out.
		for _, c := range []struct {
			field, what string
			given       bool
		}{
			{FieldAppName, "app name is", a.AppName != ""},
			{FieldNameID, "SAMLSubject NameID is", a.NameID != ""},
			{FieldNameIDFormat, "SAMLSubject NameID Format is", a.NameIDFormat != ""},
			{FieldSign, "Sign setting is", a.Sign != ""},
			{FieldAttributes, "attributes are", a.Attributes != nil},
		} {
			if c.given {
				add(c.field, "%s's %s fixed by its profile; leave it out.", p.Name, c.what)
			}
		}
		return probs
	}
	// The app is named in JumpCloud (its Display Label, the end of its IdP
	// URL) and NEXT-STEPS names it; the wizard asks for it first.
	switch err := CheckAppName(a.AppName); {
	case strings.TrimSpace(a.AppName) == "":
		add(FieldAppName, "The app's name in JumpCloud is needed (its Display Label, and the end of its IdP URL), such as Acme CRM.")
	case err != nil:
		add(FieldAppName, "The app name %v.", err)
	}
	if err := CheckNameID(a.NameID); err != nil && a.NameID != "" {
		add(FieldNameID, "The SAMLSubject NameID %v.", err)
	}
	if a.NameIDFormat != "" && !slices.Contains(profile.NameIDFormats(), a.NameIDFormat) {
		add(FieldNameIDFormat, "The SAMLSubject NameID Format must be one of JumpCloud's four (%s), got %q.", strings.Join(profile.NameIDFormats(), ", "), a.NameIDFormat)
	}
	if a.Sign != "" && !slices.Contains(profile.Signs(), a.Sign) {
		add(FieldSign, "Sign must be %s, got %q.", strings.Join(profile.Signs(), ", "), a.Sign)
	}
	for i, at := range a.Attributes {
		if err := CheckAttribute(at, a.Attributes[:i]); err != nil {
			add(FieldAttributes, "The attribute %q %v.", attributeText(at), err)
		}
	}
	return probs
}

// CheckAppName reports what is wrong with an app's name, or nil.
func CheckAppName(s string) error {
	if strings.TrimSpace(s) == "" {
		return errEmptyValue
	}
	if profile.NormalizeOrg(s) == "" {
		return errors.New("needs at least one letter or digit (it becomes the end of the IdP URL)")
	}
	return nil
}

// ParseAttribute reads an attribute as the admin types it: "name = field"
// (the SP's attribute name, then the JumpCloud user field), or "name
// field". CheckAttribute judges the result.
func ParseAttribute(s string) profile.Attribute {
	s = strings.TrimSpace(s)
	name, field, ok := strings.Cut(s, "=")
	if !ok {
		name, field, _ = strings.Cut(s, " ")
	}
	return profile.Attribute{Name: strings.TrimSpace(name), JumpCloud: strings.TrimSpace(field)}
}

// CheckNameID reports what is wrong with a SAMLSubject NameID user field.
func CheckNameID(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errEmptyValue
	case strings.ContainsAny(s, " \t"):
		return errors.New("is a JumpCloud user field such as email or username, without spaces")
	}
	return nil
}

// attributeText is an attribute as it was typed: name=field, or the name
// alone when no field was given.
func attributeText(at profile.Attribute) string {
	if at.JumpCloud == "" {
		return at.Name
	}
	return at.Name + "=" + at.JumpCloud
}

// CheckAttribute reports what is wrong with one attribute, given those
// before it.
func CheckAttribute(at profile.Attribute, before []profile.Attribute) error {
	switch {
	case strings.TrimSpace(at.Name) == "" && strings.TrimSpace(at.JumpCloud) == "":
		return errors.New("needs both names: the SP's attribute name = the JumpCloud user field, such as email=email")
	case strings.TrimSpace(at.Name) == "":
		return errors.New("needs the SP's attribute name before the =, such as email=email")
	case strings.TrimSpace(at.JumpCloud) == "":
		return errors.New("needs the JumpCloud user field after the =, such as email=email")
	case strings.ContainsAny(at.Name, " \t"):
		return fmt.Errorf("has a space in its name %q; attribute names are single words", at.Name)
	case strings.ContainsAny(at.JumpCloud, " \t"):
		return fmt.Errorf("has a space in its JumpCloud user field %q; user fields are single words, such as email or username", at.JumpCloud)
	}
	for _, b := range before {
		if b.Name == at.Name {
			return errors.New("is listed twice")
		}
	}
	return nil
}

var errEmptyValue = errors.New("is empty")
