package setup

import (
	"slices"
	"strings"
	"testing"
)

// The last screen copies the message for the SP's support, when there is
// one, not only points to it in the file (item 16).
func TestLastScreenCopiesTheSupportMessage(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp"), message: "Subject: SAML single sign-on for acmecorp\n"}
	h := walk(t, "avoma", f, nil)
	h.WantScreen("Written to", "c copies the message for Avoma's support", "c copy the message")
	if s := strings.Join(strings.Fields(h.Screen()), " "); !strings.Contains(s, "Send it to: the support team.") {
		t.Errorf("whom to send it to:\n%s", h.Screen())
	}
	h.Keys("c")
	h.WantScreen("copied the message for Avoma's support")
	if !slices.Contains(f.copied, f.message) {
		t.Errorf("copied %q", f.copied)
	}
	// Vome's setup has no message: nothing is offered.
	f = &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h = walk(t, "vome", f, nil)
	h.WantScreen("Written to")
	h.Keys("c")
	if len(f.copied) != 1 { // the SP Entity ID copied on step 4
		t.Errorf("copied %q", f.copied)
	}
}
