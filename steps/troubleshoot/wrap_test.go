package troubleshoot

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/tui/tuitest"
)

// No screen of the session breaks a word at its hyphen, at any width from
// 80 to 120: a cause's id (admin-missing, wrong-login-method), a flag or a
// fingerprint stays whole on one line, by the product's one wrapping rule
// (review item 13). The screens are those the keys test walks.
func TestNoScreenBreaksAWordAtAHyphen(t *testing.T) {
	for _, sc := range keyScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			opts := sc.opts(t)
			var acts []act
			for _, s := range sc.script {
				a, ok := s.(act)
				if ok {
					acts = append(acts, a)
					continue
				}
				h := replay(t, sc, opts, acts)
				for w := 80; w <= 120; w++ {
					h.Send(tea.WindowSizeMsg{Width: w, Height: max(sc.h, 30)})
					if broken := tuitest.HyphenBreaks(h.Screen()); len(broken) > 0 {
						t.Errorf("%s at %d columns breaks %q:\n%s", s, w, broken, h.Screen())
					}
				}
			}
		})
	}
}
