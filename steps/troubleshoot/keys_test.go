package troubleshoot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui/tuitest"
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

// checkShownKeys is the help line's promise at one checkpoint (the one
// checker, tuitest.CheckShownKeys), once the script is on the screen the
// label names; a copied value or a written report counts as an effect.
func checkShownKeys(t *testing.T, sc keyScenario, opts Options, acts []act, label string) {
	t.Helper()
	h := replay(t, sc, opts, acts)
	if want, _, _ := strings.Cut(label, ","); !strings.Contains(h.Screen(), want) {
		t.Fatalf("%s: the script did not get there:\n%s", label, h.Screen())
	}
	tuitest.CheckShownKeys(t, label, func() (*tuitest.Harness, func() string) {
		h := replay(t, sc, opts, acts)
		return h.Harness, func() string {
			h.f.mu.Lock()
			defer h.f.mu.Unlock()
			return fmt.Sprintf("copied %d, wrote %d", len(h.f.copied), h.f.writes)
		}
	})
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
