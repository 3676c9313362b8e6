package profile

// JumpCloud's admin console vocabulary: the SSO tab's field names and the
// words its choices show. The wizard tells the admin what to enter in these
// words and NEXT-STEPS.md records what was entered in them, so both say
// exactly what the console says.

// The SSO tab's fields, as the console labels them.
const (
	LabelIdPEntityID             = "IdP Entity ID"
	LabelSPEntityID              = "SP Entity ID"
	LabelACSURL                  = "ACS URL"
	LabelNameID                  = "SAMLSubject NameID"
	LabelNameIDFormat            = "SAMLSubject NameID Format"
	LabelSignatureAlgorithm      = "Signature Algorithm"
	LabelSign                    = "Sign"
	LabelDefaultRelayState       = "Default RelayState"
	LabelLoginURL                = "Login URL"
	LabelDeclareRedirectEndpoint = "Declare Redirect Endpoint"
	LabelIdPURL                  = "IdP URL"
)

// Where things are in the console, as it names them: the places support
// sends an admin to look (troubleshooting's questions say where to look in
// these words).
const (
	// ConsoleName is what the admins' side of JumpCloud is called.
	ConsoleName = "JumpCloud admin console"
	// MenuSSOApplications is the menu entry that lists the apps.
	MenuSSOApplications = "SSO Applications"
	// TabSSO and TabUserGroups are an app's tabs: its SAML values, and the
	// user groups bound to it.
	TabSSO        = "SSO"
	TabUserGroups = "User Groups"
	// ButtonExportMetadata and ButtonCopyMetadataURL are the SSO tab's
	// two ways to hand the metadata over; ButtonSave saves the tab.
	ButtonExportMetadata  = "Export Metadata"
	ButtonCopyMetadataURL = "Copy Metadata URL"
	ButtonSave            = "Save"
	// UserPortal is where users find a tile per app (IdP-initiated sign-in).
	UserPortal = "User Portal"
)

// NameIDLabel is the console's word for a SAMLSubject NameID user field:
// "Email" for email (the default), else the field as it is.
func NameIDLabel(field string) string {
	if field == NameIDEmail || field == "" {
		return "Email"
	}
	return field
}

// SignatureAlgorithmLabel is the console's word for a Signature Algorithm
// choice; rsa-sha256 is the default.
func SignatureAlgorithmLabel(alg string) string {
	if alg == SigRSASHA1 {
		return "RSA-SHA1"
	}
	return "RSA-SHA256"
}

// SignLabel is the console's word for a Sign choice; assertion_and_response
// is the default.
func SignLabel(sign string) string {
	switch sign {
	case SignAssertion:
		return "Assertion"
	case SignResponse:
		return "Response"
	}
	return "Assertion and Response"
}

// TickLabel says how a console checkbox should be left.
func TickLabel(ticked bool) string {
	if ticked {
		return "ticked"
	}
	return "not ticked"
}

// DefaultIdPURL is the IdP URL JumpCloud proposes for an app named
// spName: https://sso.jumpcloud.com/saml2/ and the name in URL form (the
// app's name in lower case, dashes between words; "app" when nothing is
// left). It cannot be changed once the app is created.
func DefaultIdPURL(spName string) string {
	return "https://sso.jumpcloud.com/saml2/" + AppSlug(spName)
}
