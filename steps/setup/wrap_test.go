package setup

import (
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// No screen breaks a word at its hyphen, at any width from 80 to 120: a
// value the admin types (jumpcloud-acmecorp), an id, a flag or a file name
// (SAML-tracer) is whole on one line, as the product's one wrapping rule
// says (review item 13).
func TestNoScreenBreaksAWordAtAHyphen(t *testing.T) {
	check := func(t *testing.T, h *harness, label string) {
		t.Helper()
		for w := 80; w <= 120; w++ {
			h.Send(tea.WindowSizeMsg{Width: w, Height: 30})
			if broken := tuitest.HyphenBreaks(h.Screen()); len(broken) > 0 {
				t.Errorf("%s at %d columns breaks %q:\n%s", label, w, broken, h.Screen())
			}
		}
		h.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	}
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
			walkWith(t, id, f, nil, func(h *harness, label string) { check(t, h, label) })
		})
	}
	// A failed import, in the real engine's words: the fix names the value
	// to type.
	t.Run("placeholder export", func(t *testing.T) {
		t.Chdir(t.TempDir())
		if err := os.WriteFile("JumpCloud-vome-metadata.xml", jumpcloudMetadata(t, "IdP Entity ID"), 0o600); err != nil {
			t.Fatal(err)
		}
		f := &fakes{}
		svc := f.services()
		svc.Load, svc.Check = nil, nil // the real ones
		h := toImportWith(t, svc)
		h.Keys("enter")
		h.Type("JumpCloud-vome-metadata.xml")
		h.Keys("enter")
		h.WantScreen("1 failed")
		check(t, h, "the failed import")
		h.Keys("o")
		h.WantScreen("Continue past 1 failure?")
		check(t, h, "the override's question")
	})
}
