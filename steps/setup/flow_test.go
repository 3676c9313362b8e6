package setup

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
)

// dump logs every screen when JCSSO_DUMP is set, for looking at them.
func (h *harness) dump(label string) {
	if h.onDump != nil {
		h.onDump(label, h.screen())
	}
	if os.Getenv("JCSSO_DUMP") != "" {
		h.t.Logf("%s\n%s", label, h.screen())
	}
}

// walk goes through the whole wizard for one built-in profile, the way a
// first-time admin would, and returns the harness at the written screen.
func walk(t *testing.T, id string, f *fakes, onDump func(label, screen string)) *harness {
	t.Helper()
	h := newHarness(t, Options{Services: f.services()})
	h.onDump = onDump
	h.wantStep(1)
	// Step 1: choose the profile, type the organisation.
	for i, p := range profile.Builtins() {
		if p.ID == id {
			for range i {
				h.key("down")
			}
		}
	}
	h.key("tab")
	h.typeText("acmecorp.com")
	h.dump("step 1")
	h.key("enter")
	h.wantStep(2)
	// Step 2: the SP values.
	h.dump("step 2")
	p, _ := profile.Builtin(id)
	if p.ServiceProvider.Generated {
		h.key("enter")
		h.wantStep(2) // empty fields cannot advance
		h.typeText("https://acme.vome.example/saml")
		h.key("tab")
		h.typeText("http://acme.vome.example/acs")
		h.wantScreen("must use https")
		h.dump("step 2, a mistake")
		for range len("http://acme.vome.example/acs") {
			h.key("backspace")
		}
		h.typeText("https://acme.vome.example/acs")
		h.wantScreen("✓ looks right")
		h.dump("step 2, fixed")
	} else {
		h.wantScreen("https://app.avoma.com", "https://prod-api.avoma.com/saml2/acs")
	}
	h.key("enter")
	h.wantStep(3)
	// Step 3: the checklist must be ticked off.
	h.key("enter")
	h.wantStep(3)
	h.key("space", "space")
	h.dump("step 3")
	h.key("a", "enter")
	h.wantStep(4)
	// Step 4: the SSO tab.
	h.dump("step 4")
	h.wantScreen("IdP Entity ID", "jumpcloud-acmecorp", "SP Entity ID", "SAMLSubject NameID", "↓ more")
	h.key("down", "c")
	h.wantScreen("copied SP Entity ID")
	for range 9 {
		h.key("down")
	}
	h.wantScreen("Declare Redirect Endpoint", "IdP URL", "cannot be changed after the app is created", "↑ more")
	h.dump("step 4, IdP URL")
	h.key("enter")
	h.wantStep(5)
	h.dump("step 5")
	h.key("enter")
	h.wantStep(6)
	// Step 6: import with the URL method.
	h.dump("step 6")
	h.key("enter")
	h.typeText("https://sso.jumpcloud.example/metadata/abc")
	h.dump("step 6, url")
	h.key("enter")
	h.wantScreen("The metadata is ready")
	h.dump("step 6, results")
	h.key("enter")
	h.wantStep(7)
	h.dump("step 7")
	if p.Rollout.Mode == profile.RolloutSessionsEnd {
		h.key("enter")
		h.wantStep(7)
		h.key("space")
	} else {
		h.key("space", "tab")
		h.typeText("it@acmecorp.com")
		h.key("enter")
		if !slices.Contains(h.w.ans.ExcludedAdmins, "it@acmecorp.com") {
			t.Fatalf("excluded admins = %v", h.w.ans.ExcludedAdmins)
		}
	}
	h.dump("step 7, done")
	h.key("enter")
	h.wantStep(8)
	h.dump("step 8")
	h.key("enter")
	return h
}

func TestFlowEveryProfile(t *testing.T) {
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
			h := walk(t, id, f, nil)
			h.wantScreen("Written to jcsso-acmecorp", "sso-config.yaml", "Next:")
			h.dump("step 8, written")
			if !h.w.done || len(f.wrote) != 1 || f.wrote[0] != "./jcsso-acmecorp" {
				t.Fatalf("done=%v wrote=%v", h.w.done, f.wrote)
			}
			if f.cleared != 1 {
				t.Errorf("session cleared %d times, want once after writing", f.cleared)
			}
			if len(f.copied) != 1 || !strings.HasPrefix(f.copied[0], "http") {
				t.Errorf("native clipboard got %v", f.copied)
			}
			// Answers were saved at every step change, with the step.
			if n := len(f.sessions); n < 7 || f.sessions[n-1].Step != keyReview {
				t.Errorf("sessions saved: %d, last step %q", n, f.sessions[n-1].Step)
			}
			// enter quits without asking.
			h.key("enter")
			if !h.m.Quitting() {
				t.Error("enter on the written screen does not quit")
			}
		})
	}
}
