package setup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
