package logintest

import (
	"charm.land/bubbles/v2/key"

	"github.com/jcsso/jcsso/tui"
)

// ShortHelp implements help.KeyMap: only keys that act on the screen as
// it is.
func (s *Step) ShortHelp() []key.Binding {
	k := s.ui.Keys
	var b []key.Binding
	switch s.mode {
	case modeWaiting:
		// Most needed first: at 80 columns the last give way to the key
		// that lists them all.
		if s.svc.SignIn != nil && !s.signing && !s.received {
			b = append(b, tui.With(k.Auto, "demo sign-in"))
		}
		if s.svc.Open != nil && !s.noBrowser {
			b = append(b, tui.With(k.Open, "open browser"))
		}
		b = append(b, tui.With(k.Copy, "copy URL"), tui.With(k.Back, "cancel"), tui.With(k.Paste, "paste"))
		if s.cfg.Skippable {
			b = append(b, k.Skip)
		}
	case modeStarting:
		if s.cfg.Skippable {
			b = append(b, tui.With(k.Skip, "skip the test"))
		}
	case modeResult, modeNoResponse, modeFailed, modeSkipped:
		b = append(b, tui.With(k.Next, s.cfg.DoneLabel), tui.With(k.Again, "test again"), tui.With(k.Paste, "paste"))
		if s.maxScroll() > 0 {
			b = append(b, tui.With(k.Move, "scroll"))
		}
		if s.cfg.CanGoBack {
			b = append(b, k.Back)
		}
		if s.cfg.Skippable && s.mode == modeFailed {
			b = append(b, k.Skip)
		}
	case modePaste:
		if s.canInspect() {
			b = append(b, tui.With(k.Next, "inspect it"))
		}
		b = append(b, tui.With(k.Back, "cancel"))
	case modeInspecting:
		b = append(b, tui.With(k.Back, "cancel"))
	}
	return b
}

// FullHelp implements help.KeyMap.
func (s *Step) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
