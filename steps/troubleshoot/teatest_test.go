package troubleshoot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// TestProgramEverySymptom runs the session as a real Bubble Tea program
// (teatest) at 80×24 for each symptom's first scenario: the symptom typed
// by its number, the files checked with a spinner, each question answered
// by its key, and the program ended on the diagnosis with enter, the
// report written to --report.
func TestProgramEverySymptom(t *testing.T) {
	done := map[string]bool{}
	for _, sc := range casefiles.Scenarios() {
		if done[sc.Symptom] {
			continue
		}
		done[sc.Symptom] = true
		t.Run(sc.Symptom, func(t *testing.T) {
			f := sc.Case(t)
			opts := scenarioOpts(sc, f)
			opts.Clock, opts.ReportPath = testClock, f.Dir+"/ticket.md"
			// The questions this scenario is asked, in order, from the
			// synchronous harness: the program's state is its own while it runs.
			sync := start(t, opts, 80, 24)
			sync.pickSymptom(t, sc.Symptom)
			sync.Keys("enter")
			asked := sync.answerAll(t, sc.Answers)

			fk := &fakes{}
			opts.Services = fk.services(false)
			m, sess := newModel(context.Background(), opts)
			frames := tuitest.NewFrames(m)
			tm := teatest.NewTestModel(t, frames, teatest.WithInitialTermSize(80, 24))
			wait := func(s string) { t.Helper(); frames.WaitFor(t, s, 5*time.Second) }
			wait("What does the customer see?")
			tm.Send(tuitest.Key(string(rune('1' + indexOf(symptomIDs(), sc.Symptom)))))
			wait("Evidence · What the customer sent")
			if len(sc.Files) > 0 {
				wait("The checks")
			}
			tm.Send(tuitest.Key("enter"))
			for i, q := range asked {
				wait(fmt.Sprintf("Question %d · ", i+1))
				tm.Send(tuitest.Key(map[string]string{"yes": "y", "no": "n", "unsure": "3"}[sc.Answers[q]]))
			}
			wait("Diagnosis · The cause")
			tm.Send(tuitest.Key("enter"))
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
			if sess.res == nil || sess.res.Diagnosis == nil || sess.res.Diagnosis.Cause != sc.Cause {
				t.Fatalf("diagnosis %+v", sess.res)
			}
			if fk.wrote[opts.ReportPath] == nil || !sess.done {
				t.Errorf("finished %v; the report was not written to --report", sess.done)
			}
		})
	}
}
