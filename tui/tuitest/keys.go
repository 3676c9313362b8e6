package tuitest

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// KeyState is what a key may change: the screen (the status line aside,
// since "not yet" is no effect), the step, whether the program ends, and
// whatever else the flow's test counts (copies, browsers opened).
type KeyState struct {
	Screen, Step string
	Quitting     bool
	Extra        string
}

// StateOf is the harness's state now, with extra from the flow's test.
func StateOf(h *Harness, extra string) KeyState {
	status, _ := h.M.Status()
	var kept []string
	for _, l := range strings.Split(h.Screen(), "\n") {
		if status != "" && strings.Contains(l, firstWords(status)) {
			continue
		}
		kept = append(kept, l)
	}
	return KeyState{strings.Join(kept, "\n"), h.M.Active(), h.M.Quitting(), extra}
}

func firstWords(s string) string {
	if len(s) > 24 {
		return s[:24]
	}
	return s
}

// CheckShownKeys is the help line's promise at one checkpoint: every key
// the help shows (the one line and the full list) acts when pressed there,
// and the key that lists all keys opens or closes that list. start builds
// the checkpoint afresh (each key is pressed on a fresh copy) and returns
// the flow's extra state.
func CheckShownKeys(t testing.TB, label string, start func() (*Harness, func() string)) {
	t.Helper()
	h, _ := start()
	help := h.M.HelpKeys()
	lines := strings.Split(h.Screen(), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "more keys") && !h.M.ShowingAllKeys() {
		t.Errorf("%s: the help line does not offer all keys: %q", label, last)
	}
	bindings := append([]key.Binding{}, help.Short...)
	for _, row := range help.Full {
		bindings = append(bindings, row...)
	}
	seen := map[string]bool{}
	for _, b := range bindings {
		id := b.Help().Key + " " + b.Help().Desc
		if !b.Enabled() || seen[id] {
			continue
		}
		seen[id] = true
		if strings.HasSuffix(id, "more keys") || strings.HasSuffix(id, "fewer keys") {
			for _, k := range b.Keys() {
				h, _ := start()
				was := h.M.ShowingAllKeys()
				h.Keys(k)
				if h.M.ShowingAllKeys() == was {
					t.Errorf("%s: %q (%s) does not toggle the list of keys", label, id, k)
				}
			}
			continue
		}
		acts := false
		for _, k := range b.Keys() {
			h, extra := start()
			before := StateOf(h, extra())
			h.Keys(k)
			if StateOf(h, extra()) != before {
				acts = true
				break
			}
		}
		if !acts {
			t.Errorf("%s: %q is shown but does nothing\n%s", label, id, h.Screen())
		}
	}
}
