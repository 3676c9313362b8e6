package samlcheck

// The response checks' ids, in the order Inspect reports them.
const (
	IDResponseDecode       = "response.decode"
	IDResponseVersion      = "response.version"
	IDResponseStatus       = "response.status"
	IDAssertionCount       = "assertion.count"
	IDSignatureMissing     = "signature.missing"
	IDSignatureInvalid     = "signature.invalid"
	IDSignaturePartial     = "signature.partial"
	IDSignatureAlgorithm   = "signature.algorithm"
	IDSignatureCertExpired = "signature.cert-expired"
	IDIssuerMismatch       = "issuer.mismatch"
	IDIssuerPlaceholder    = "issuer.placeholder"
	IDAudienceMismatch     = "audience.mismatch"
	IDDestinationMismatch  = "destination.mismatch"
	IDRecipientMismatch    = "recipient.mismatch"
	IDInResponseToMismatch = "inresponseto.mismatch"
	IDTimeWindow           = "time.window"
	IDSubjectMissing       = "subject.missing"
	IDSubjectEmail         = "subject.email"
	IDValueSplit           = "value.split"
	IDAdminUnknown         = "admin.unknown"
)

// responseChecks is the table of the checks `jcsso inspect` runs, in the
// order it reports them. Messages carry the values; this table carries
// what does not change.
var responseChecks = [...]Check{
	{IDResponseDecode, "the input is a readable SAML response", SeverityFail,
		"Capture the SAMLResponse form field again (SAML-tracer, or the browser's developer tools: the POST to the service provider's ACS URL) and pass its value unchanged."},
	{IDResponseVersion, "it is a SAML 2.0 Response", SeverityFail,
		"Give jcsso the SAMLResponse that JumpCloud POSTs to the service provider's ACS URL, not another SAML message."},
	{IDResponseStatus, "JumpCloud reports success", SeverityFail,
		"JumpCloud refused the login itself: check in JumpCloud that the user is bound to the app (the app's User Groups tab) and that the app is active."},
	{IDAssertionCount, "exactly one readable Assertion, where SAML puts it", SeverityFail,
		"A genuine JumpCloud response holds exactly one unencrypted Assertion; a response that does not was altered on the way (signature wrapping) or comes from another IdP."},
	{IDSignatureMissing, "the response or its assertion is signed", SeverityFail,
		"In JumpCloud, on the app's SSO tab, set Sign to Assertion and Response, save, and log in again."},
	{IDSignatureInvalid, "every signature verifies with the trusted certificate", SeverityFail,
		"In JumpCloud, open the app's SSO tab, export fresh metadata and upload it to the service provider again; then capture a new response."},
	{IDSignaturePartial, "the signed parts are the ones the service provider requires", SeverityWarn,
		"In JumpCloud, on the app's SSO tab, set Sign to Assertion and Response, and save."},
	{IDSignatureAlgorithm, "signatures use SHA-256 or stronger", SeverityWarn,
		"In JumpCloud, on the app's SSO tab, set Signature Algorithm to RSA-SHA256, and save."},
	{IDSignatureCertExpired, "the trusted certificate that verifies a signature is valid at the clock", SeverityFail,
		"The signature is genuine, but the IdP's signing certificate has expired: in JumpCloud, on the app's SSO tab, regenerate the certificate (or upload a new one), then export fresh metadata and upload it to the service provider. " + expiredCertBreaks},
	{IDIssuerMismatch, "the Issuer is the IdP entity ID", SeverityFail,
		"Make the IdP Entity ID in JumpCloud (SSO tab) and the value saved in the service provider the exact same string: save the app in JumpCloud, export fresh metadata and upload it again."},
	{IDIssuerPlaceholder, "the Issuer is not JumpCloud's unfilled placeholder", SeverityFail, placeholderFix},
	{IDAudienceMismatch, "the Audience is the SP entity ID", SeverityFail,
		"In JumpCloud, on the app's SSO tab, set SP Entity ID to exactly the service provider's value (it is case-sensitive), and save."},
	{IDDestinationMismatch, "the Destination is the ACS URL", SeverityFail,
		"In JumpCloud, on the app's SSO tab, set ACS URL to exactly the service provider's value, and save."},
	{IDRecipientMismatch, "the Recipient is the ACS URL", SeverityFail,
		"In JumpCloud, on the app's SSO tab, set ACS URL to exactly the service provider's value, and save."},
	{IDInResponseToMismatch, "it answers the service provider's request", SeverityFail,
		"Start a fresh login from the service provider and capture that response; a response captured from an older attempt, or from another browser tab, answers another request."},
	{IDTimeWindow, "it is valid at this time", SeverityFail,
		"Capture a fresh response and inspect it at once; if it still fails, set the clocks of the service provider's servers (and the machine running jcsso) by NTP."},
	{IDSubjectMissing, "it names the user (NameID)", SeverityFail,
		"In JumpCloud, on the app's SSO tab, set SAMLSubject NameID to Email, and save."},
	{IDSubjectEmail, "it carries the user's e-mail address", SeverityFail,
		"In JumpCloud, on the app's SSO tab, set SAMLSubject NameID to Email (or add the attribute email mapped to the user's email), and save."},
	{IDValueSplit, "no comment or CDATA section splits the NameID or an attribute value", SeverityWarn,
		"JumpCloud never writes comments or CDATA into these values: the response was edited after JumpCloud produced it. Capture a fresh response; a service provider whose SAML library reads only the text before the comment sees another user."},
	{IDAdminUnknown, "the e-mail belongs to an existing admin", SeverityFail,
		"Create the admin in the service provider first, with the exact e-mail JumpCloud sends, or change the user's e-mail in JumpCloud."},
}

// ResponseTable is the table of `jcsso inspect`'s checks, in the order
// they are reported.
func ResponseTable() Table { return Table{checks: responseChecks[:]} }
