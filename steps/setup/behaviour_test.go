package setup

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// toImport walks a vome session up to step 6.
func toImport(t *testing.T, f *fakes) *harness {
	t.Helper()
	return toImportWith(t, f.services())
}

func TestImportFailureNeedsOverrideAndReimportKeepsAnswers(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "IdP Entity ID")} // exported before saving
	h := toImport(t, f)
	before := cloneAnswers(h.w.ans)
	h.Keys("enter")
	h.Type("/tmp/JumpCloud-vome-metadata.xml")
	h.Keys("enter")
	h.WantScreen("1 failed", "Fix: save the app in JumpCloud and export again", "o continues anyway")
	h.Keys("enter")
	h.WantPosition(6) // a failure cannot be passed with enter
	h.WantScreen("not yet: r imports again after a fix, o continues anyway")

	// The admin fixes JumpCloud and imports again: every answer is kept.
	f.metadata = jumpcloudMetadata(t, "jumpcloud-acmecorp")
	h.Keys("r", "enter")
	h.Type("x") // the source field kept the last path; edit it
	h.Keys("backspace", "enter")
	h.WantScreen("The metadata is ready")
	after := h.w.ans
	if after.Org != before.Org || after.SPEntityID != before.SPEntityID || after.IdPEntityID != before.IdPEntityID ||
		!slices.Equal(after.ACSURLs, before.ACSURLs) || len(after.Checklist) != len(before.Checklist) {
		t.Fatalf("re-import changed answers:\nbefore %+v\nafter  %+v", before, after)
	}
	if after.MetadataSource != "/tmp/JumpCloud-vome-metadata.xml" || after.MetadataURL != "" {
		t.Errorf("source %q url %q", after.MetadataSource, after.MetadataURL)
	}
}

func TestOverrideIsRecorded(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "IdP Entity ID")}
	h := toImport(t, f)
	h.Keys("3") // paste the XML
	h.Send(tea.PasteMsg{Content: string(f.metadata)})
	h.WantScreen("1 failed")
	h.Keys("o")
	h.WantPosition(6) // o names what is overridden and asks
	h.WantScreen("Continue past 1 failure?", "idp.entity_id: entityID differs", "NEXT-STEPS.md opens with what is still wrong")
	h.Keys("y")
	h.WantPosition(7)
	h.Keys("s")
	h.WantPosition(8)
	if !slices.Equal(h.w.ans.Overridden, []string{"idp.entity_id"}) || h.w.ans.MetadataSource != sourcePasted {
		t.Fatalf("overridden %v source %q", h.w.ans.Overridden, h.w.ans.MetadataSource)
	}
	// Going back re-checks; the same failure keeps the decision.
	h.Keys("esc", "esc")
	h.WantPosition(6)
	h.WantScreen("You chose to continue past the failures")
	h.Keys("enter", "enter") // past the skipped live test
	h.WantPosition(8)
	// The review says so before anything is written.
	h.Keys("enter")
	h.WantPosition(9)
	h.WantScreen("failed; you continued past 1 failure (recorded)")
}

func TestLoadErrorIsShownAndKeepsTheSource(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("enter")
	h.Type("missing.xml")
	h.Keys("enter")
	h.WantScreen("missing.xml: no such file", "› missing.xml")
}

func TestIdPEntityIDEditWarnsWhenEqualToSP(t *testing.T) {
	f := &fakes{}
	h := toImport(t, f)
	h.Keys("esc", "esc")
	h.WantPosition(4)
	h.Keys("up", "up", "e")
	for range len("jumpcloud-acmecorp") {
		h.Keys("backspace")
	}
	h.Type("https://acme.vome.example/saml")
	h.WantScreen("equals the SP Entity ID")
	// One verdict: enter does not close the editor with "✓ set" over a
	// value the write refuses; it says why, and the editor stays open.
	h.Keys("enter")
	h.WantScreen("IdP Entity ID equals the SP Entity ID", "esc cancel")
	if st, _ := h.M.Status(); strings.Contains(st, "set") || h.w.ans.IdPEntityID != "jumpcloud-acmecorp" {
		t.Fatalf("status %q, IdP Entity ID %q", st, h.w.ans.IdPEntityID)
	}
	for range len("https://acme.vome.example/saml") {
		h.Keys("backspace")
	}
	h.Type("jumpcloud-acme")
	h.Keys("enter", "enter")
	h.WantPosition(5)
	if h.w.ans.IdPEntityID != "jumpcloud-acme" {
		t.Fatalf("IdP Entity ID = %q", h.w.ans.IdPEntityID)
	}
}

