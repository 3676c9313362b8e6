package setup

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// toLiveTest walks vome past the import to the live test.
func toLiveTest(t *testing.T, f *fakes) *harness {
	t.Helper()
	h := toImport(t, f)
	h.Keys("3")
	h.Send(tea.PasteMsg{Content: string(f.metadata)})
	h.WantScreen("The metadata is ready")
	h.Keys("enter")
	h.WantPosition(7)
	return h
}

// TestLiveTestPlan: the live test right after the import sends what the
// answers say: the SP Entity ID, the profile's NameID format, and expects
// the IdP Entity ID chosen and the signing the SP asks for, trusting the
// imported metadata's certificate; on the default port, whose URL an admin
// keeps added in JumpCloud.
func TestLiveTestPlan(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toLiveTest(t, f)
	h.WantScreen("Step 7 of 9 · Test a live login (optional)", "http://127.0.0.1:8741/saml/acs", "o open browser")
	if len(f.liveOpts) != 1 {
		t.Fatalf("%d tests started", len(f.liveOpts))
	}
	o := f.liveOpts[0]
	vome, _ := profile.Builtin("vome")
	if o.Port != acs.DefaultPort || o.SPEntityID != "https://acme.vome.example/saml" || o.NameIDFormat != vome.SAML.NameIDFormat ||
		o.Inspect.IdPEntityID != "jumpcloud-acmecorp" || o.Inspect.RequireSigning != response.RequireBoth {
		t.Errorf("options %+v", o)
	}
	h.Keys("o")
	if len(f.opened) != 1 || f.opened[0] != "http://127.0.0.1:8741/saml/login" {
		t.Errorf("opened %q", f.opened)
	}
}

// TestLiveTestIsRemembered: the step's key is saved as the admin reaches
// it, and how the test ended (skipped, passed) is kept in the session and
// shown on the review; --resume from it continues at the import, saying
// why, and goes on to the live test again.
func TestLiveTestIsRemembered(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toLiveTest(t, f)
	if got := f.sessions[len(f.sessions)-1].Step; got != keyLiveTest {
		t.Errorf("saved step %q, want %q", got, keyLiveTest)
	}
	h.Keys("s")
	h.WantPosition(8)
	if got := f.sessions[len(f.sessions)-1]; got.LiveLogin != "skipped" {
		t.Errorf("saved live login %q", got.LiveLogin)
	}
	h.Keys("esc", "r") // back, and test after all
	h.passLiveTest(f)
	h.Keys("enter", "enter")
	h.WantPosition(9)
	h.WantScreen("Live login        passed")
	if got := f.sessions[len(f.sessions)-1]; got.LiveLogin != "passed" || got.Step != keyReview {
		t.Errorf("saved %q on %q", got.LiveLogin, got.Step)
	}

	f.sessions[len(f.sessions)-1].Step = keyLiveTest
	h = newHarness(t, Options{Services: f.services(), Resume: true})
	h.WantPosition(6)
	h.WantScreen("Resumed from step 7: the metadata is not kept between runs")
	h.Send(tea.PasteMsg{Content: string(f.metadata)})
	h.Keys("enter")
	h.WantPosition(7)
	h.WantScreen("Waiting for the response")
}
