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

// SameEmail reports whether two e-mail addresses name one person for this
// SP: the domain is compared without regard to case, always (DNS ignores
// it); the part before the @ too, unless the SP compares it exactly
// (access.email_case_sensitive). Surrounding spaces never count.
func (p *Profile) SameEmail(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	la, da, okA := cutLast(a, "@")
	lb, db, okB := cutLast(b, "@")
	if !okA || !okB {
		return a == b
	}
	if !strings.EqualFold(da, db) {
		return false
	}
	if p != nil && p.Access.EmailCaseSensitive {
		return la == lb
	}
	return strings.EqualFold(la, lb)
}

// EmailRule says in words how SameEmail compares for this SP, for
// messages ("Vome ignores case in e-mail addresses").
func (p *Profile) EmailRule() string {
	if p.Access.EmailCaseSensitive {
		return p.Name + " ignores case only in the domain"
	}
	return p.Name + " ignores case in e-mail addresses"
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// AppName is the name the app is given in JumpCloud (its Display Label,
// and the last part of its IdP URL): chosen, when the profile is
// customizable and the admin gave one, else the profile's name.
func (p *Profile) AppName(chosen string) string {
	if c := strings.TrimSpace(chosen); c != "" && p.Customizable {
		return c
	}
	return p.Name
}
