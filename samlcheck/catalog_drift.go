package samlcheck

// The ids of the comparison of fresh metadata with saved values: drift,
// as the doctor and troubleshooting flows call it. They are stable:
// scripts match them. drift.cert-added, drift.redirect-removed and
// drift.fetch-failed are reported by `jcsso doctor` (issue 14); they are
// named here first so that every flow refers to the same constants.
const (
	IDDriftEntityIDChanged = "drift.entityid-changed"
	IDDriftSSOURLChanged   = "drift.sso-url-changed"
	IDDriftCertRotated     = "drift.cert-rotated"
	IDDriftCertAdded       = "drift.cert-added"
	IDDriftRedirectRemoved = "drift.redirect-removed"
	IDDriftFetchFailed     = "drift.fetch-failed"
)

// driftChecks holds the comparison's checks, in the order it runs them;
// drift.cert-rotated warns, with a fix of its own, when a rotation has
// only begun.
var driftChecks = [...]Check{
	{IDDriftEntityIDChanged, "the fresh metadata's entityID is the saved one", SeverityFail,
		"The IdP Entity ID on the application's SSO tab in JumpCloud changed since the configuration was written (or this is another application's metadata). Put the saved value back in JumpCloud, or give the service provider the new one and run jcsso setup again."},
	{IDDriftSSOURLChanged, "the fresh metadata still offers the saved sign-on URL", SeverityFail,
		"The application's IdP URL in JumpCloud is not the one the service provider was given (or this is another application's metadata): give the service provider the fresh metadata and run jcsso setup again."},
	{IDDriftCertRotated, "the fresh metadata's signing certificate is a saved one", SeverityFail,
		"JumpCloud's signing certificate was regenerated (or replaced) since the configuration was written, and the service provider still trusts the old one, so every login now fails its signature check: upload the fresh metadata to the service provider at once, then run jcsso setup again to save it."},
}

// DriftTable is the table of the comparison of fresh metadata with the
// values a configuration saved, in the order it runs.
func DriftTable() Table { return Table{checks: driftChecks[:]} }
