package enginetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck"
)

// CaseHead is what every case of the vectors' cases.json has, whatever its
// kind; a test's case type embeds it beside its own "args".
type CaseHead struct {
	Name   string      `json:"name"`
	Kind   string      `json:"kind"`
	Input  string      `json:"input"`
	Expect Expectation `json:"expect"`
}

// Head returns the case's common part.
func (h *CaseHead) Head() *CaseHead { return h }

// Expectation is what a case expects of the engine's answer.
type Expectation struct {
	OK      bool     `json:"ok"`
	Exit    int      `json:"exit"`
	Fail    []string `json:"fail"`
	NotFail []string `json:"not_fail"`
	// SubjectEmail is the e-mail a response case expects the report to
	// name, when it says.
	SubjectEmail *string `json:"subject_email"`
}

// Problems says how ok and the findings disagree with the expectation:
// the verdict, the ids that should fail and those that should not.
func (e Expectation) Problems(ok bool, fs samlcheck.Findings) []string {
	var problems []string
	if ok != e.OK {
		problems = append(problems, map[bool]string{true: "ok is true, expected false", false: "ok is false, expected true"}[ok])
	}
	for _, id := range e.Fail {
		if !fails(fs, id) {
			problems = append(problems, id+" should fail")
		}
	}
	for _, id := range e.NotFail {
		if fails(fs, id) {
			problems = append(problems, id+" should not fail")
		}
	}
	return problems
}

// fails reports whether some finding with the id has severity fail.
func fails(fs samlcheck.Findings, id string) bool {
	for _, f := range fs.ByID(id) {
		if f.Severity == samlcheck.SeverityFail {
			return true
		}
	}
	return false
}

// RunCases runs every case of kind in the vectors (skipping when they are
// missing) through judge, which is given the vectors' folder, the case and
// its input file, and answers with what disagrees and the findings; each
// disagreement is reported by the case's name, with the failures found.
func RunCases[C any, P interface {
	*C
	Head() *CaseHead
}](t *testing.T, kind string, judge func(dir string, c C, input []byte) (problems []string, fs samlcheck.Findings)) {
	t.Helper()
	dir := Vectors(t)
	var disagreements []string
	ran := 0
	for _, c := range ReadCases[C](t, dir) {
		h := P(&c).Head()
		if h.Kind != kind {
			continue
		}
		ran++
		input, err := os.ReadFile(filepath.Join(dir, h.Input))
		if err != nil {
			disagreements = append(disagreements, h.Name+": cannot read input: "+err.Error())
			continue
		}
		problems, fs := judge(dir, c, input)
		if len(problems) == 0 {
			continue
		}
		var failed []string
		for _, f := range fs {
			if f.Severity == samlcheck.SeverityFail {
				failed = append(failed, f.ID+": "+f.Message)
			}
		}
		disagreements = append(disagreements, h.Name+": "+strings.Join(problems, "; ")+"\n    fails: "+strings.Join(failed, "\n           "))
	}
	if ran == 0 {
		t.Fatalf("cases.json has no %s cases", kind)
	}
	for _, d := range disagreements {
		t.Error(d)
	}
	t.Logf("%d %s cases, %d disagreements", ran, kind, len(disagreements))
}
