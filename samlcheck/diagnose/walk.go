// Package diagnose is troubleshooting's engine: the symptoms a customer
// reports, the causes they can have, and the questions that tell those
// apart, as tables with stable ids; a walk that weighs the evidence
// gathered so far (the metadata check, the response inspection, the
// comparison with a saved configuration, and the answers given) and says
// what each cause's status is, which question to ask next, and the
// diagnosis once there is one; and the Markdown report for the ticket.
// It is pure: the caller runs the checks and passes their reports, and
// the service provider's words as plain data (Words).
package diagnose

import (
	"errors"
	"fmt"
	"sort"

	"github.com/jcsso/jcsso/samlcheck"
)

// Status is what the evidence says about a cause.
type Status string

// The statuses of a cause.
const (
	StatusConfirmed Status = "confirmed"
	StatusRuledOut  Status = "ruled_out"
	StatusPossible  Status = "possible"
)

// CauseResult is one candidate cause and the evidence about it.
type CauseResult struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Status   Status   `json:"status"`
	Evidence []string `json:"evidence"`
}

// Diagnosis is the cause a walk settled on, with its evidence and fix.
type Diagnosis struct {
	Cause string `json:"cause"`
	// Title is the diagnosis in one line, with the values that prove it
	// when there are (both fingerprints, both spellings of a typo).
	Title string `json:"title"`
	Fix   string `json:"fix"`
	// Evidence is what points to the cause.
	Evidence []string `json:"evidence"`
	// Confirmed is true when evidence confirms the cause, false when it is
	// only the one cause left.
	Confirmed bool `json:"confirmed"`
	// Also are other causes the evidence confirms, which need fixing too.
	Also []string `json:"also,omitempty"`
	// ConfirmWith, for a cause that is only the one left, is the question
	// whose answer would confirm it (or rule it out), or nil.
	ConfirmWith *Question `json:"confirm_with,omitempty"`
}

// Result is the outcome of a walk.
type Result struct {
	Symptom Symptom
	// Causes are the candidates, confirmed first, then possible ones
	// likeliest first, then those ruled out.
	Causes []CauseResult
	// Diagnosis is nil until one cause is confirmed or only one is left.
	Diagnosis *Diagnosis
	// Next is the question to ask next, nil when there is a diagnosis or
	// no question can tell the causes left apart.
	Next *Question
	// Findings are every check's findings.
	Findings samlcheck.Findings
	// Answers are the answers the walk used, one per question, in the
	// order first given.
	Answers []Answer
}

// Errors a walk returns for input it cannot use.
var (
	ErrUnknownSymptom  = errors.New("unknown symptom")
	ErrUnknownQuestion = errors.New("unknown question")
	ErrBadAnswer       = errors.New("not an answer the question takes")
)

