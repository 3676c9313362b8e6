package samlcheck

import "time"

// MetadataOptions are the expectations and clock for CheckMetadata. Empty
// strings mean "not given": the matching check reports info, never pass.
type MetadataOptions struct {
	// SPEntityID is the service provider's entity ID (--sp-entity-id).
	SPEntityID string
	// ACSURL is the service provider's ACS URL (--acs-url).
	ACSURL string
	// IdPEntityID is what the admin typed into JumpCloud's IdP Entity ID
	// field (--idp-entity-id), expected as the metadata's entityID.
	IdPEntityID string
	// WarnDays is how close to expiry a certificate earns cert.expiring;
	// 0 means the default, 60 (JumpCloud's first warning).
	WarnDays int
	// Now is the clock for every time comparison; zero means time.Now().
	Now time.Time
	// NameIDNotEmail says the service provider does not match users by
	// e-mail, which silences nameid.format. The zero value (match by
	// e-mail) is what every built-in profile does.
	NameIDNotEmail bool
}

// Endpoint is one SingleSignOnService of the IdP.
type Endpoint struct {
	Binding string `json:"binding"`
	URL     string `json:"url"`
}

// IdPInfo is what the metadata says about the identity provider.
type IdPInfo struct {
	EntityID                string     `json:"entity_id"`
	SSO                     []Endpoint `json:"sso"`
	NameIDFormats           []string   `json:"nameid_formats"`
	WantAuthnRequestsSigned bool       `json:"want_authn_requests_signed"`
	// Certificates are the signing certificates that could be parsed.
	Certificates []CertInfo `json:"certificates"`
}

// MetadataReport is the result of CheckMetadata; its JSON form is the
// output of `jcsso check --json`.
type MetadataReport struct {
	Source   string   `json:"source"`
	OK       bool     `json:"ok"`
	IdP      IdPInfo  `json:"idp"`
	Findings Findings `json:"findings"`
}

// CheckMetadata parses an IdP metadata document and runs every metadata
// check on it. It never fails: unreadable input is itself a finding.
func CheckMetadata(data []byte, opts MetadataOptions) *MetadataReport {
	panic("not implemented yet")
}
