package ssoconfig

import (
	"fmt"
	"strings"

	"github.com/jcsso/jcsso/internal/profile"
)

// NextStepsDoc is NEXT-STEPS.md as data: the numbered steps left to do in
// the service provider, then reference sections. Markdown renders it; the
// wizard's last screen and `setup --yes` read the steps' titles from it,
// never back out of the Markdown.
type NextStepsDoc struct {
	// Title is the document's heading.
	Title string
	// Intro is the Markdown under the title.
	Intro string
	// Steps are the numbered steps, in order.
	Steps []Section
	// More are the unnumbered sections after the steps.
	More []Section
}

// Section is one heading of NEXT-STEPS.md and the Markdown under it.
type Section struct {
	Title string
	Body  string
}

// Markdown renders the document: the title, the intro, "## N. Title" for
// each step, then "## Title" for each further section.
func (d *NextStepsDoc) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s", d.Title, d.Intro)
	for i, s := range d.Steps {
		fmt.Fprintf(&b, "## %d. %s\n\n%s", i+1, s.Title, s.Body)
	}
	for _, s := range d.More {
		fmt.Fprintf(&b, "## %s\n\n%s", s.Title, s.Body)
	}
	return []byte(b.String())
}

// Headline is the first thing left to do ("Upload the metadata to Vome"),
// or the title when there is no step.
func (d *NextStepsDoc) Headline() string {
	if d == nil {
		return ""
	}
	if len(d.Steps) > 0 {
		return d.Steps[0].Title
	}
	return d.Title
}

