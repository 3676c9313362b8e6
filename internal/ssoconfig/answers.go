package ssoconfig

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
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
