package setup

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// sessionFile resumes the wizard from a session file as written on disk.
func sessionFile(t *testing.T, f *fakes, json string) *harness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "session.json")
	if err := os.WriteFile(path, []byte(json), 0o600); err != nil {
		t.Fatal(err)
	}
	svc := f.services()
	svc.LoadSession = func() (ssoconfig.Answers, error) { return ssoconfig.LoadSession(path) }
	return newHarness(t, Options{Services: svc, Resume: true})
}

// A session saved before steps had keys holds the step's number; it still
// resumes where it left off (step 5 is the assignment).
func TestResumeReadsANumberedSession(t *testing.T) {
	f := &fakes{}
	h := sessionFile(t, f, `{"step": 5, "profile_id": "avoma", "org": "acmecorp", "idp_entity_id": "jumpcloud-acmecorp", "enforce_sso": false, "users_notified": false}`)
	h.WantPosition(5)
	h.WantScreen("Assign users or groups")
	if h.w.ans.Step != keyAssign {
		t.Errorf("the numbered step reads as %q, want %q", h.w.ans.Step, keyAssign)
	}
	// back leads through the steps before it, as it did when numbered.
	h.Keys("esc")
	h.WantPosition(4)
}

// A session saves the step's key, and resumes from it.
func TestResumeStoresTheKey(t *testing.T) {
	f := &fakes{}
	h := sessionFile(t, f, `{"step": "ssotab", "profile_id": "vome", "org": "acmecorp", "sp_entity_id": "https://acme.vome.example/saml", "acs_urls": ["https://acme.vome.example/acs"], "idp_entity_id": "jumpcloud-acmecorp"}`)
	h.WantPosition(4)
	h.Keys("enter")
	h.WantPosition(5)
	f.mu.Lock()
	last := f.sessions[len(f.sessions)-1]
	f.mu.Unlock()
	if last.Step != keyAssign {
		t.Errorf("saved step %q, want %q", last.Step, keyAssign)
	}
	data, err := json.Marshal(last)
	if err != nil || !strings.Contains(string(data), `"step":"assign"`) {
		t.Errorf("session JSON %s (%v) does not name the step by key", data, err)
	}
}

// An unknown step (a newer jcsso's, or a number out of range) starts over.
func TestResumeUnknownStepStartsOver(t *testing.T) {
	for _, step := range []string{`"troubleshoot"`, `42`, `0`} {
		h := sessionFile(t, &fakes{}, `{"step": `+step+`, "profile_id": "avoma", "org": "acmecorp"}`)
		h.WantPosition(1)
	}
}

// Quitting on step 8 says where --resume really continues (the import,
// since the metadata is read again), and resuming lands there saying why;
// the message fits 80 columns (items 8 and 25).
func TestQuitMessageSaysWhereResumeContinues(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := walkTo8(t, f)
	err := h.w.quitError()
	if !errors.Is(err, ErrQuit) {
		t.Fatalf("%v is not ErrQuit", err)
	}
	msg := err.Error()
	if !strings.Contains(strings.Join(strings.Fields(msg), " "), "`jcsso setup --resume` continues from step 6, Import the metadata (the metadata is read again there; your later answers are kept).") {
		t.Errorf("quit message:\n%s", msg)
	}
	for _, l := range strings.Split(msg, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line of %d columns: %q", ansi.StringWidth(l), l)
		}
	}
	// Resumed: step 6, with the reason on the screen.
	h = newHarness(t, Options{Services: f.services(), Resume: true})
	h.WantPosition(6)
	h.WantScreen("Resumed from step 9: the metadata is not kept between runs")
	h.Send(pasteMsg(string(f.metadata)))
	h.WantScreen("Resumed from step 9", "The metadata is ready")
	h.Keys("enter")
	h.WantPosition(7)
	h.Keys("esc", "esc") // cancel the live test, then back
	h.WantPosition(6)
	if strings.Contains(h.Screen(), "Resumed from") {
		t.Error("the resume note stays after the admin went on")
	}
}

// The summary printed after the wizard stays within 80 columns.
func TestSummaryFitsEightyColumns(t *testing.T) {
	w := &wizard{written: []string{"/tmp/a/sso-config.yaml"}, writtenDir: "/tmp/a",
		nextSteps: "fix the failure you continued past (NEXT-STEPS.md says how); until then the sign-in cannot work"}
	var b strings.Builder
	printSummary(&b, w)
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line of %d columns: %q", ansi.StringWidth(l), l)
		}
	}
}

// A plain run while a session is saved offers to resume it: y continues
// where it was, n starts afresh (item 8).
func TestPlainRunOffersTheSavedSession(t *testing.T) {
	saved := ssoconfig.Answers{Step: keySSOTab, ProfileID: "vome", Org: "acmecorp",
		SPEntityID: "https://acme.vome.example/saml", ACSURLs: []string{"https://acme.vome.example/acs"}, IdPEntityID: "jumpcloud-acme"}
	f := &fakes{sessions: []ssoconfig.Answers{saved}}
	h := newHarness(t, Options{Services: f.services()})
	h.WantScreen("Continue the setup you started?", "A setup for Vome (acmecorp) is saved, on step 4, The SSO tab.")
	h.Keys("y")
	h.WantPosition(4)
	h.WantScreen("jumpcloud-acme", "jcsso setup · Vome")
	h.Keys("esc")
	h.WantPosition(3) // back leads through the steps before it

	h = newHarness(t, Options{Services: (&fakes{sessions: []ssoconfig.Answers{saved}}).services()})
	h.Keys("n")
	h.WantPosition(1)
	h.WantScreen("Organisation name or domain", "(•) Vome")
	h.Keys("tab")
	h.Type("globex")
	if h.w.ans.Org != "globex" {
		t.Errorf("after n step 1 is as on a fresh start: org %q", h.w.ans.Org)
	}

	// A session made with another profile than --profile is not offered,
	// but said to be replaced.
	avoma, _ := profile.Builtin("avoma")
	h = newHarness(t, Options{Services: (&fakes{sessions: []ssoconfig.Answers{saved}}).services(), Profile: avoma})
	h.WantScreen("A setup for Vome (acmecorp) is saved; it is replaced once you go on", "jcsso setup --resume")
}

// --resume with another --profile than the session's is refused, naming
// both ways on (item 8).
func TestResumeRefusesAnotherProfile(t *testing.T) {
	f := &fakes{sessions: []ssoconfig.Answers{{Step: keySSOTab, ProfileID: "vome", Org: "acmecorp"}}}
	avoma, _ := profile.Builtin("avoma")
	_, _, err := newModel(t.Context(), Options{Services: f.services(), Resume: true, Profile: avoma})
	if err == nil || !strings.Contains(err.Error(), "the saved setup is for Vome (acmecorp), not Avoma") || !strings.Contains(err.Error(), "jcsso setup --profile avoma") {
		t.Fatalf("err = %v", err)
	}
	vome, _ := profile.Builtin("vome")
	if _, _, err := newModel(t.Context(), Options{Services: f.services(), Resume: true, Profile: vome}); err != nil {
		t.Errorf("the same profile: %v", err)
	}
}

// walkTo8 walks vome to the review, the metadata pasted.
func walkTo8(t *testing.T, f *fakes) *harness {
	t.Helper()
	h := toImport(t, f)
	h.Keys("3")
	h.Send(pasteMsg(string(f.metadata)))
	h.Keys("enter", "s", "enter")
	h.WantPosition(9)
	return h
}
