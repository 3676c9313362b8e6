package setup

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A terminal without bracketed paste types the clipboard out key by key,
// newlines as enter: the paste box takes it and checks it once the root
// element is closed (item 24).
func TestPasteWithoutBracketedPaste(t *testing.T) {
	md := jumpcloudMetadata(t, "jumpcloud-acmecorp")
	f := func() *fakes { return &fakes{metadata: md} } // no saved session to offer
	for name, start := range map[string][]string{"the paste box": {"3"}, "the menu": nil} {
		t.Run(name, func(t *testing.T) {
			h := toImport(t, f())
			h.Keys(start...)
			for _, r := range string(md) {
				switch r {
				case '\n':
					h.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
				case '\t':
					h.Send(tea.KeyPressMsg{Code: tea.KeyTab})
				default:
					h.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
				}
			}
			h.WantScreen("The metadata is ready", "Checked pasted XML")
			// The paste's own last newline is not the admin's enter…
			h.WantPosition(6)
			h.Keys("enter")
			h.WantPosition(6)
			// …but once the paste has settled, enter goes on.
			h.FireTimers()
			h.Keys("enter")
			h.WantPosition(7)
		})
	}
	// Half a document waits, says how much arrived, and ctrl+d checks it.
	h := toImport(t, f())
	h.Keys("3")
	h.Type(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">`)
	h.WantScreen("Received 82 characters", "ctrl+d check what arrived")
	h.Keys("ctrl+d")
	h.WantScreen("Checked pasted XML")
	// What is not XML is said at once.
	h = toImport(t, f())
	h.Keys("3")
	h.Type("hello")
	h.WantScreen("that does not look like XML")
}
