package samlcheck

// The metadata checks' ids, in the order metadata.Check runs them.
const (
	IDXMLHTML             = "xml.html"
	IDXMLParse            = "xml.parse"
	IDMetadataRoot        = "metadata.root"
	IDMetadataIdP         = "metadata.idp"
	IDMetadataExpired     = "metadata.expired"
	IDMetadataSignature   = "metadata.signature"
	IDEntityIDMissing     = "entityid.missing"
	IDEntityIDPlaceholder = "entityid.placeholder"
	IDEntityIDSameAsSP    = "entityid.same-as-sp"
	IDEntityIDMismatch    = "entityid.mismatch"
	IDSSOMissing          = "sso.missing"
	IDSSOURL              = "sso.url"
	IDSSONotJumpCloud     = "sso.not-jumpcloud"
	IDSSONoRedirect       = "sso.no-redirect"
	IDSSOAppName          = "sso.app-name"
	IDACSURL              = "acs.url"
	IDCertMissing         = "cert.missing"
	IDCertInvalid         = "cert.invalid"
	IDCertExpired         = "cert.expired"
	IDCertExpiring        = "cert.expiring"
	IDCertWeak            = "cert.weak"
	IDNameIDFormat        = "nameid.format"
	IDAuthnSignedRequests = "authn.signed-requests"
)