func TestQuitAsksOnlyWhenAnswersAreUnsaved(t *testing.T) {
	f := &fakes{}
	h := newHarness(t, Options{Services: f.services()})
	h.Keys("ctrl+c")
	if !h.M.Quitting() {
		t.Fatal("nothing typed yet: ctrl+c should quit at once")
	}

	h = newHarness(t, Options{Services: f.services()})
	h.Keys("tab")
	h.Type("acme")
	h.Keys("ctrl+c")
	h.WantScreen("Quit the setup?", "y quit")
	h.Keys("n")
	if h.M.Quitting() {
		t.Fatal("n should keep going")
	}
	h.WantScreen("Organisation name or domain")
	h.Keys("ctrl+c", "y")
	if !h.M.Quitting() {
		t.Fatal("y should quit")
	}
}

func TestResumeJumpsToSavedStepAndReloadsMetadata(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	f.sessions = []ssoconfig.Answers{{
		Step: keyReview, ProfileID: "avoma", Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp",
		MetadataSource: "https://sso.jumpcloud.example/md", MetadataURL: "https://sso.jumpcloud.example/md",
		UsersNotified: true, OutDir: "./jcsso-acmecorp",
	}}
	h := newHarness(t, Options{Services: f.services(), Resume: true})
	h.WantPosition(6) // metadata is not kept: it is reloaded from its source
	h.WantScreen("jcsso setup · Avoma", "The metadata is ready")
	h.Keys("enter")
	h.WantPosition(7)
	h.Keys("s")
	h.WantPosition(8)
	h.WantScreen("[✓] I told my users")
}

func TestResumeWithoutSessionFails(t *testing.T) {
	f := &fakes{}
	if _, _, err := newModel(t.Context(), Options{Services: f.services(), Resume: true}); err == nil {
		t.Fatal("resume with nothing saved should fail")
	}
}

func TestTooSmallTerminalSaysSo(t *testing.T) {
	h := newHarness(t, Options{Services: (&fakes{}).services()})
	h.Send(tea.WindowSizeMsg{Width: 30, Height: 10})
	h.WantScreen("This terminal is 30×10", "at least 40×12")
	h.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.WantScreen("Step 1 of 9")
}

func TestExistingFolderAsksBeforeReplacing(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp"), exists: true}
	h := walk(t, "avoma", f, nil)
	h.WantScreen("already exists. Replace its files?", ".bak")
	if len(f.wrote) != 0 {
		t.Fatal("wrote without asking")
	}
	h.Keys("y")
	h.WantScreen("Written to")
	if len(f.wrote) != 1 {
		t.Fatalf("wrote %v", f.wrote)
	}
}

// Answers are saved as the admin goes: an import is saved at once, so a
// resumed session knows where the metadata came from without a step change.
func TestImportIsSavedForResume(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("enter")
	h.Type("/tmp/JumpCloud-vome-metadata.xml")
	h.Keys("enter")
	h.WantScreen("The metadata is ready")
	f.mu.Lock()
	last := f.sessions[len(f.sessions)-1]
	f.mu.Unlock()
	if last.Step != keyImport || last.MetadataSource != "/tmp/JumpCloud-vome-metadata.xml" {
		t.Errorf("last saved session: step %q, source %q; want step 6 with the imported file", last.Step, last.MetadataSource)
	}
	if h.w.unsaved() {
		t.Error("answers still count as unsaved after the import was saved")
	}
}

// "-" would make the background load read the terminal the wizard reads
// keys from, and hang; the field refuses it and points to pasting.
func TestStdinSourceIsRefused(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("enter")
	h.Type("-")
	h.Keys("enter")
	h.WantScreen("cannot be \"-\"", "option 3")
	if h.w.report != nil {
		t.Fatal("a load started for \"-\"")
	}
}
