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
	if h.onScreen != nil {
		h.onScreen(h, label)
	}
	if h.onDump != nil {
		h.onDump(label, h.Screen())
	}
	if os.Getenv("JCSSO_DUMP") != "" {
		h.t.Logf("%s\n%s", label, h.Screen())
	}
}

// walk goes through the whole wizard for one built-in profile, the way a
// first-time admin would, and returns the harness at the written screen.
func walk(t *testing.T, id string, f *fakes, onDump func(label, screen string)) *harness {
	t.Helper()
	return walkWith(t, id, f, onDump, nil)
}

// walkWith is walk, calling onScreen with the harness at each screen.
func walkWith(t *testing.T, id string, f *fakes, onDump func(label, screen string), onScreen func(h *harness, label string)) *harness {
	t.Helper()
	h := newHarness(t, Options{Services: f.services()})
	h.onDump, h.onScreen = onDump, onScreen
	h.WantPosition(1)
	// Step 1: choose the profile, type the organisation.
	for i, p := range profile.Builtins() {
		if p.ID == id {
			for range i {
				h.Keys("down")
			}
		}
	}
	h.Keys("tab")
	h.Type("acmecorp.com")
	h.dump("step 1")
	h.Keys("enter")
	h.WantPosition(2)
	// Step 2: the SP values.
	h.dump("step 2")
	p, _ := profile.Builtin(id)
	if p.ServiceProvider.Generated {
		h.Keys("enter")
		h.WantPosition(2) // empty fields cannot advance
		fillSPValues(p, h.Type, h.Keys, "https://acme.vome.example/saml", "http://acme.vome.example/acs")
		h.WantScreen("must use https")
		h.dump("step 2, a mistake")
		for range len("http://acme.vome.example/acs") {
			h.Keys("backspace")
		}
		h.Type("https://acme.vome.example/acs")
		h.WantScreen("✓ looks right")
		h.dump("step 2, fixed")
	} else {
		h.WantScreen("https://app.avoma.com", "https://prod-api.avoma.com/saml2/acs")
	}
	h.Keys("enter")
	h.WantPosition(3)
	// Step 3: the checklist must be ticked off.
	h.Keys("enter")
	h.WantPosition(3)
	h.Keys("space", "space")
	h.dump("step 3")
	h.Keys("a", "enter")
	h.WantPosition(4)
	// Step 4: the SSO tab.
	h.dump("step 4")
	h.WantScreen("IdP Entity ID", "jumpcloud-acmecorp", "SP Entity ID", "SAMLSubject NameID", "↓ more")
	h.Keys("down", "c")
	h.WantScreen("copied SP Entity ID")
	for range 9 {
		h.Keys("down")
	}
	h.WantScreen("Declare Redirect Endpoint", "IdP URL", "cannot be changed after the app is created", "↑ more")
	h.dump("step 4, IdP URL")
	h.Keys("enter")
	h.WantPosition(5)
	h.dump("step 5")
	h.Keys("enter")
	h.WantPosition(6)
	// Step 6: import with the URL method.
	h.dump("step 6")
	h.Keys("enter")
	h.Type("https://sso.jumpcloud.example/metadata/abc")
	h.dump("step 6, url")
	h.Keys("enter")
	h.WantScreen("The metadata is ready")
	h.dump("step 6, results")
	h.Keys("enter")
	h.WantPosition(7)
	// Step 7: the live login test, passed.
	h.WantScreen("Test a live login (optional)", "http://127.0.0.1:8741/saml/acs", "Waiting for the response")
	h.dump("step 7, live test")
	h.passLiveTest(f)
	h.WantScreen("✓ Passed: alice@acmecorp.com logged in")
	h.dump("step 7, live test passed")
	h.Keys("enter")
	h.WantPosition(8)
	h.dump("step 8")
	if p.Rollout.Mode == profile.RolloutSessionsEnd {
		h.Keys("enter")
		h.WantPosition(8)
		h.Keys("space")
	} else {
		h.Keys("space", "tab")
		h.Type("it@acmecorp.com")
		h.Keys("enter")
		if !slices.Contains(h.w.ans.ExcludedAdmins, "it@acmecorp.com") {
			t.Fatalf("excluded admins = %v", h.w.ans.ExcludedAdmins)
		}
	}
	h.dump("step 8, done")
	h.Keys("enter")
	h.WantPosition(9)
	h.WantScreen("Live login", "passed")
	h.dump("step 9")
	h.Keys("enter")
	return h
}

func TestFlowEveryProfile(t *testing.T) {
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
			h := walk(t, id, f, nil)
			h.WantScreen("Written to jcsso-acmecorp", "sso-config.yaml", "Next:")
			h.dump("step 9, written")
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
			h.Keys("enter")
			if !h.M.Quitting() {
				t.Error("enter on the written screen does not quit")
			}
		})
	}
}
