package diagnose_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

var idShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// The ids the issue names: scripts match them, so each is in its table.
var (
	issueSymptoms = []string{"placeholder-entity-id", "not-assigned", "fails-after-login", "signature-error", "sessions-ended",
		"one-user-cannot-login", "audience-or-destination", "unknown"}
	issueCauses = []string{"app-not-saved-before-export", "user-not-bound", "email-mismatch", "admin-missing", "stale-metadata",
		"signing-setting", "cert-expired", "sessions-ended-expected", "wrong-login-method", "sp-not-confirmed", "sp-entity-id-typo",
		"acs-url-typo", "clock-skew", "idp-initiated-rejected", "wrong-app-metadata"}
)

// TestTablesHoldTogether: the three tables, both ways. Every id has the
// shape of an id and is unique across the tables; every symptom's causes
// exist; every cause is a candidate of a symptom other than unknown and can
// be decided by some question; every question decides an existing cause.
func TestTablesHoldTogether(t *testing.T) {
	w := avomaWords()
	seen := map[string]bool{}
	for _, id := range slices.Concat(diagnose.SymptomIDs(), diagnose.CauseIDs(), diagnose.QuestionIDs()) {
		if !idShape.MatchString(id) || seen[id] {
			t.Errorf("id %q: bad shape or used twice", id)
		}
		seen[id] = true
	}
	for _, id := range slices.Concat(issueSymptoms, issueCauses) {
		if !seen[id] {
			t.Errorf("the issue's id %q is in no table", id)
		}
	}
	candidate := map[string]bool{}
	for _, s := range diagnose.Symptoms(w) {
		if len(s.Causes) == 0 {
			t.Errorf("symptom %s has no cause", s.ID)
		}
		for _, c := range s.Causes {
			if !slices.Contains(diagnose.CauseIDs(), c) {
				t.Errorf("symptom %s names unknown cause %s", s.ID, c)
			}
			if s.ID != diagnose.SymptomUnknown {
				candidate[c] = true
			}
		}
	}
	decided := map[string]bool{}
	for _, q := range diagnose.Questions(w) {
		if len(q.Causes()) == 0 {
			t.Errorf("question %s decides nothing", q.ID)
		}
		for _, c := range q.Causes() {
			if !slices.Contains(diagnose.CauseIDs(), c) {
				t.Errorf("question %s names unknown cause %s", q.ID, c)
			}
			decided[c] = true
		}
		if q.Ask == "" || q.Where == "" || q.Topic == "" || len(q.Choices) < 2 {
			t.Errorf("question %s is incomplete: %+v", q.ID, q)
		}
	}
	for _, c := range diagnose.Causes(w) {
		if !candidate[c.ID] && c.ID != diagnose.CauseRedirectNotDeclared {
			t.Errorf("cause %s is a candidate only of unknown", c.ID)
		}
		if !decided[c.ID] {
			t.Errorf("no question decides cause %s", c.ID)
		}
		if c.Title == "" || c.Fix == "" {
			t.Errorf("cause %s is incomplete", c.ID)
		}
	}
}

// TestTextsInTheirWords: every text of every table, once in a service
// provider's words, has no placeholder left, names that service provider
// where it names one, and says where in the console with the console's
// words.
func TestTextsInTheirWords(t *testing.T) {
	for _, w := range []diagnose.Words{avomaWords(), vomeWords()} {
		var texts []string
		for _, s := range diagnose.Symptoms(w) {
			texts = append(texts, s.Title, s.Helps)
		}
		for _, c := range diagnose.Causes(w) {
			texts = append(texts, c.Title, c.Fix)
		}
		for _, q := range diagnose.Questions(w) {
			texts = append(texts, q.Topic, q.Ask, q.Where)
		}
		for _, s := range texts {
			if strings.ContainsAny(s, "{}") {
				t.Errorf("%s: placeholder left in %q", w.Profile, s)
			}
		}
		q, _ := diagnose.QuestionByID(diagnose.QuestionUserInBoundGroup, w)
		if !strings.Contains(q.Where, "JumpCloud admin console → SSO Applications → the app → User Groups tab") {
			t.Errorf("%s: where to look: %q", w.Profile, q.Where)
		}
	}
}
