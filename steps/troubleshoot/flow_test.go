package troubleshoot

import (
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// scenarioOpts start a session on a scenario's files, as the flags name them.
func scenarioOpts(sc casefiles.Scenario, f *casefiles.Files) Options {
	o := Options{Profile: f.Profile, ProfileFixed: true}
	for _, name := range sc.Files {
		*map[string]*string{"--response": &o.Response, "--metadata": &o.Metadata, "--config": &o.Config}[casefiles.Flag(name)] = f.Path(name)
	}
	return o
}

// answerAll answers every question the session asks from the scenario,
// by the y and n keys, and fails on one it has no answer for.
func (h *harness) answerAll(tb testing.TB, answers map[string]string) []string {
	tb.Helper()
	var asked []string
	for h.M.Active() == keyQuestion {
		q := h.t.path[h.t.at]
		a, ok := answers[q]
		if !ok {
			tb.Fatalf("asked %s, which the scenario does not answer:\n%s", q, h.Screen())
		}
		asked = append(asked, q)
		h.Keys(map[string]string{diagnose.AnswerYes: "y", diagnose.AnswerNo: "n", diagnose.AnswerUnsure: "3"}[a])
		if len(asked) > 20 {
			tb.Fatal("the questions never end")
		}
	}
	return asked
}

// TestEverySymptomsPath walks each scenario through the screens as
// support would at 80×24: the symptom picked from the list, the files the
// customer sent checked with a spinner, the questions answered, and the
// diagnosis shown with its fix in the profile's words. Every symptom and
// every cause of the issue is among them.
func TestEverySymptomsPath(t *testing.T) {
	var symptoms, causes []string
	for _, sc := range casefiles.Scenarios() {
		symptoms, causes = append(symptoms, sc.Symptom), append(causes, sc.Cause)
		t.Run(sc.Name, func(t *testing.T) {
			f := sc.Case(t)
			h := start(t, scenarioOpts(sc, f), 80, 24)
			h.WantScreen("Symptom · What does the customer see?")
			h.pickSymptom(t, sc.Symptom)
			h.wantStep(t, keyEvidence)
			if len(sc.Files) > 0 {
				h.WantScreen("Evidence · What the customer sent", "The checks")
			}
			h.Keys("enter")
			asked := h.answerAll(t, sc.Answers)
			h.wantStep(t, keyDiagnosis)
			d := h.t.res.Diagnosis
			if d == nil || d.Cause != sc.Cause {
				t.Fatalf("diagnosis %+v, want %s (asked %v):\n%s", d, sc.Cause, asked, h.Screen())
			}
			head := strings.Fields(d.Title)
			h.WantScreen("Diagnosis · The cause", strings.Join(head[:min(4, len(head))], " "))
			for _, say := range sc.FixSays {
				if !strings.Contains(d.Fix, say) {
					t.Errorf("fix lacks %q: %s", say, d.Fix)
				}
			}
			if !strings.Contains(h.screenFlat(), strings.Join(strings.Fields(d.Fix)[:6], " ")) {
				t.Errorf("the fix is not on the screen:\n%s", h.Screen())
			}
		})
	}
	for _, id := range diagnose.SymptomIDs() {
		if !slices.Contains(symptoms, id) {
			t.Errorf("no scenario for symptom %s", id)
		}
	}
	for _, id := range diagnose.CauseIDs() {
		if !slices.Contains(causes, id) {
			t.Errorf("no scenario for cause %s", id)
		}
	}
}