// PlanNextSteps writes NEXT-STEPS for the profile and the configuration
// just built: how JumpCloud's side reaches the SP (upload the metadata
// file, or a ready-to-send message to the SP's support), the rollout
// decision, and how to verify with a test login. Values the admin copies
// (the metadata URL, the IdP Entity ID) sit in code spans or blocks so they
// are copied exactly.
func PlanNextSteps(p *profile.Profile, c *Config) *NextStepsDoc {
	sp, spCap := p.SPName(), p.SPNameCap()
	// WriteBundle renames this for the json format (see bundleFiles).
	cfgFile := ConfigYAML
	d := &NextStepsDoc{Title: fmt.Sprintf("Next steps: single sign-on from JumpCloud to %s", sp)}

	// Each write goes to the section opened last (the intro at first).
	var intro strings.Builder
	cur := &intro
	var bodies []*strings.Builder
	var numbered []bool
	var titles []string
	w := func(format string, a ...any) { fmt.Fprintf(cur, format, a...) }
	open := func(title string, step bool) {
		cur = &strings.Builder{}
		bodies, numbered, titles = append(bodies, cur), append(numbered, step), append(titles, title)
	}
	next := func(title string) { open(title, true) }

	w("Written by `jcsso setup` on %s for **%s**. JumpCloud's side is configured and its metadata passed the checks", c.Validation.CheckedAt.Format("2 January 2006 15:04 MST"), c.Organization)
	if len(c.Validation.Overridden) > 0 {
		w(", except for the findings you chose to continue past: %s", codeList(c.Validation.Overridden))
	}
	w(". What is left happens in %s.\n\n", sp)

	switch p.Handoff.Method {
	case profile.HandoffSupport:
		next(fmt.Sprintf("Send this message to %s", sp))
		w("To: %s.\n\nThe message holds the two values %s needs, exactly as JumpCloud has them; copy it rather than retyping them.\n\n", strings.TrimSuffix(p.Handoff.Where, "."), sp)
		w("```text\n")
		w("Subject: SAML single sign-on for %s with JumpCloud\n\n", c.Organization)
		w("Hello,\n\n")
		w("Please set up SAML single sign-on for our organisation (%s), with JumpCloud as the identity provider.\n\n", c.Organization)
		w("Metadata URL: %s\n", c.IdentityProvider.MetadataURL)
		w("IdP Entity ID: %s\n\n", c.IdentityProvider.EntityID)
		w("In JumpCloud we entered SP Entity ID %s and ACS URL %s.\n", c.ServiceProvider.EntityID, strings.Join(c.ServiceProvider.ACSURLs, ", "))
		w("Please confirm once SSO is configured on your side, and tell us when it will go live.\n\n")
		w("Thank you\n")
		w("```\n\n")
		w("- Metadata URL: `%s`\n", c.IdentityProvider.MetadataURL)
		w("- IdP Entity ID: `%s`\n\n", c.IdentityProvider.EntityID)
		w("If JumpCloud's certificate is regenerated later, tell %s: the metadata behind the URL changes and their side must pick it up.\n\n", sp)

		next(fmt.Sprintf("Wait for %s's confirmation", sp))
		w("Do not test or announce anything until %s confirms that SSO is configured for your organisation. Logins fail until then, even though JumpCloud is ready.\n\n", sp)
	default:
		next(fmt.Sprintf("Upload the metadata to %s", sp))
		w("Where: %s.\n\n", strings.TrimSuffix(p.Handoff.Where, "."))
		w("Upload `%s` from this folder: it is the exact file jcsso checked. If you change the app in JumpCloud and export the metadata again, run `jcsso setup` again so this folder matches what %s has.\n\n", MetadataFile, sp)
		w("If %s asks for the signing certificate on its own, use `%s`.\n\n", sp, SigningPEM)
		w("%s should then show:\n\n", spCap)
		w("- IdP Entity ID (issuer): `%s`\n", c.IdentityProvider.EntityID)
		w("- SSO URL: `%s`\n", c.IdentityProvider.SSOURL)
		for _, cert := range c.IdentityProvider.Certificates {
			w("- certificate SHA-256 fingerprint: `%s` (expires %s)\n", cert.SHA256, cert.NotAfter.Format("2 January 2006"))
		}
		w("\n")
	}

	switch p.Rollout.Mode {
	case profile.RolloutSessionsEnd:
		next("Before SSO goes live: every session ends")
		if p.Rollout.Note != "" {
			w("%s", strings.TrimSpace(p.Rollout.Note))
		} else {
			w("When %s switches SSO on, everyone signed in is signed out, and from then on SSO is the only way in.", sp)
		}
		if c.Access.UsersNotified {
			w(" You confirmed your users were told.")
		}
		w("\n\nRemind them of the date, and make sure everyone who needs %s is assigned to the app in JumpCloud before then (the app's User Groups tab); anyone left out is locked out.\n\n", sp)
	default:
		next("Decide on enforcement")
		if p.Rollout.Where != "" {
			w("Where: %s.\n\n", strings.TrimSuffix(p.Rollout.Where, "."))
		}
		if p.Rollout.Note != "" {
			w("%s\n\n", p.Rollout.Note)
		}
		if c.Access.EnforceSSO {
			w("You chose to **enforce SSO**. Switch it on only after the test login below works.\n\n")
		} else {
			w("You chose **not to enforce SSO yet**: both sign-in methods keep working. Switch enforcement on once the test login below works.\n\n")
		}
		if len(c.Access.ExcludedAdmins) > 0 {
			w("Admins to exclude from enforcement (they keep their password sign-in):\n\n")
			for _, a := range c.Access.ExcludedAdmins {
				w("- %s\n", a)
			}
			w("\n")
		} else {
			w("No admin is excluded from enforcement. Consider excluding one, so someone can still sign in if JumpCloud or the SSO configuration breaks.\n\n")
		}
	}

	next("Verify with a test login")
	w("1. In JumpCloud, make sure a test user is in a user group bound to the app (the app's User Groups tab). Start with a small test group that includes yourself.\n")
	who := "The test user's e-mail in JumpCloud"
	if p.Access.Scope == profile.ScopeAdmins {
		who = fmt.Sprintf("Only %s admins sign in through SSO: the test user's e-mail in JumpCloud", sp)
	}
	if p.Access.AdminsMustExist {
		w("2. %s must match an admin who already exists in %s; %s does not create accounts.\n", who, sp, sp)
	} else {
		w("2. %s must be the e-mail of their account in %s.\n", who, sp)
	}
	signIn := p.SignIn
	if signIn == "" {
		signIn = fmt.Sprintf("Sign in to %s with its SSO option.", sp)
	}
	w("3. Open a private browser window and sign in as the test user. %s After JumpCloud's sign-in you should land in %s.\n", strings.TrimSpace(signIn), sp)
	w("4. If the login fails, capture the SAML response (the browser's developer tools, Network tab, the POST to `%s`, the `SAMLResponse` form field), save it as `response.txt`, and run:\n\n", firstOr(c.ServiceProvider.ACSURLs, "the ACS URL"))
	w("   ```sh\n   jcsso inspect response.txt --config %s\n   ```\n\n", cfgFile)
	w("   It says which value is wrong and where to fix it. To re-check JumpCloud's metadata (for example after a certificate change): `jcsso check --config %s`.\n\n", cfgFile)

	open("What was entered in JumpCloud", false)
	w("| field | value |\n|---|---|\n")
	w("| %s | `%s` |\n", profile.LabelIdPEntityID, c.IdentityProvider.EntityID)
	w("| %s | `%s` |\n", profile.LabelSPEntityID, c.ServiceProvider.EntityID)
	for i, u := range c.ServiceProvider.ACSURLs {
		label := profile.LabelACSURL
		if len(c.ServiceProvider.ACSURLs) > 1 {
			label = fmt.Sprintf("%s %d", profile.LabelACSURL, i+1)
		}
		w("| %s | `%s` |\n", label, u)
	}
	w("| %s | %s |\n", profile.LabelNameID, c.SAML.NameID)
	w("| %s | `%s` |\n", profile.LabelNameIDFormat, c.SAML.NameIDFormat)
	w("| %s | %s |\n", profile.LabelSignatureAlgorithm, profile.SignatureAlgorithmLabel(c.SAML.SignatureAlgorithm))
	w("| %s | %s |\n", profile.LabelSign, profile.SignLabel(c.SAML.Sign))
	if c.ServiceProvider.DefaultRelayState != "" {
		w("| %s | `%s` |\n", profile.LabelDefaultRelayState, c.ServiceProvider.DefaultRelayState)
	}
	if c.ServiceProvider.LoginURL != "" {
		w("| %s | `%s` |\n", profile.LabelLoginURL, c.ServiceProvider.LoginURL)
	}
	w("| %s (SSO URL) | `%s` |\n", profile.LabelIdPURL, c.IdentityProvider.SSOURL)
	w("\n")

	open("Keep in mind", false)
	for _, cert := range c.IdentityProvider.Certificates {
		w("- JumpCloud's signing certificate expires on %s; JumpCloud e-mails warnings before then. Regenerating it makes a new key: %s must get the new metadata the same day, or every login fails.\n", cert.NotAfter.Format("2 January 2006"), sp)
		break
	}
	w("- JumpCloud does not support single logout: signing out of %s does not sign the user out of JumpCloud.\n", sp)
	w("- This folder holds the files jcsso wrote: `%s` (the settings), `%s` (the checked metadata), `%s` (the signing certificate) and this file.\n", cfgFile, MetadataFile, SigningPEM)

	d.Intro = intro.String()
	for i, body := range bodies {
		sec := Section{Title: titles[i], Body: body.String()}
		if numbered[i] {
			d.Steps = append(d.Steps, sec)
		} else {
			d.More = append(d.More, sec)
		}
	}
	return d
}

func codeList(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "`" + id + "`"
	}
	return strings.Join(out, ", ")
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}
