package diagnose

import (
	"strings"
)

// Words are the service provider's words and rules, and JumpCloud's
// console vocabulary, as plain data: the caller fills them from the
// profile in use (internal/profile, which the engine does not import), so
// every question and fix reads in the words of that service provider and
// of the console.
type Words struct {
	// Profile is the profile's id, for the report.
	Profile string
	// SP names the service provider mid-sentence ("Avoma", "the service
	// provider"); SPCap at the start of a sentence.
	SP, SPCap string
	// AdminsMustExist: the SP matches the e-mail to an existing admin and
	// creates no accounts (Vome).
	AdminsMustExist bool
	// SupportHandoff: the SP's support is sent the Metadata URL and the
	// IdP Entity ID and configures its side (Avoma); otherwise the admin
	// uploads the exported metadata.
	SupportHandoff bool
	// HandoffWhere is where to upload the metadata, or whom to send it.
	HandoffWhere string
	// SessionsEnd: the SP ends every session when SSO goes live (Avoma).
	SessionsEnd bool
	// SignIn says how a user starts an SSO sign-in at the SP.
	SignIn string
	// LoginURL is the SP's login page, when the profile knows it.
	LoginURL string
	// Sign is the Sign choice the SP needs, as the console words it
	// ("Assertion and Response").
	Sign string
	// DeclareRedirect: the SP needs Declare Redirect Endpoint ticked.
	DeclareRedirect bool
	// IdPEntityIDExample is the IdP Entity ID to type when none is known
	// ("jumpcloud-<your-org>").
	IdPEntityIDExample string
	Console            Console
}

// Console is JumpCloud's admin console vocabulary: where things are, and
// the SSO tab's field labels.
type Console struct {
	Name, Apps, SSOTab, UserGroupsTab string
	ExportMetadata, CopyMetadataURL   string
	Save, UserPortal                  string
	IdPEntityID, SPEntityID, ACSURL   string
	NameID, Sign, SignatureAlgorithm  string
	IdPURL, DeclareRedirect           string
}

// placeholders are what a table's text may say in braces, and what each
// becomes: every table text goes through expand, and a test holds that no
// brace is left.
func (w *Words) placeholders() []string {
	c := w.Console
	ssoTab := c.Name + " → " + c.Apps + " → the app → " + c.SSOTab + " tab"
	give := "click " + c.ExportMetadata + " and upload the new file to " + w.SP
	if w.HandoffWhere != "" {
		give += " (" + w.HandoffWhere + ")"
	}
	if w.SupportHandoff {
		give = "click " + c.CopyMetadataURL + " and send that URL, with the IdP Entity ID, to " + w.SP + "'s support"
		if w.HandoffWhere != "" {
			give = "click " + c.CopyMetadataURL + " and send that URL, with the IdP Entity ID, to " + w.HandoffWhere
		}
		give += ", asking them to import it again"
	}
	signIn := w.SignIn
	if signIn == "" {
		signIn = "choose " + w.SP + "'s SSO option on its login page"
	}
	account := "the user's account in " + w.SP
	if w.AdminsMustExist {
		account = "the " + w.SP + " admin account"
	}
	return []string{
		"{sp}", w.SP,
		"{SP}", w.SPCap,
		"{console}", c.Name,
		"{apps}", c.Apps,
		"{ssotab}", ssoTab,
		"{groupstab}", c.Name + " → " + c.Apps + " → the app → " + c.UserGroupsTab + " tab",
		"{portal}", "JumpCloud's " + c.UserPortal,
		"{save}", c.Save,
		"{export}", c.ExportMetadata,
		"{give-fresh}", give,
		"{idp-entity-id}", c.IdPEntityID,
		"{sp-entity-id}", c.SPEntityID,
		"{acs-url}", c.ACSURL,
		"{nameid}", c.NameID,
		"{sign}", c.Sign,
		"{sign-needed}", orDefault(w.Sign, "Assertion and Response"),
		"{sig-alg}", c.SignatureAlgorithm,
		"{idp-url}", c.IdPURL,
		"{declare-redirect}", c.DeclareRedirect,
		"{sign-in}", lowerFirst(strings.TrimSuffix(signIn, ".")),
		"{account}", account,
		"{idp-example}", orDefault(w.IdPEntityIDExample, "jumpcloud-<your-org>"),
	}
}

// expand fills a table text's placeholders.
func (w *Words) expand(s string) string {
	return strings.NewReplacer(w.placeholders()...).Replace(s)
}

// lowerFirst puts a profile's sentence ("On the login page, …") after a
// colon in another.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
