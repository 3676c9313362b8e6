package setup

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// A field shows one verdict, the worst: never "✓ looks right" above the
// reason the value failed (item 5).
func TestOneVerdictAField(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("enter")
	h.Type("missing.xml")
	h.WantScreen("✓ looks right")
	h.Keys("enter")
	h.WantScreen("✗ missing.xml: no such file")
	if strings.Contains(h.Screen(), "looks right") {
		t.Fatalf("✓ beside the failure:\n%s", h.Screen())
	}
	h.Keys("backspace")
	h.WantScreen("✓ looks right") // a changed value is judged afresh

	// Plain http is refused as it is typed, not after a ✓.
	for range len("missing.xm") {
		h.Keys("backspace")
	}
	h.Type("http://sso.jumpcloud.example/md")
	h.WantScreen("✗ Metadata URL or file path must use https")
	if strings.Contains(h.Screen(), "looks right") {
		t.Fatalf("✓ on plain http:\n%s", h.Screen())
	}
}

// The placeholder text itself is refused as the IdP Entity ID, not only
// warned about for its spaces, and the editor does not close on it.
func TestPlaceholderRefusedOnTheSSOTab(t *testing.T) {
	h := toImport(t, &fakes{})
	h.Keys("esc", "esc")
	h.WantPosition(4)
	h.Keys("e")
	for range len("jumpcloud-acmecorp") {
		h.Keys("backspace")
	}
	h.Type("IdP Entity ID")
	h.WantScreen("is JumpCloud's placeholder")
	if strings.Contains(h.Screen(), "contains spaces") {
		t.Errorf("the placeholder is judged only for its spaces:\n%s", h.Screen())
	}
	h.Keys("enter")
	h.WantScreen("esc cancel") // still editing
	if h.w.ans.IdPEntityID != "jumpcloud-acmecorp" {
		t.Fatalf("IdP Entity ID = %q", h.w.ans.IdPEntityID)
	}
	p, _ := profile.Builtin("vome")
	a := h.w.ans
	a.IdPEntityID = "IdP Entity ID"
	if len(ssoconfig.CheckAnswers(p, a)) == 0 {
		t.Error("the write would take the placeholder the SSO tab refuses")
	}
}

// A long value scrolls with the cursor: its end, where the cursor is, is
// on the screen, and moving home shows its start (item 9).
func TestInputScrollsWithTheCursor(t *testing.T) {
	h := toImport(t, &fakes{})
	h.Keys("enter")
	long := "https://sso.jumpcloud.example/api/organizations/5f1e2d3c4b5a69788796a5b4/applications/63f2e1d0c9b8a7f6e5d4c3b2/metadata.xml"
	h.Send(pasteMsg(long))
	h.WantScreen("c9b8a7f6e5d4c3b2/metadata.xml")
	if strings.Contains(h.Screen(), "https://sso.jumpcloud.example/api") {
		t.Errorf("the start is shown, not the cursor's end:\n%s", h.Screen())
	}
	h.Send(tuiKey("home"))
	h.WantScreen("https://sso.jumpcloud.example/api")
	// The SSO tab's editor too.
	h = toImport(t, &fakes{})
	h.Keys("esc", "esc", "e")
	h.Type(strings.Repeat("x", 60) + "-end")
	h.WantScreen("xxxx-end")
}

// A wrapped error keeps every character: a long path is broken across
// lines, never cut with … (item 10).
func TestWrappedErrorKeepsEveryCharacter(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("enter")
	path := "/home/someone/Downloads/JumpCloud-acmecorp-production-sso-application-missing-metadata.xml"
	h.Send(pasteMsg(path))
	h.Keys("enter")
	joined := strings.Join(strings.Fields(strings.ReplaceAll(h.Screen(), "\n ", "")), " ")
	if !strings.Contains(joined, path+": no such file") {
		t.Errorf("the error lost characters:\n%s", h.Screen())
	}
	if strings.Contains(h.Screen(), "JumpCloud-acm…") {
		t.Errorf("cut with …:\n%s", h.Screen())
	}
}

// The rollout step's verdict names the field and the value, not the
// field's instructions: "✗ Excluded admin "owner@acmecorp" is not an
// e-mail address" (review item 10).
func TestRolloutVerdictNamesTheValue(t *testing.T) {
	r := newRollout(nil)
	r.admin.setValue("owner@acmecorp")
	got := ansi.Strip(r.admin.verdictLine(&tui.Context{Styles: tui.NewStyles(true)}, 200))
	if !strings.Contains(got, `✗ Excluded admin "owner@acmecorp"`) || strings.Contains(got, "enter adds") {
		t.Errorf("verdict %q", got)
	}
}
