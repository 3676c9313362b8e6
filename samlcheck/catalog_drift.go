package samlcheck

// The ids of the comparison of fresh metadata with saved values: drift,
// as `jcsso check --config CFG FRESH`, `jcsso doctor` and troubleshooting
// call it. They are stable: scripts match them.
const (
	IDDriftEntityIDChanged = "drift.entityid-changed"
	IDDriftSSOURLChanged   = "drift.sso-url-changed"
	IDDriftCertRotated     = "drift.cert-rotated"
	IDDriftCertAdded       = "drift.cert-added"
	IDDriftRedirectRemoved = "drift.redirect-removed"
	IDDriftFetchFailed     = "drift.fetch-failed"
)

// driftChecks holds the comparison's checks, in the order they run. A
// rotated certificate (no saved one is published any more) breaks every
// login at once; one added beside the saved one is a rollover the service
// provider can prepare for, a warning of its own and not also a rotation.
// drift.fetch-failed is the re-fetch of a saved metadata URL: a warning,
// since the saved copy is still checked and nothing fresh is known.
var driftChecks = [...]Check{
	{IDDriftFetchFailed, "the saved metadata URL still serves metadata", SeverityWarn,
		"Open the saved metadata URL in a private browser window: it must show JumpCloud's metadata XML without a login. Until it does, check the metadata by hand: click Export Metadata on the application's SSO tab in JumpCloud, then run jcsso check --config sso-config.yaml with that file."},
	{IDDriftEntityIDChanged, "the fresh metadata's entityID is the saved one", SeverityFail,
		"The IdP Entity ID on the application's SSO tab in JumpCloud changed since the configuration was written (or this is another application's metadata). Put the saved value back in JumpCloud, or give the service provider the new one and run jcsso setup again."},
	{IDDriftSSOURLChanged, "the fresh metadata still offers the saved sign-on URL", SeverityFail,
		"The application's IdP URL in JumpCloud is not the one the service provider was given (or this is another application's metadata): give the service provider the fresh metadata and run jcsso setup again."},
	{IDDriftCertRotated, "a saved signing certificate is still the one published", SeverityFail,
		"JumpCloud's signing certificate was regenerated (or replaced) since the configuration was written, and the service provider still trusts the old one, so every login now fails its signature check: upload the fresh metadata to the service provider at once, then run jcsso setup again to save it."},
	{IDDriftCertAdded, "no signing certificate was added beside the saved one", SeverityWarn,
		"Upload the fresh metadata to the service provider now, so that it trusts the new certificate before JumpCloud signs with it, then run jcsso setup again to save it."},
	{IDDriftRedirectRemoved, "the fresh metadata still offers the HTTP-Redirect binding the saved one did", SeverityWarn,
		"On the application's SSO tab in JumpCloud, tick Declare Redirect Endpoint again and save, then export fresh metadata and upload it to the service provider; if it was unticked on purpose, make sure the service provider sends its requests by HTTP-POST."},
}

// DriftTable is the table of the comparison of fresh metadata with the
// values a configuration saved, in the order it runs.
func DriftTable() Table { return Table{checks: driftChecks[:]} }
