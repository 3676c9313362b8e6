package profile

import "testing"

// TestValidID pins the id rule the error message states: lower-case
// letters, digits and dashes, not starting with a dash.
func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"vome": true, "acme-crm": true, "3com": true, "a-": true,
		"": false, "-acme": false, "Acme": false, "acme_crm": false, "acme crm": false, "café": false,
	} {
		if got := validID(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}