// Walk weighs the evidence for the symptom with id and returns every
// candidate cause's status, the next question and the diagnosis, in the
// service provider's words.
func Walk(id string, ev Evidence, w Words) (*Result, error) {
	sym, ok := SymptomByID(id, w)
	if !ok {
		return nil, fmt.Errorf("%w %q: use one of %s", ErrUnknownSymptom, id, joinIDs(SymptomIDs()))
	}
	answers, order, err := checkAnswers(ev.Answers)
	if err != nil {
		return nil, err
	}
	ev.Answers = order
	vs := &verdicts{}
	checkRules(&ev, &w, vs)
	profileRules(sym, &w, vs)
	answerRules(answers, &w, vs)

	res := &Result{Symptom: sym, Findings: ev.Findings(), Answers: order}
	candidates := sym.Causes
	// A cause the checks confirm is a candidate whatever the symptom:
	// the customer may have described another one.
	for _, v := range vs.list {
		if v.kind == confirm && v.src == fromCheck && !contains(candidates, v.cause) {
			candidates = append(candidates, v.cause)
		}
	}
	for _, cid := range candidates {
		c, _ := causeByID(cid)
		c = c.in(&w)
		cr := CauseResult{ID: cid, Title: c.Title, Status: status(vs.of(cid)), Evidence: []string{}}
		for _, v := range vs.of(cid) {
			cr.Evidence = append(cr.Evidence, v.text)
		}
		res.Causes = append(res.Causes, cr)
	}
	rank := map[string]int{}
	for i, cid := range candidates {
		rank[cid] = i
		if hinted(vs.of(cid)) {
			rank[cid] -= len(candidates) // likelier than any cause without a hint
		}
	}
	byStatus := map[Status]int{StatusConfirmed: 0, StatusPossible: 1, StatusRuledOut: 2}
	sort.SliceStable(res.Causes, func(i, j int) bool {
		a, b := res.Causes[i], res.Causes[j]
		if byStatus[a.Status] != byStatus[b.Status] {
			return byStatus[a.Status] < byStatus[b.Status]
		}
		return rank[a.ID] < rank[b.ID]
	})

	res.Next = nextQuestion(res.Causes, answers, &ev, &w)
	res.Diagnosis = diagnosis(res, vs, &w)
	if d := res.Diagnosis; d != nil {
		if !d.Confirmed {
			d.ConfirmWith = res.Next
		}
		res.Next = nil
	}
	return res, nil
}

// Undecided says why the walk has no diagnosis, or is "" when it has
// one: a question is left to answer; the causes still possible cannot be
// told apart by any question left (an unsure answer decides nothing); or
// every cause the symptom is known to have was ruled out.
func (r *Result) Undecided() string {
	switch {
	case r.Diagnosis != nil:
		return ""
	case r.Next != nil:
		return "a question is left to answer (" + r.Next.ID + ")"
	}
	for _, c := range r.Causes {
		if c.Status == StatusPossible {
			return "the causes still possible cannot be told apart by another question"
		}
	}
	return "every cause this symptom is known to have was ruled out"
}

// checkAnswers validates the answers and keeps one per question (the
// last given), in the order each question was first answered.
func checkAnswers(given []Answer) (map[string]string, []Answer, error) {
	m := map[string]string{}
	var order []Answer
	for _, a := range given {
		q, ok := questionByID(a.Question)
		if !ok {
			return nil, nil, fmt.Errorf("%w %q: use one of %s", ErrUnknownQuestion, a.Question, joinIDs(QuestionIDs()))
		}
		if !q.Takes(a.Value) {
			return nil, nil, fmt.Errorf("%w: %s=%s (answer yes, no or unsure)", ErrBadAnswer, a.Question, a.Value)
		}
		if _, seen := m[a.Question]; !seen {
			order = append(order, a)
		}
		m[a.Question] = a.Value
	}
	for i := range order {
		order[i].Value = m[order[i].Question]
	}
	return m, order, nil
}

// profileRules: what the service provider's own rules decide.
func profileRules(sym Symptom, w *Words, vs *verdicts) {
	for _, c := range causeTable {
		if !c.Applies(*w) {
			vs.add(verdict{cause: c.ID, kind: ruleOut, src: fromProfile, text: w.expand(c.notApplicable)})
		}
	}
	if w.SessionsEnd {
		k := hint
		if sym.ID == SymptomSessionsEnded {
			k = confirm
		}
		vs.add(verdict{cause: CauseSessionsEndedExpected, kind: k, src: fromProfile, text: w.expand("{SP} ends every session when SSO goes live (its rollout rule)")})
	}
}

// answerRules: what each answer says. An answer to a question that does
// not apply to the service provider says nothing (see appliesTo).
func answerRules(answers map[string]string, w *Words, vs *verdicts) {
	for _, q := range questionTable {
		a, ok := answers[q.ID]
		if !ok || !q.appliesTo(w) {
			continue
		}
		for _, e := range q.effects {
			if e.answer != a {
				continue
			}
			k := ruleOut
			if e.confirms {
				k = confirm
			}
			vs.add(verdict{cause: e.cause, kind: k, src: fromAnswer, text: fmt.Sprintf("answer %s = %s", q.ID, a)})
		}
	}
}

