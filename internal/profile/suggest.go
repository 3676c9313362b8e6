package profile

import "strings"

// NormalizeOrg turns an organisation's name or domain into the short form
// used in the IdP Entity ID and the default output folder: lower-case
// ASCII letters and digits, with every other run of characters becoming
// one dash, trimmed at both ends. A domain ("acmecorp.com", no spaces)
// loses its last label, so it reads as the organisation ("acmecorp").
//
//	"Acme Corp, Inc." -> "acme-corp-inc"
//	"acmecorp.com"    -> "acmecorp"
//	"ACME"            -> "acme"
func NormalizeOrg(org string) string {
	s := strings.ToLower(strings.TrimSpace(org))
	if !strings.ContainsAny(s, " \t") {
		if i := strings.LastIndexByte(s, '.'); i > 0 {
			s = s[:i]
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// SuggestIdPEntityID fills the profile's IdP Entity ID template ("{org}"
// replaced by NormalizeOrg(org)); the template defaults to
// "jumpcloud-{org}". It returns "" when org normalises to nothing, so the
// wizard shows an empty field rather than "jumpcloud-".
func (p *Profile) SuggestIdPEntityID(org string) string {
	n := NormalizeOrg(org)
	if n == "" {
		return ""
	}
	tmpl := DefaultIdPEntityIDTemplate
	if p != nil && p.IdPEntityID.Suggest != "" {
		tmpl = p.IdPEntityID.Suggest
	}
	return strings.ReplaceAll(tmpl, "{org}", n)
}

// SPName is how texts name the service provider mid-sentence: ReferAs, or
// else Name ("Avoma", "the service provider").
func (p *Profile) SPName() string {
	if p.ReferAs != "" {
		return p.ReferAs
	}
	return p.Name
}

// LabelKnown reports whether the profile names the service provider, so
// its name is the Display Label to give the JumpCloud app (and AppSlug its
// default IdP URL's name); a generic profile's name is no label.
func (p *Profile) LabelKnown() bool {
	return p.SPName() == p.Name
}

// SPNameCap is SPName for the start of a sentence.
func (p *Profile) SPNameCap() string {
	n := p.SPName()
	if n == "" {
		return n
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// AppSlug is the name JumpCloud gives a new application in its default IdP
// URL, https://sso.jumpcloud.com/saml2/<slug>, when its Display Label is
// the service provider's name; the wizard shows that URL, and checks that
// the imported metadata's sign-on URL names the same application.
func AppSlug(name string) string {
	if n := NormalizeOrg(strings.ReplaceAll(name, ".", " ")); n != "" {
		return n
	}
	return "app"
}
