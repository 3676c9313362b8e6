package ssoconfig

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/jcsso/jcsso/internal/profile"
)

// Answers are everything the admin decided in the wizard (or passed as
// flags to `jcsso setup --yes`). They hold no secrets and no metadata
// bytes, so they can be saved for --resume as they are.
type Answers struct {
	// Step is the key of the wizard step the admin was on, for --resume.
	Step StepKey `json:"step"`
	// ProfileID is a built-in profile's id; ProfilePath a profile file.
	ProfileID   string `json:"profile_id,omitempty"`
	ProfilePath string `json:"profile_path,omitempty"`
	// Org is the organisation's short name or domain ("acmecorp").
	Org string `json:"org"`
	// SPEntityID and ACSURLs are typed in for profiles whose SP generates
	// them; otherwise they are the profile's values.
	SPEntityID string   `json:"sp_entity_id,omitempty"`
	ACSURLs    []string `json:"acs_urls,omitempty"`
	// IdPEntityID is what the admin entered in JumpCloud's IdP Entity ID.
	IdPEntityID string `json:"idp_entity_id"`
	// AppName is the app's name in JumpCloud (Display Label, IdP URL), for
	// a customizable profile; empty means the profile's name.
	AppName string `json:"app_name,omitempty"`
	// NameID, NameIDFormat and Sign are the SSO tab's choices for a
	// customizable profile; empty means the profile's.
	NameID       string `json:"nameid,omitempty"`
	NameIDFormat string `json:"nameid_format,omitempty"`
	Sign         string `json:"sign,omitempty"`
	// Attributes are a customizable profile's attributes as the admin set
	// them; nil means the profile's, an empty list none at all.
	Attributes []profile.Attribute `json:"attributes"`
	// Checklist marks the click-path items ticked off, by key.
	Checklist map[string]bool `json:"checklist,omitempty"`
	// MetadataSource is the URL, file path, or "pasted" the metadata came from.
	MetadataSource string `json:"metadata_source,omitempty"`
	// MetadataURL is set when the source was JumpCloud's metadata URL.
	MetadataURL string `json:"metadata_url,omitempty"`
	// Overridden are the failed finding ids the admin continued past.
	Overridden []string `json:"overridden,omitempty"`
	// EnforceSSO and ExcludedAdmins are the optional-enforcement rollout.
	EnforceSSO     bool     `json:"enforce_sso"`
	ExcludedAdmins []string `json:"excluded_admins,omitempty"`
	// UsersNotified confirms users were told every session will end.
	UsersNotified bool `json:"users_notified"`
	// OutDir is the output folder.
	OutDir string `json:"out_dir,omitempty"`
	// LiveLogin is how the wizard's optional live login test ended:
	// passed, rejected, no-response, cancelled or skipped ("" not reached).
	LiveLogin string `json:"live_login,omitempty"`
}

// StepKey names a wizard step in a saved session ("import"). Sessions saved
// before steps had keys hold the step's 1-based number instead; it reads
// back as that number in decimal ("6"), which Number reports so the wizard
// can map it to its key.
type StepKey string

// Number reports a step saved by number, as older sessions did.
func (k StepKey) Number() (int, bool) {
	n, err := strconv.Atoi(string(k))
	return n, err == nil
}

// UnmarshalJSON reads a key, or the number of an older session.
func (k *StepKey) UnmarshalJSON(data []byte) error {
	if d := bytes.TrimSpace(data); len(d) > 0 && d[0] != '"' {
		var n json.Number
		if err := json.Unmarshal(d, &n); err != nil {
			return err
		}
		*k = StepKey(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*k = StepKey(s)
	return nil
}

// IsURL reports whether a metadata source is a URL (JumpCloud's Copy
// Metadata URL value) rather than a file, "-" or pasted XML: such a source
// is the metadata URL a support-handoff profile sends on.
func IsURL(source string) bool {
	return strings.HasPrefix(source, "https://") || strings.HasPrefix(source, "http://")
}

// URLToCompare is the metadata URL a support-handoff profile sends on
// when the checked metadata came from elsewhere (a file, a paste, another
// URL), or "": before it is sent it must be fetched and compared with what
// was checked (drift.ServedFrom), since the SP's support fetches it.
func (a Answers) URLToCompare(p *profile.Profile) string {
	if p == nil || p.Handoff.Method != profile.HandoffSupport || a.MetadataURL == a.MetadataSource {
		return ""
	}
	return a.MetadataURL
}

// SAML is the SSO tab's settings in force: the profile's, with a
// customizable profile's choices from the answers.
func (a Answers) SAML(p *profile.Profile) profile.SAML {
	s := p.SAML
	if !p.Customizable {
		return s
	}
	if a.NameID != "" {
		s.NameID = a.NameID
	}
	if a.NameIDFormat != "" {
		s.NameIDFormat = a.NameIDFormat
	}
	if a.Sign != "" {
		s.Sign = a.Sign
	}
	if a.Attributes != nil {
		s.Attributes = append([]profile.Attribute{}, a.Attributes...)
	}
	return s
}

// App is the app's name in JumpCloud: the one the admin chose for a
// customizable profile, else the profile's name.
func (a Answers) App(p *profile.Profile) string { return p.AppName(a.AppName) }

// LabelKnown reports whether the app's Display Label is known: a fixed
// profile's name, or the app name given for a customizable one (a generic
// profile's own name is no label). The wizard offers to copy it, and the
// metadata check expects its default IdP URL (profile.AppSlug).
func (a Answers) LabelKnown(p *profile.Profile) bool {
	return !p.Customizable || strings.TrimSpace(a.AppName) != ""
}
