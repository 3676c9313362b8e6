package diagnose

import (
	"encoding/json"

	"github.com/jcsso/jcsso/samlcheck"
)

// resultJSON is the shape of `jcsso troubleshoot --json`: the issue's
// {"symptom", "diagnosis": {"cause", "fix", "evidence"}, "causes",
// "next_question", "findings"}, with a few more fields beside them.
type resultJSON struct {
	Symptom      string             `json:"symptom"`
	Diagnosis    diagnosisJSON      `json:"diagnosis"`
	Causes       []CauseResult      `json:"causes"`
	NextQuestion *string            `json:"next_question"`
	Question     *Question          `json:"question,omitempty"`
	Answers      []Answer           `json:"answers"`
	Findings     samlcheck.Findings `json:"findings"`
}

type diagnosisJSON struct {
	Cause     *string  `json:"cause"`
	Title     string   `json:"title"`
	Fix       string   `json:"fix"`
	Evidence  []string `json:"evidence"`
	Confirmed bool     `json:"confirmed"`
	Also      []string `json:"also,omitempty"`
	// ConfirmWith is the question that would confirm a cause that is only
	// the one left.
	ConfirmWith *string `json:"confirm_with,omitempty"`
}

// MarshalJSON writes the result as `jcsso troubleshoot --json` prints
// it: diagnosis.cause and next_question are null when there is none.
func (r *Result) MarshalJSON() ([]byte, error) {
	out := resultJSON{Symptom: r.Symptom.ID, Causes: r.Causes, Answers: r.Answers, Findings: r.Findings,
		Diagnosis: diagnosisJSON{Evidence: []string{}}}
	if out.Causes == nil {
		out.Causes = []CauseResult{}
	}
	if out.Answers == nil {
		out.Answers = []Answer{}
	}
	if out.Findings == nil {
		out.Findings = samlcheck.Findings{}
	}
	if d := r.Diagnosis; d != nil {
		cause := d.Cause
		out.Diagnosis = diagnosisJSON{Cause: &cause, Title: d.Title, Fix: d.Fix, Evidence: d.Evidence, Confirmed: d.Confirmed, Also: d.Also}
		if q := d.ConfirmWith; q != nil {
			id := q.ID
			out.Diagnosis.ConfirmWith = &id
		}
	}
	if q := r.Next; q != nil {
		id := q.ID
		out.NextQuestion, out.Question = &id, q
	}
	return json.Marshal(out)
}
