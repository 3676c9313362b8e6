package samlcheck

// Endpoint is one SingleSignOnService of the IdP.
type Endpoint struct {
	Binding string `json:"binding"`
	URL     string `json:"url"`
}

// IdPInfo is what IdP metadata says about the identity provider: what the
// metadata check reports, and what the other parts take from checked
// metadata (a response's trust, drift, the live login's endpoints).
type IdPInfo struct {
	EntityID                string     `json:"entity_id"`
	SSO                     []Endpoint `json:"sso"`
	NameIDFormats           []string   `json:"nameid_formats"`
	WantAuthnRequestsSigned bool       `json:"want_authn_requests_signed"`
	// Certificates are the signing certificates that could be parsed.
	Certificates []CertInfo `json:"certificates"`
}
