// Package profile describes a service provider (the SaaS app being
// connected to JumpCloud): the values the admin enters in JumpCloud, how the
// result reaches the SP, and the SP's rollout rules. Built-in profiles are
// YAML files embedded in the binary and read by the same loader as a
// vendor's --profile FILE, so the format is exercised by every run.
package profile

// Profile is one service provider's SAML requirements. The YAML keys are
// the format vendors write; see the README's "Profile format" section.
type Profile struct {
	// ID is the short name used with --profile (vome, avoma, generic).
	ID string `yaml:"id" json:"id"`
	// Name is the SP's display name, also the suggested Display Label.
	Name string `yaml:"name" json:"name"`
	// ReferAs is how texts name the SP mid-sentence ("the service
	// provider" for generic); empty means Name. Use (*Profile).SPName.
	// Optional; added after the first stub.
	ReferAs string `yaml:"refer_as,omitempty" json:"refer_as,omitempty"`
	// Description is one line shown in `jcsso profiles`.
	Description string `yaml:"description" json:"description"`
	// Requirements are the SP's own conditions, shown before the admin
	// begins (such as "admins must already exist in Vome").
	Requirements []string `yaml:"requirements" json:"requirements"`
	// SignIn says how a user starts an SSO sign-in at the SP, for the
	// verification step (such as "choose the SSO option on the login
	// screen"). Optional; added after the first stub.
	SignIn string `yaml:"sign_in,omitempty" json:"sign_in,omitempty"`
	// Customizable says the profile describes any app rather than one:
	// the wizard asks for the app's name (its Display Label, and the name
	// in its IdP URL) and lets the admin choose the NameID, its format,
	// what is signed and the attributes; the profile's values are the
	// starting point. Optional; added after the first stub.
	Customizable bool `yaml:"customizable,omitempty" json:"customizable,omitempty"`

	ServiceProvider ServiceProvider `yaml:"service_provider" json:"service_provider"`
	IdPEntityID     IdPEntityID     `yaml:"idp_entity_id" json:"idp_entity_id"`
	SAML            SAML            `yaml:"saml" json:"saml"`
	Access          Access          `yaml:"access" json:"access"`
	Handoff         Handoff         `yaml:"handoff" json:"handoff"`
	Rollout         Rollout         `yaml:"rollout" json:"rollout"`
}

// ServiceProvider holds the SP's values, or says the SP generates them per
// organisation (the admin copies them from the SP's settings page).
type ServiceProvider struct {
	// Generated is true when the SP shows its own Entity ID and ACS URL to
	// each organisation; EntityID and ACSURLs are then empty and the
	// wizard asks for them.
	Generated bool `yaml:"generated" json:"generated"`
	// WhereToFind tells the admin where the SP shows generated values.
	WhereToFind string `yaml:"where_to_find" json:"where_to_find"`
	// SPMetadata says the SP publishes its own SAML metadata (an
	// md:SPSSODescriptor), so the wizard offers to read the SP Entity ID
	// and the ACS URLs from it, by URL or file, instead of typing them.
	// Only with generated. Optional; added after the first stub.
	SPMetadata        bool     `yaml:"sp_metadata,omitempty" json:"sp_metadata,omitempty"`
	EntityID          string   `yaml:"entity_id" json:"entity_id"`
	ACSURLs           []string `yaml:"acs_urls" json:"acs_urls"`
	LoginURL          string   `yaml:"login_url" json:"login_url"`
	DefaultRelayState string   `yaml:"default_relay_state" json:"default_relay_state"`
}

// IdPEntityID says what to type into JumpCloud's IdP Entity ID field.
type IdPEntityID struct {
	// Suggest is a template; "{org}" is replaced with the organisation's
	// short name (default "jumpcloud-{org}").
	Suggest string `yaml:"suggest" json:"suggest"`
	// Note is shown beside the field (such as "send the exact same string
	// to Avoma").
	Note string `yaml:"note" json:"note"`
}

// SAML are the SSO tab settings the SP needs.
type SAML struct {
	// NameID is the JumpCloud user field for SAMLSubject NameID ("email").
	NameID string `yaml:"nameid" json:"nameid"`
	// NameIDFormat is the full URN for SAMLSubject NameID Format.
	NameIDFormat string `yaml:"nameid_format" json:"nameid_format"`
	// SignatureAlgorithm is "rsa-sha256".
	SignatureAlgorithm string `yaml:"signature_algorithm" json:"signature_algorithm"`
	// Sign is "assertion_and_response", "assertion" or "response".
	Sign string `yaml:"sign" json:"sign"`
	// DeclareRedirectEndpoint says whether to tick the box.
	DeclareRedirectEndpoint bool `yaml:"declare_redirect_endpoint" json:"declare_redirect_endpoint"`
	// Attributes map the SP's attribute names to JumpCloud user fields.
	Attributes []Attribute `yaml:"attributes" json:"attributes"`
}

// Attribute is one SAML attribute JumpCloud sends.
type Attribute struct {
	// Name is the attribute name the SP reads (Service Provider Attribute Name).
	Name string `yaml:"name" json:"name"`
	// JumpCloud is the JumpCloud user field (JumpCloud Attribute Name).
	JumpCloud string `yaml:"jumpcloud" json:"jumpcloud"`
}

// Access says who signs in through SSO.
type Access struct {
	// Scope is "admins" (only the SP's admins use SSO) or "all_users".
	Scope string `yaml:"scope" json:"scope"`
	// AdminsMustExist says the SP matches the e-mail to an existing admin
	// and does not create accounts.
	AdminsMustExist bool `yaml:"admins_must_exist" json:"admins_must_exist"`
	// EmailCaseSensitive says the SP compares the part of an e-mail
	// address before the @ letter for letter, case included (the domain
	// never is). The default, false, is what most SPs do: Ann@acme.com and
	// ann@acme.com are one person. Optional; added after the first stub.
	EmailCaseSensitive bool `yaml:"email_case_sensitive,omitempty" json:"email_case_sensitive,omitempty"`
}

// Handoff says how JumpCloud's side reaches the SP.
type Handoff struct {
	// Method is "upload_metadata" (the admin uploads the exported file in
	// the SP) or "send_to_support" (the admin sends the metadata URL and
	// the IdP Entity ID to the SP's support).
	Method string `yaml:"method" json:"method"`
	// Where says where in the SP to upload, or whom to contact.
	Where string `yaml:"where" json:"where"`
}

// Rollout are the SP's rules for going live.
type Rollout struct {
	// Mode is "optional_enforcement" (enforcement can be switched on, with
	// excluded admins) or "sessions_end" (the SP ends every session and SSO
	// becomes the only way in).
	Mode string `yaml:"mode" json:"mode"`
	// Note is shown on the rollout step.
	Note string `yaml:"note" json:"note"`
	// Where says where in the SP enforcement is switched on (for
	// optional_enforcement). Optional; added after the first stub.
	Where string `yaml:"where,omitempty" json:"where,omitempty"`
}