// metadataChecks is the table of the metadata checks, in the order
// `jcsso check` runs them: a finding's fix comes from here unless the
// check has something more specific to say. Severity is what a problem
// found is, where it is always the same: metadata.root warns for an
// aggregate of one identity provider, cert.weak for a SHA-1 signature.
var metadataChecks = [...]Check{
	{IDXMLHTML, "the source is metadata, not an HTML page", SeverityFail,
		"The URL or file is a web page, not the metadata. In JumpCloud, open SSO Applications → the application → SSO tab, then use Export Metadata (a file) or Copy Metadata URL, and check that file or URL instead."},
	{IDXMLParse, "the document is well-formed, safe XML", SeverityFail,
		"Export the metadata again from JumpCloud (SSO Applications → the application → SSO tab → Export Metadata) and use the file as downloaded, without editing it."},
	{IDMetadataRoot, "the root element is md:EntityDescriptor", SeverityFail,
		"Give the service provider the single md:EntityDescriptor of the JumpCloud application: export it from the application's SSO tab in JumpCloud rather than using an aggregate or a hand-made file."},
	{IDMetadataIdP, "the document describes a SAML 2.0 identity provider", SeverityFail,
		"Use JumpCloud's metadata (the identity provider's), not the service provider's: in JumpCloud, SSO Applications → the application → SSO tab → Export Metadata."},
	{IDMetadataExpired, "the metadata's validUntil has not passed", SeverityFail,
		"Export fresh metadata from the application's SSO tab in JumpCloud and upload it to the service provider again."},
	{IDMetadataSignature, "a signature on the metadata, if any, verifies", SeverityFail,
		"The file was changed after it was signed, or its signature is broken: export it again from its source and do not edit it. JumpCloud's own exports are not signed."},
	{IDEntityIDMissing, "the metadata has an entityID", SeverityFail,
		"In JumpCloud, fill in IdP Entity ID on the application's SSO tab (for example jumpcloud-<your-org>), save the application, and export the metadata again."},
	{IDEntityIDPlaceholder, "the entityID is not JumpCloud's unfilled placeholder", SeverityFail, placeholderFix},
	{IDEntityIDSameAsSP, "the IdP entity ID differs from the service provider's", SeverityFail,
		"In JumpCloud's SSO tab, IdP Entity ID must be a value of your own (for example jumpcloud-<your-org>), never the service provider's SP Entity ID. Change it, save, and export fresh metadata."},
	{IDEntityIDMismatch, "the entityID is the IdP Entity ID the admin expects", SeverityFail,
		"Make IdP Entity ID on the application's SSO tab in JumpCloud and the value given to the service provider exactly the same string (case and spaces count), save, and export fresh metadata."},
	{IDSSOMissing, "the IdP offers an HTTP-POST or HTTP-Redirect sign-on endpoint", SeverityFail,
		"Export the metadata from the application's SSO tab in JumpCloud; it lists the sign-on URL (IdP URL) with the HTTP-POST binding, and HTTP-Redirect when Declare Redirect Endpoint is ticked."},
	{IDSSOURL, "every sign-on Location is an absolute https URL", SeverityFail,
		"The sign-on URL must be an absolute https URL. In JumpCloud leave IdP URL at its default (https://sso.jumpcloud.com/saml2/<name>) and export the metadata again; do not edit the file by hand."},
	{IDSSONotJumpCloud, "the sign-on URL has JumpCloud's form", SeverityWarn,
		"JumpCloud's sign-on URL is https://sso.jumpcloud.com/saml2/<application name>. If this metadata should come from JumpCloud, export it again from the application's SSO tab; otherwise ignore this warning."},
	{IDSSONoRedirect, "the IdP offers the HTTP-Redirect binding as well as HTTP-POST", SeverityWarn,
		"In JumpCloud, tick Declare Redirect Endpoint on the application's SSO tab, save, and export fresh metadata; service providers that send their requests by redirect need it."},
	{IDSSOAppName, "the sign-on URL names the JumpCloud application expected", SeverityWarn,
		"In JumpCloud, open SSO Applications, pick the application made for this service provider (its IdP URL on the General Info tab ends in /saml2/ and its name), and export that application's metadata from its SSO tab. If the application really has the name in this file (it was created under another name), this warning can be ignored."},
	{IDACSURL, "the service provider's ACS URL is a usable https URL", SeverityFail,
		"Copy the ACS URL again from the service provider's SAML settings; it is an https address of the service provider, not JumpCloud's sign-on URL."},
	{IDCertMissing, "the IdP publishes a signing certificate", SeverityFail,
		"In JumpCloud, activate the application (activation generates the signing certificate), or upload your own certificate and key on the SSO tab, then export fresh metadata."},
	{IDCertInvalid, "every signing certificate can be decoded and parsed", SeverityFail,
		"Export the metadata again from JumpCloud and use it unedited; an X509Certificate must hold the certificate's base64 DER (no PEM header lines, no double encoding)."},
	{IDCertExpired, "every signing certificate is valid at the clock", SeverityFail,
		"In JumpCloud, regenerate the application's certificate (or upload a new one) on the SSO tab, save, then export fresh metadata and upload it to the service provider. " + expiredCertBreaks},
	{IDCertExpiring, "no signing certificate expires within the warning period", SeverityWarn,
		"Plan the rotation: regenerate the certificate on the application's SSO tab in JumpCloud, then at once upload the fresh metadata to the service provider (logins fail between the two steps)."},
	{IDCertWeak, "signing keys are RSA-2048 or stronger, certificates not signed with SHA-1", SeverityFail,
		"In JumpCloud, regenerate the application's certificate (JumpCloud makes RSA-4096 with SHA-256), or upload a stronger one, then export fresh metadata and upload it to the service provider."},
	{IDNameIDFormat, "the IdP can send an e-mail NameID (emailAddress or unspecified)", SeverityWarn,
		"In JumpCloud's SSO tab set SAMLSubject NameID to Email and SAMLSubject NameID Format to emailAddress (or unspecified), save, and export fresh metadata."},
	{IDAuthnSignedRequests, "the IdP does not require signed authentication requests", SeverityWarn,
		"Either untick the signed-request requirement for this application, or make the service provider sign its requests and upload its certificate as SP Certificate on the application's SSO tab in JumpCloud."},
}

// MetadataTable is the table of `jcsso check`'s checks, in the order they
// run.
func MetadataTable() Table { return Table{checks: metadataChecks[:]} }

// expiredCertBreaks says whom an expired certificate stops, in the fixes
// of cert.expired (metadata) and signature.cert-expired (a response): only
// the service providers that check its dates, unlike a rotated one, which
// stops them all.
const expiredCertBreaks = "Until then, service providers whose SAML library checks the certificate's dates (goxmldsig-based ones) refuse every login; others still accept it."

// placeholderFix is the fix for JumpCloud's unfilled "IdP Entity ID"
// placeholder, in metadata (entityid.placeholder) and in a response's
// Issuer (issuer.placeholder): the diagnosis is the same, so is the fix.
const placeholderFix = "Save the application in JumpCloud and export fresh metadata: open the application's SSO tab, fill in IdP Entity ID (for example jumpcloud-<your-org>), click Save, then Export Metadata again and give that new file to the service provider."
