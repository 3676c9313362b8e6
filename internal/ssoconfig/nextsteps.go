package ssoconfig

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck"
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
	// StillWrong are the failures the admin continued past, in the
	// profile's words (Explain): what must be fixed before the SP can work.
	// The document opens with them.
	StillWrong samlcheck.Findings
	// Steps are the numbered steps, in order.
	Steps []Section
	// More are the unnumbered sections after the steps.
	More []Section
	// Message is the text to send, when the SP's support configures its
	// side (send_to_support); "" otherwise. The wizard's last screen copies it.
	Message string
	// MessageTo says whom Message goes to ("Avoma's support team").
	MessageTo string
	// ConfigFile is the configuration file the document names
	// (sso-config.yaml or sso-config.json), the one beside it.
	ConfigFile string
}

// Section is one heading of NEXT-STEPS.md and the Markdown under it.
type Section struct {
	Title string
	Body  string
}

// stillWrongTitle heads the failures continued past.
const stillWrongTitle = "Still wrong: fix this first"

// Markdown renders the document: the title, the intro, what is still
// wrong, "## N. Title" for each step, then "## Title" for each further
// section.
func (d *NextStepsDoc) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s", d.Title, d.Intro)
	if len(d.StillWrong) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", stillWrongTitle)
		for _, f := range d.StillWrong {
			fmt.Fprintf(&b, "- `%s`: %s.\n\n  Fix: %s\n\n", f.ID, strings.TrimSuffix(f.Message, "."), f.Fix)
		}
	}
	for i, s := range d.Steps {
		fmt.Fprintf(&b, "## %d. %s\n\n%s", i+1, s.Title, s.Body)
	}
	for _, s := range d.More {
		fmt.Fprintf(&b, "## %s\n\n%s", s.Title, s.Body)
	}
	return []byte(b.String())
}

// Headline is the first thing left to do ("Upload the metadata to Vome"),
// or the title when there is no step; what is still wrong comes first.
func (d *NextStepsDoc) Headline() string {
	if d == nil {
		return ""
	}
	if n := len(d.StillWrong); n > 0 {
		what := "the failure"
		if n > 1 {
			what = fmt.Sprintf("the %d failures", n)
		}
		return fmt.Sprintf("fix %s you continued past (NEXT-STEPS.md says how); until then the sign-in cannot work", what)
	}
	if len(d.Steps) > 0 {
		return d.Steps[0].Title
	}
	return d.Title
}

