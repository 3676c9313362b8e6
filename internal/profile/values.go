package profile

// Values the profile format accepts. The wizard and the configuration
// writer branch on these, so they are named here once.
const (
	// ScopeAdmins: only the SP's admins sign in through SSO.
	ScopeAdmins = "admins"
	// ScopeAllUsers: every user of the SP signs in through SSO.
	ScopeAllUsers = "all_users"

	// HandoffUpload: the admin uploads idp-metadata.xml in the SP.
	HandoffUpload = "upload_metadata"
	// HandoffSupport: the admin sends the metadata URL and the IdP Entity
	// ID to the SP's support, who configure the SP's side.
	HandoffSupport = "send_to_support"

	// RolloutOptional: enforcement can be switched on, with excluded admins.
	RolloutOptional = "optional_enforcement"
	// RolloutSessionsEnd: the SP ends every session when SSO goes live and
	// SSO becomes the only way in.
	RolloutSessionsEnd = "sessions_end"

	// SignAssertionAndResponse and the others are JumpCloud's Sign choices.
	SignAssertionAndResponse = "assertion_and_response"
	SignAssertion            = "assertion"
	SignResponse             = "response"

	// SigRSASHA256 and SigRSASHA1 are JumpCloud's Signature Algorithm choices.
	SigRSASHA256 = "rsa-sha256"
	SigRSASHA1   = "rsa-sha1"

	// NameIDEmail is the JumpCloud user field every built-in profile sends.
	NameIDEmail = "email"

	// The NameID formats JumpCloud's SSO tab offers.
	NameIDFormatEmail       = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	NameIDFormatUnspecified = "urn:oasis:names:tc:SAML:1.0:nameid-format:unspecified"
	NameIDFormatPersistent  = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
	NameIDFormatTransient   = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"

	// DefaultIdPEntityIDTemplate is used when a profile suggests nothing.
	DefaultIdPEntityIDTemplate = "jumpcloud-{org}"
)

// Choices for the enumerated keys, in the order shown in error messages.
var (
	scopes        = []string{ScopeAdmins, ScopeAllUsers}
	handoffs      = []string{HandoffUpload, HandoffSupport}
	rollouts      = []string{RolloutOptional, RolloutSessionsEnd}
	signs         = []string{SignAssertionAndResponse, SignAssertion, SignResponse}
	sigAlgs       = []string{SigRSASHA256, SigRSASHA1}
	nameIDFormats = []string{NameIDFormatEmail, NameIDFormatUnspecified, NameIDFormatPersistent, NameIDFormatTransient}
)

// NameIDFormats are JumpCloud's four SAMLSubject NameID formats, in the
// console's order.
func NameIDFormats() []string { return append([]string(nil), nameIDFormats...) }

// Signs are JumpCloud's Sign choices.
func Signs() []string { return append([]string(nil), signs...) }
