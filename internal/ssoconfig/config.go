// Package ssoconfig is what a setup leaves on disk: the configuration
// (sso-config.yaml, version 1), the answers it is built from and their
// rules (CheckAnswers, overrides), NEXT-STEPS as data, the output folder
// that holds them with the validated metadata (WriteSetup is the one write
// path), the saved session for --resume, and the one atomic file writer.
package ssoconfig

import "time"

// Version is the sso-config format version this package writes and reads.
const Version = 1

// Config is sso-config.yaml (or .json).
type Config struct {
	Version          int              `yaml:"version" json:"version"`
	Profile          string           `yaml:"profile" json:"profile"`
	Organization     string           `yaml:"organization" json:"organization"`
	ServiceProvider  ServiceProvider  `yaml:"service_provider" json:"service_provider"`
	IdentityProvider IdentityProvider `yaml:"identity_provider" json:"identity_provider"`
	SAML             SAML             `yaml:"saml" json:"saml"`
	Access           Access           `yaml:"access" json:"access"`
	Validation       Validation       `yaml:"validation" json:"validation"`
}

// ServiceProvider are the SP values entered in JumpCloud.
type ServiceProvider struct {
	Name              string   `yaml:"name" json:"name"`
	EntityID          string   `yaml:"entity_id" json:"entity_id"`
	ACSURLs           []string `yaml:"acs_urls" json:"acs_urls"`
	LoginURL          string   `yaml:"login_url,omitempty" json:"login_url,omitempty"`
	DefaultRelayState string   `yaml:"default_relay_state,omitempty" json:"default_relay_state,omitempty"`
}

// IdentityProvider is JumpCloud's side, as read from validated metadata.
type IdentityProvider struct {
	// EntityID is the IdP Entity ID the admin chose and gave the SP: what
	// every check and inspection of this folder expects.
	EntityID string `yaml:"entity_id" json:"entity_id"`
	// MetadataEntityID is the entityID JumpCloud's metadata carried, kept
	// only when it differs from EntityID (a failure the admin continued
	// past, such as an export made before the app was saved), so the file
	// records both what was expected and what JumpCloud said.
	MetadataEntityID string `yaml:"metadata_entity_id,omitempty" json:"metadata_entity_id,omitempty"`
	SSOURL           string `yaml:"sso_url" json:"sso_url"`
	SSOBinding       string `yaml:"sso_binding" json:"sso_binding"`
	// MetadataURL is the Copy Metadata URL value, when one was used.
	MetadataURL string `yaml:"metadata_url,omitempty" json:"metadata_url,omitempty"`
	// MetadataFile is relative to the config file's folder.
	MetadataFile string        `yaml:"metadata_file" json:"metadata_file"`
	Certificates []Certificate `yaml:"certificates" json:"certificates"`
}

// Certificate is one IdP signing certificate.
type Certificate struct {
	SHA256 string `yaml:"sha256" json:"sha256"`
	// SHA1 is for service providers that still show SHA-1 fingerprints.
	SHA1     string    `yaml:"sha1,omitempty" json:"sha1,omitempty"`
	NotAfter time.Time `yaml:"not_after" json:"not_after"`
	PEM      string    `yaml:"pem" json:"pem"`
}

// SAML are the SSO tab settings.
type SAML struct {
	NameID             string            `yaml:"nameid" json:"nameid"`
	NameIDFormat       string            `yaml:"nameid_format" json:"nameid_format"`
	Sign               string            `yaml:"sign" json:"sign"`
	SignatureAlgorithm string            `yaml:"signature_algorithm" json:"signature_algorithm"`
	Attributes         map[string]string `yaml:"attributes,omitempty" json:"attributes,omitempty"`
	// DeclareRedirectEndpoint is the SSO tab's checkbox as it was to be left.
	DeclareRedirectEndpoint bool `yaml:"declare_redirect_endpoint" json:"declare_redirect_endpoint"`
}

// Access says who uses SSO and whether it is enforced.
type Access struct {
	Scope          string   `yaml:"scope" json:"scope"`
	EnforceSSO     bool     `yaml:"enforce_sso" json:"enforce_sso"`
	ExcludedAdmins []string `yaml:"excluded_admins,omitempty" json:"excluded_admins,omitempty"`
	UsersNotified  bool     `yaml:"users_notified,omitempty" json:"users_notified,omitempty"`
}

// Validation records the metadata check the configuration was written after.
type Validation struct {
	CheckedAt time.Time `yaml:"checked_at" json:"checked_at"`
	OK        bool      `yaml:"ok" json:"ok"`
	// Overridden are the ids of failures the admin chose to continue past.
	Overridden []string         `yaml:"overridden,omitempty" json:"overridden,omitempty"`
	Findings   []FindingSummary `yaml:"findings" json:"findings"`
}

// FindingSummary is a finding's id and severity, and for a failure or a
// warning its message, which names the expected and the actual value.
type FindingSummary struct {
	ID       string `yaml:"id" json:"id"`
	Severity string `yaml:"severity" json:"severity"`
	Message  string `yaml:"message,omitempty" json:"message,omitempty"`
}