// PlanNextSteps writes NEXT-STEPS for the profile and the configuration
// just built, written as cfgFile (ConfigYAML or ConfigJSON): first what is still wrong (the failures continued past,
// from explained, the findings in the profile's words), then how
// JumpCloud's side reaches the SP (upload the metadata file, or a
// ready-to-send message to the SP's support), the rollout decision, how to
// verify with a test login and re-check later, and every value entered in
// JumpCloud. Values the admin copies (the metadata URL, the IdP Entity ID)
// sit in code spans or blocks so they are copied exactly.
func PlanNextSteps(p *profile.Profile, c *Config, explained samlcheck.Findings, cfgFile string) *NextStepsDoc {
	sp, spCap := p.SPName(), p.SPNameCap()
	if p.Customizable && c.ServiceProvider.Name != "" {
		sp, spCap = c.ServiceProvider.Name, c.ServiceProvider.Name
	}
	d := &NextStepsDoc{Title: fmt.Sprintf("Next steps: single sign-on from JumpCloud to %s", sp), ConfigFile: cfgFile}
	for _, f := range explained {
		if f.Severity == samlcheck.SeverityFail && slices.Contains(c.Validation.Overridden, f.ID) {
			d.StillWrong = append(d.StillWrong, f)
		}
	}
	blocked := len(d.StillWrong) > 0

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

	checked := c.Validation.CheckedAt.Format("2 January 2006 15:04 MST")
	if blocked {
		w("Written by `jcsso setup` on %s for **%s**. JumpCloud's metadata **failed** checks you chose to continue past (%s): %s cannot work until they are fixed, so they come first below. Once fixed in JumpCloud, run `jcsso setup` again so this folder holds metadata that passes.\n\n",
			checked, c.Organization, codeList(c.Validation.Overridden), sp)
	} else {
		w("Written by `jcsso setup` on %s for **%s**. JumpCloud's side is configured and its metadata passed the checks. What is left happens in %s.\n\n", checked, c.Organization, sp)
	}
	if id := c.IdentityProvider.MetadataEntityID; id != "" {
		w("The IdP Entity ID you chose is `%s`; JumpCloud's metadata said `%s`. `%s` records both (`entity_id`, `metadata_entity_id`).\n\n", c.IdentityProvider.EntityID, id, cfgFile)
	}
	notYet := func(what string) {
		if blocked {
			w("**Not yet:** %s only after fixing what is still wrong (above); the values below are the ones to use then.\n\n", what)
		}
	}

	switch p.Handoff.Method {
	case profile.HandoffSupport:
		next(fmt.Sprintf("Send this message to %s", sp))
		notYet("send it")
		d.MessageTo = strings.TrimSuffix(p.Handoff.Where, ".")
		d.Message = supportMessage(sp, c)
		w("To: %s.\n\nThe message holds the two values %s needs, exactly as JumpCloud has them; copy it rather than retyping them.\n\n", d.MessageTo, sp)
		w("```text\n%s```\n\n", d.Message)
		w("- Metadata URL: `%s`\n", c.IdentityProvider.MetadataURL)
		w("- IdP Entity ID: `%s`\n\n", c.IdentityProvider.EntityID)
		w("If JumpCloud's certificate is regenerated later, tell %s: the metadata behind the URL changes and their side must pick it up.\n\n", sp)

		next(fmt.Sprintf("Wait for %s's confirmation", sp))
		w("Do not test or announce anything until %s confirms that SSO is configured for your organisation. Logins fail until then, even though JumpCloud is ready.\n\n", sp)
	default:
		next(fmt.Sprintf("Upload the metadata to %s", sp))
		notYet("upload the metadata")
		w("Where: %s.\n\n", strings.TrimSuffix(p.Handoff.Where, "."))
		if blocked {
			w("Upload the fresh export that passes, not the `%s` in this folder: it still has the failures above. Running `jcsso setup` again puts the fresh one here.\n\n", MetadataFile)
		} else {
			w("Upload `%s` from this folder: it is the exact file jcsso checked. If you change the app in JumpCloud and export the metadata again, run `jcsso setup` again so this folder matches what %s has.\n\n", MetadataFile, sp)
		}
		w("If %s asks for the signing certificate on its own, use `%s`.\n\n", sp, SigningPEM)
		w("%s should then show:\n\n", spCap)
		w("- IdP Entity ID (issuer): `%s`\n", c.IdentityProvider.EntityID)
		w("- SSO URL: `%s`\n", c.IdentityProvider.SSOURL)
		for _, cert := range c.IdentityProvider.Certificates {
			w("- certificate SHA-256 fingerprint: `%s` (expires %s)\n", cert.SHA256, cert.NotAfter.Format("2 January 2006"))
			if cert.SHA1 != "" {
				w("- the same certificate's SHA-1 fingerprint, for service providers that still show SHA-1: `%s`\n", cert.SHA1)
			}
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
	w("   It says which value is wrong and where to fix it.\n")
	w("5. To test the whole login from this machine instead, add `%s` on the app's SSO tab as an extra ACS URL (keep the first as it is), save, run `jcsso test-login --config %s`, sign in in the browser it opens, and remove the URL afterwards. It says who logged in and every finding with its fix, or why nothing arrived.\n\n", acs.ACSURLFor(acs.DefaultPort), cfgFile)

	open("Re-check after a change in JumpCloud", false)
	fresh := "JumpCloud-….xml"
	if u := c.IdentityProvider.MetadataURL; u != "" {
		fresh = "'" + u + "'"
		w("JumpCloud's certificate can be regenerated, and the app edited, after today. To see whether the metadata %s has still matches, fetch it again and compare it with this folder:\n\n", sp)
	} else {
		w("JumpCloud's certificate can be regenerated, and the app edited, after today. To see whether the metadata %s has still matches, export it again on the app's SSO tab (Export Metadata) and compare it with this folder:\n\n", sp)
	}
	w("```sh\njcsso check --config %s %s\n```\n\n", cfgFile, fresh)
	if hasCredentials(c.IdentityProvider.MetadataURL) {
		w("The metadata URL needs credentials, which jcsso never writes (the `xxxxx` above stands for them): put them back in the URL when you run the command, or it is refused as unauthorised.\n\n")
	}
	w("It checks the fresh metadata against what this folder recorded and catches a regenerated certificate (the saved one is ")
	for i, cert := range c.IdentityProvider.Certificates {
		if i > 0 {
			w(" or ")
		}
		w("`%s`", cert.SHA256)
	}
	w("; it fails naming both fingerprints, and %s then needs the fresh metadata the same day, or every login fails), a changed IdP Entity ID or sign-on URL, an expired or soon-expiring certificate and a lost Redirect binding. (`jcsso check --config %s` without a source re-checks only the copy saved here: it sees expiry coming, never a change in JumpCloud.)\n\n", sp, cfgFile)

	open("What was entered in JumpCloud", false)
	w("| field | value |\n|---|---|\n")
	w("| Display Label | %s |\n", c.ServiceProvider.Name)
	w("| %s | `%s` |\n", profile.LabelIdPEntityID, c.IdentityProvider.EntityID)
	w("| %s | `%s` |\n", profile.LabelSPEntityID, c.ServiceProvider.EntityID)
	for i, u := range c.ServiceProvider.ACSURLs {
		label := profile.LabelACSURL
		if len(c.ServiceProvider.ACSURLs) > 1 {
			label = fmt.Sprintf("%s %d", profile.LabelACSURL, i+1)
			if i == 0 {
				label += " (default)"
			}
		}
		w("| %s | `%s` |\n", label, u)
	}
	w("| %s | %s |\n", profile.LabelNameID, profile.NameIDLabel(c.SAML.NameID))
	w("| %s | `%s` |\n", profile.LabelNameIDFormat, c.SAML.NameIDFormat)
	w("| %s | %s |\n", profile.LabelSignatureAlgorithm, profile.SignatureAlgorithmLabel(c.SAML.SignatureAlgorithm))
	w("| %s | %s |\n", profile.LabelSign, profile.SignLabel(c.SAML.Sign))
	if c.ServiceProvider.DefaultRelayState != "" {
		w("| %s | `%s` |\n", profile.LabelDefaultRelayState, c.ServiceProvider.DefaultRelayState)
	}
	if c.ServiceProvider.LoginURL != "" {
		w("| %s | `%s` |\n", profile.LabelLoginURL, c.ServiceProvider.LoginURL)
	}
	w("| %s | %s |\n", profile.LabelDeclareRedirectEndpoint, profile.TickLabel(c.SAML.DeclareRedirectEndpoint))
	w("| %s (SSO URL) | `%s` |\n", profile.LabelIdPURL, c.IdentityProvider.SSOURL)
	names := make([]string, 0, len(c.SAML.Attributes))
	for n := range c.SAML.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w("| Attribute: Service Provider Attribute Name `%s` | JumpCloud Attribute Name `%s` |\n", n, c.SAML.Attributes[n])
	}
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

// supportMessage is the e-mail to the SP's support: the two values it
// needs, and what was entered on JumpCloud's side.
func supportMessage(sp string, c *Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Subject: SAML single sign-on for %s with JumpCloud\n\n", c.Organization)
	fmt.Fprintf(&b, "Hello,\n\n")
	fmt.Fprintf(&b, "Please set up SAML single sign-on for our organisation (%s), with JumpCloud as the identity provider.\n\n", c.Organization)
	fmt.Fprintf(&b, "Metadata URL: %s\n", c.IdentityProvider.MetadataURL)
	fmt.Fprintf(&b, "IdP Entity ID: %s\n\n", c.IdentityProvider.EntityID)
	fmt.Fprintf(&b, "In JumpCloud we entered SP Entity ID %s and ACS URL %s.\n", c.ServiceProvider.EntityID, strings.Join(c.ServiceProvider.ACSURLs, ", "))
	fmt.Fprintf(&b, "Please confirm once SSO is configured on your side, and tell us when it will go live.\n\n")
	fmt.Fprintf(&b, "Thank you\n")
	return b.String()
}

// hasCredentials reports a URL that carries a user name or password (as
// written: samlcheck.RedactURL replaced them with xxxxx).
func hasCredentials(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.User != nil
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
