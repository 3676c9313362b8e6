package diagnose_test

import (
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// genericWords are the words of a service provider the profile says
// nothing special about (no admin accounts to match, no support handoff,
// no rollout rule).
func genericWords() diagnose.Words {
	return diagnose.Words{Profile: "generic", SP: "the service provider", SPCap: "The service provider", Console: console()}
}

// asked walks symptom answering unsure to every question until none is
// left, and returns the questions asked, in order.
func asked(t *testing.T, symptom string, w diagnose.Words) []string {
	t.Helper()
	var ev diagnose.Evidence
	var ids []string
	for range len(diagnose.QuestionIDs()) + 1 {
		res := walk(t, symptom, ev, w)
		q := res.Next
		if q == nil && res.Diagnosis != nil {
			q = res.Diagnosis.ConfirmWith
		}
		if q == nil {
			return ids
		}
		ids = append(ids, q.ID)
		ev.Answers = append(ev.Answers, diagnose.Answer{Question: q.ID, Value: diagnose.AnswerUnsure})
	}
	t.Fatalf("%s: the walk asks without end: %v", symptom, ids)
	return nil
}

// TestNeverAskedWhatCannotApply: a question whose confirming cause cannot
// happen with the service provider (whether Avoma has an admin account,
// when Avoma needs none) is never asked, for any symptom; a question the
// profile already answers (whether Avoma signs everyone out) neither. The
// same questions are asked of a service provider where they do apply.
func TestNeverAskedWhatCannotApply(t *testing.T) {
	never := map[string][]string{
		"avoma": {diagnose.QuestionAdminExists, diagnose.QuestionSPEndsSessions},
		"vome":  {diagnose.QuestionSPConfirmed},
	}
	words := map[string]diagnose.Words{"avoma": avomaWords(), "vome": vomeWords(), "generic": genericWords()}
	everAsked := map[string]map[string]bool{}
	for name, w := range words {
		everAsked[name] = map[string]bool{}
		for _, s := range diagnose.SymptomIDs() {
			for _, id := range asked(t, s, w) {
				everAsked[name][id] = true
				for _, bad := range never[name] {
					if id == bad {
						t.Errorf("%s, %s: asked %s", name, s, id)
					}
				}
			}
		}
	}
	if !everAsked["vome"][diagnose.QuestionAdminExists] || !everAsked["generic"][diagnose.QuestionSPEndsSessions] {
		t.Errorf("admin-exists asked of Vome %v, sp-ends-sessions of a generic SP %v: both should be",
			everAsked["vome"][diagnose.QuestionAdminExists], everAsked["generic"][diagnose.QuestionSPEndsSessions])
	}
}

// TestAvomaOneUserNoDeadEnd is the review's case: Avoma, one user who
// cannot sign in, bound, the rest unsure. The walk does not ask whether
// Avoma has an admin account; an answer given to it anyway rules nothing
// out (e-mail-mismatch stays possible); and the walk says the causes left
// cannot be told apart, not that none fits.
func TestAvomaOneUserNoDeadEnd(t *testing.T) {
	ev := diagnose.Evidence{Answers: []diagnose.Answer{
		{Question: diagnose.QuestionUserInBoundGroup, Value: diagnose.AnswerYes},
		{Question: diagnose.QuestionUsedSSOOption, Value: diagnose.AnswerUnsure},
		{Question: diagnose.QuestionEmailMatches, Value: diagnose.AnswerUnsure},
		{Question: diagnose.QuestionSPConfirmed, Value: diagnose.AnswerUnsure},
	}}
	res := walk(t, diagnose.SymptomOneUserCannotLogin, ev, avomaWords())
	if res.Next != nil || res.Diagnosis != nil {
		t.Fatalf("next %+v, diagnosis %+v: want neither", res.Next, res.Diagnosis)
	}
	if got := res.Undecided(); !strings.Contains(got, "cannot be told apart") {
		t.Errorf("undecided %q", got)
	}
	ev.Answers = append(ev.Answers, diagnose.Answer{Question: diagnose.QuestionAdminExists, Value: diagnose.AnswerNo})
	res = walk(t, diagnose.SymptomOneUserCannotLogin, ev, avomaWords())
	if got := statusOf(res, diagnose.CauseEmailMismatch); got != diagnose.StatusPossible {
		t.Errorf("email-mismatch %s after admin-exists=no at Avoma, want possible", got)
	}
	// At Vome an admin must exist: no admin at all is not a mismatched e-mail.
	res = walk(t, diagnose.SymptomOneUserCannotLogin, ev, vomeWords())
	if got := statusOf(res, diagnose.CauseEmailMismatch); got != diagnose.StatusRuledOut {
		t.Errorf("vome: email-mismatch %s after admin-exists=no, want ruled out", got)
	}
}

// TestUnknownAvomaStartsElsewhere is the review's case: --symptom unknown
// for Avoma does not begin by asking what Avoma's profile already says.
func TestUnknownAvomaStartsElsewhere(t *testing.T) {
	res := walk(t, diagnose.SymptomUnknown, diagnose.Evidence{}, avomaWords())
	if res.Next == nil || res.Next.ID == diagnose.QuestionSPEndsSessions {
		t.Fatalf("next %+v", res.Next)
	}
	if res.Next.ID != diagnose.QuestionUserInBoundGroup {
		t.Errorf("next %s, want %s (the likeliest cause's question)", res.Next.ID, diagnose.QuestionUserInBoundGroup)
	}
}

// TestUndecidedAllRuledOut: with every cause ruled out, the walk says so;
// with a question left, it says that instead.
func TestUndecidedAllRuledOut(t *testing.T) {
	if got := walk(t, diagnose.SymptomAudienceOrDestination, diagnose.Evidence{}, avomaWords()).Undecided(); !strings.Contains(got, "a question is left") {
		t.Errorf("undecided with questions left: %q", got)
	}
	ev := diagnose.Evidence{Answers: []diagnose.Answer{
		{Question: diagnose.QuestionSPEntityIDMatches, Value: diagnose.AnswerYes},
		{Question: diagnose.QuestionACSURLMatches, Value: diagnose.AnswerYes},
	}}
	res := walk(t, diagnose.SymptomAudienceOrDestination, ev, avomaWords())
	if got := res.Undecided(); !strings.Contains(got, "ruled out") {
		t.Errorf("undecided %q (diagnosis %+v, next %+v)", got, res.Diagnosis, res.Next)
	}
}