// diagnosis is the first confirmed cause, or the only possible one left
// once another was ruled out (or nothing could be asked about it).
func diagnosis(res *Result, vs *verdicts, w *Words) *Diagnosis {
	var confirmed, possible []CauseResult
	ruledOut := 0
	for _, c := range res.Causes {
		switch c.Status {
		case StatusConfirmed:
			confirmed = append(confirmed, c)
		case StatusPossible:
			possible = append(possible, c)
		default:
			ruledOut++
		}
	}
	var pick CauseResult
	switch {
	case len(confirmed) > 0:
		pick = confirmed[0]
	case len(possible) == 1 && (ruledOut > 0 || res.Next == nil):
		pick = possible[0]
	default:
		return nil
	}
	c, _ := causeByID(pick.ID)
	c = c.in(w)
	d := &Diagnosis{Cause: pick.ID, Title: c.Title, Fix: c.Fix, Evidence: pick.Evidence, Confirmed: pick.Status == StatusConfirmed}
	if v := deciding(vs.of(pick.ID)); v != nil {
		if v.headline != "" {
			d.Title = v.headline
		}
		if v.fix != "" {
			d.Fix = v.fix
		}
	}
	for _, o := range confirmed[min(1, len(confirmed)):] {
		d.Also = append(d.Also, o.ID)
	}
	return d
}

// nextQuestion is the unanswered question that decides the most of the
// causes still possible, each weighed by how likely it is (the first
// possible cause counts most); of two alike, the one that decides more
// causes (asking whether an admin exists at all before whether the
// address matches), then the first in the table. A question the service
// provider's profile already answers, or that does not apply to it, is
// never asked.
func nextQuestion(causes []CauseResult, answers map[string]string, ev *Evidence, w *Words) *Question {
	weight := map[string]float64{}
	n := 0
	for _, c := range causes {
		if c.Status == StatusPossible {
			weight[c.ID] = 1 / float64(n+1)
			n++
		}
	}
	var best *Question
	bestScore, bestTouched := 0.0, 0
	for _, q := range questionTable {
		if _, done := answers[q.ID]; done || !q.askable(w) {
			continue
		}
		decided := map[string]map[string]bool{} // answer -> causes
		for _, e := range q.effects {
			if _, ok := weight[e.cause]; !ok {
				continue
			}
			if decided[e.answer] == nil {
				decided[e.answer] = map[string]bool{}
			}
			decided[e.answer][e.cause] = true
		}
		if len(decided) == 0 {
			continue
		}
		score := 0.0
		touched := map[string]bool{}
		for _, cs := range decided {
			for c := range cs {
				score += weight[c]
				touched[c] = true
			}
		}
		score /= 2 // yes and no weigh alike
		if best == nil || score > bestScore+1e-9 || (score > bestScore-1e-9 && len(touched) > bestTouched) {
			qq := q.in(w, ev)
			best, bestScore, bestTouched = &qq, score, len(touched)
		}
	}
	return best
}

// SymptomIDs, CauseIDs and QuestionIDs list the tables' ids in order.
func SymptomIDs() []string {
	out := make([]string, len(symptomTable))
	for i, s := range symptomTable {
		out[i] = s.ID
	}
	return out
}

// CauseIDs lists the causes' ids in the table's order.
func CauseIDs() []string {
	out := make([]string, len(causeTable))
	for i, c := range causeTable {
		out[i] = c.ID
	}
	return out
}

// QuestionIDs lists the questions' ids in the table's order.
func QuestionIDs() []string {
	out := make([]string, len(questionTable))
	for i, q := range questionTable {
		out[i] = q.ID
	}
	return out
}

func joinIDs(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += id
	}
	return s
}
