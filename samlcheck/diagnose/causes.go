package diagnose

// The causes' ids: stable, listed by `jcsso troubleshoot --list`, matched
// by scripts.
const (
	CauseUserNotBound            = "user-not-bound"
	CauseWrongLoginMethod        = "wrong-login-method"
	CauseEmailMismatch           = "email-mismatch"
	CauseAdminMissing            = "admin-missing"
	CauseSPNotConfirmed          = "sp-not-confirmed"
	CauseAppNotSavedBeforeExport = "app-not-saved-before-export"
	CauseWrongAppMetadata        = "wrong-app-metadata"
	CauseStaleMetadata           = "stale-metadata"
	CauseSigningSetting          = "signing-setting"
	CauseCertExpired             = "cert-expired"
	CauseSPEntityIDTypo          = "sp-entity-id-typo"
	CauseACSURLTypo              = "acs-url-typo"
	CauseClockSkew               = "clock-skew"
	CauseIdPInitiatedRejected    = "idp-initiated-rejected"
	CauseRedirectNotDeclared     = "redirect-not-declared"
	CauseSessionsEndedExpected   = "sessions-ended-expected"
)

// Cause is one row of the causes table: what went wrong, in the words
// support reads, and the fix, in the service provider's words once
// expanded (Words). Texts may use the placeholders of Words.expand.
type Cause struct {
	ID string
	// Title names the cause in a list and heads its diagnosis.
	Title string
	// Fix says what to change and where.
	Fix string
	// applies says whether the cause can happen with this service
	// provider at all (nil: always); notApplicable says why not.
	applies       func(w *Words) bool
	notApplicable string
}

// causeTable is every cause, in the order of how often each is the answer
// when nothing narrows it down (the order `unknown` weighs them in).
var causeTable = [...]Cause{
	{ID: CauseUserNotBound, Title: "The user is not in a user group bound to the app",
		Fix: "In {groupstab}, tick a user group that contains the user (or add the user to a group that is ticked), click {save}, and sign in again."},
	{ID: CauseStaleMetadata, Title: "Stale metadata: the certificate was regenerated",
		Fix: "In {ssotab}, {give-fresh}. {SP} still trusts the certificate from before it was regenerated, so every login fails its signature check until it has the new one."},
	{ID: CauseEmailMismatch, Title: "The e-mail JumpCloud sends is not the one {sp} knows",
		Fix: "Make the two addresses the same: change the user's e-mail in JumpCloud or in {account}; or, in {ssotab}, set {nameid} to Email (and map the attribute email to the user's email), click {save}, and sign in again."},
	{ID: CauseAdminMissing, Title: "The admin does not exist in {sp} yet",
		Fix:     "Create the admin in {sp} first, with exactly the e-mail JumpCloud sends ({sp} creates no accounts from SSO: admins must already exist), then sign in again.",
		applies: func(w *Words) bool { return w.AdminsMustExist }, notApplicable: "{SP} does not require an existing admin account for each SSO user"},
	{ID: CauseWrongLoginMethod, Title: "The user signed in with e-mail and password, not the SSO option",
		Fix: "Ask the user to sign in through SSO: {sign-in}. A password sign-in never reaches JumpCloud."},
	{ID: CauseSPNotConfirmed, Title: "{SP} has not confirmed its side of SSO yet",
		Fix:     "Make sure {sp}'s support has the Metadata URL and the IdP Entity ID, and wait for their confirmation that SSO is configured before anyone signs in through it.",
		applies: func(w *Words) bool { return w.SupportHandoff }, notApplicable: "{SP} is configured by uploading the metadata; there is no confirmation to wait for"},
	{ID: CauseSigningSetting, Title: "The SSO tab's signing setting is not what {sp} needs",
		Fix: "In {ssotab}, set {sign} to {sign-needed} and {sig-alg} to RSA-SHA256, click {save}, and sign in again."},
	{ID: CauseSPEntityIDTypo, Title: "The SP Entity ID in JumpCloud has a typo",
		Fix: "In {ssotab}, set {sp-entity-id} to exactly {sp}'s value (copy it again: it is case-sensitive), click {save}, and sign in again."},
	{ID: CauseACSURLTypo, Title: "The ACS URL in JumpCloud has a typo",
		Fix: "In {ssotab}, set {acs-url} to exactly {sp}'s value (copy it again), click {save}, and sign in again."},
	{ID: CauseAppNotSavedBeforeExport, Title: "The app was not saved before its metadata was exported",
		Fix: "In {ssotab}, type the IdP Entity ID ({idp-example}) into {idp-entity-id}, click {save} (then Activate if the app is not active yet), then {give-fresh}."},
	{ID: CauseWrongAppMetadata, Title: "{SP} has the metadata of another JumpCloud app",
		Fix: "In {console} → {apps}, open the app the users are bound to (the one whose {idp-url} users are sent to); on its SSO tab, {give-fresh}. If several apps look alike, rename or delete the ones not in use."},
	{ID: CauseCertExpired, Title: "JumpCloud's signing certificate has expired",
		Fix: "In {ssotab}, regenerate the certificate (or upload a new one), click {save}, then {give-fresh}."},
	{ID: CauseClockSkew, Title: "A clock is off: the assertion is outside its validity window",
		Fix: "JumpCloud keeps its own clock right: set the clock of {sp}'s servers by NTP (and of the machine the response was judged on). SAML libraries allow only 90 to 180 seconds of difference."},
	{ID: CauseIdPInitiatedRejected, Title: "{SP} refuses logins started from {portal}",
		Fix: "Start the login from {sp}'s login page instead of the app's tile in {portal}: {sign-in}. If {sp} can accept IdP-initiated logins, that is switched on in {sp}, not in JumpCloud."},
	{ID: CauseRedirectNotDeclared, Title: "Declare Redirect Endpoint is not ticked",
		Fix: "In {ssotab}, tick {declare-redirect}, click {save}, then {give-fresh}."},
	{ID: CauseSessionsEndedExpected, Title: "Expected: {sp} ends every session when SSO goes live",
		Fix: "Nothing is broken: {sp} signs everyone out when SSO goes live, and from then on users sign in through SSO: {sign-in}. Tell users beforehand next time."},
}

// Causes lists every cause, in the table's order, in the words given.
func Causes(w Words) []Cause {
	out := make([]Cause, len(causeTable))
	for i, c := range causeTable {
		out[i] = c.in(&w)
	}
	return out
}

// in is the cause with its texts expanded.
func (c Cause) in(w *Words) Cause {
	c.Title, c.Fix, c.notApplicable = w.expand(c.Title), w.expand(c.Fix), w.expand(c.notApplicable)
	return c
}

// Applies reports whether the cause can happen with the service provider
// the words describe.
func (c Cause) Applies(w Words) bool { return c.applies == nil || c.applies(&w) }

func causeByID(id string) (Cause, bool) {
	for _, c := range causeTable {
		if c.ID == id {
			return c, true
		}
	}
	return Cause{}, false
}

// causeRank is a cause's place in the table, for a stable order.
func causeRank(id string) int {
	for i, c := range causeTable {
		if c.ID == id {
			return i
		}
	}
	return len(causeTable)
}
