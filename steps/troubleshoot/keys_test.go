package troubleshoot

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// The help line's promise, as a property over every screen and state of
// the session: each key the help shows (the one line, and the full list)
// does something when pressed there: the screen changes (the status line
// aside), the step changes, the program ends, a value is copied or a
// report written. The key that lists all keys is on every screen.

type act func(h *harness)

func press(keys ...string) act { return func(h *harness) { h.Keys(keys...) } }
func typed(s string) act       { return func(h *harness) { h.Type(s) } }

type keyScenario struct {
	name   string
	w, h   int
	opts   func(t *testing.T) Options
	script []any // acts, and checkpoint names
}

func TestEveryShownKeyWorks(t *testing.T) {
	for _, sc := range keyScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			opts := sc.opts(t)
			var acts []act
			for _, s := range sc.script {
				switch v := s.(type) {
				case act:
					acts = append(acts, v)
				case string:
					checkShownKeys(t, sc, opts, acts, v)
				}
			}
		})
	}
}

func replay(t *testing.T, sc keyScenario, opts Options, acts []act) *harness {
	t.Helper()
	h := start(t, opts, sc.w, sc.h)
	for _, a := range acts {
		a(h)
	}
	return h
}

// state is what a key may change.
type state struct {
	screen, step  string
	quitting      bool
	copied, wrote int
}

func stateOf(h *harness) state {
	status, _ := h.M.Status()
	var kept []string
	for _, l := range strings.Split(h.Screen(), "\n") {
		if status != "" && strings.Contains(l, status[:min(len(status), 24)]) {
			continue
		}
		kept = append(kept, l)
	}
	h.f.mu.Lock()
	defer h.f.mu.Unlock()
	return state{strings.Join(kept, "\n"), h.M.Active(), h.M.Quitting(), len(h.f.copied), h.f.writes}
}

func checkShownKeys(t *testing.T, sc keyScenario, opts Options, acts []act, label string) {
	t.Helper()
	h := replay(t, sc, opts, acts)
	if want, _, _ := strings.Cut(label, ","); !strings.Contains(h.Screen(), want) {
		t.Fatalf("%s: the script did not get there:\n%s", label, h.Screen())
	}
	lines := strings.Split(h.Screen(), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "more keys") && !h.M.ShowingAllKeys() {
		t.Errorf("%s: the help line does not offer all keys: %q", label, last)
	}
	help := h.M.HelpKeys()
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
				h := replay(t, sc, opts, acts)
				was := h.M.ShowingAllKeys()
				h.Keys(k)
				if h.M.ShowingAllKeys() == was {
					t.Errorf("%s: %q (%s) does not toggle the list of keys", label, id, k)
				}
			}
			continue
		}
		acted := false
		for _, k := range b.Keys() {
			h := replay(t, sc, opts, acts)
			before := stateOf(h)
			h.Keys(k)
			if stateOf(h) != before {
				acted = true
				break
			}
		}
		if !acted {
			t.Errorf("%s: %q is shown but does nothing\n%s", label, id, h.Screen())
		}
	}
}

// keyScenarios walk every screen through its states: without files
// (questions, back, the answers list), with files (the checks' results,
// a diagnosis with evidence), at 80×24 and at 120×40 (the panel).
func keyScenarios() []keyScenario {
	avoma := func(t *testing.T) Options {
		return Options{Profile: builtin(t, "avoma"), ProfileFixed: true}
	}
	var noFiles []any
	add := func(x ...any) { noFiles = append(noFiles, x...) }
	add("Symptom · What does the customer see?", press("down"), "Symptom, moved", press("6"))
	add("Evidence · What the customer sent, empty fields", typed("x"), "Evidence, typed", press("backspace"), press("tab"), "Evidence, second field")
	add(press("enter"), "Question 1, first question", press("down"), "Question 1, moved", press("y"))
	add("Question 2, second question", press("?"), "Question 2, all keys", press("?"), press("d"), "Question 2, evidence shown", press("d"))
	add(press("n"), "Diagnosis, confirmed", press("e"), "Which question?, the answers list", press("esc"))
	add(press("w"), "Diagnosis, report written")

	var files []any
	files = append(files, press("4"), "Evidence · What the customer sent, the results", press("e"), "Evidence, editing the files", press("esc"))
	files = append(files, press("enter"), "Diagnosis, from the checks", press("down"), "Diagnosis, scrolled")

	return []keyScenario{
		{name: "no files, 80x24", w: 80, h: 24, opts: avoma, script: noFiles},
		{name: "no files, 120x40", w: 120, h: 40, opts: avoma, script: noFiles},
		{name: "a HAR and the saved configuration", w: 80, h: 24, opts: func(t *testing.T) Options {
			f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
			return caseOpts(f, "har", "config")
		}, script: files},
		{name: "a question to confirm it", w: 80, h: 24, opts: avoma, script: []any{
			press(fmt.Sprint(1 + indexOf(diagnose.SymptomIDs(), diagnose.SymptomAudienceOrDestination))), press("enter"),
			"Question 1, the SP Entity ID", press("y"), "Diagnosis, the only cause left", press("e"), "Which question?, to confirm", press("enter"), "Question 2, confirming"}},
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
