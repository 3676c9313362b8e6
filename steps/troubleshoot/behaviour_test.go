package troubleshoot

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// toQuestions starts an Avoma session for one user who cannot sign in,
// with no files, at its first question.
func toQuestions(t *testing.T, w, h int, opts Options) *harness {
	t.Helper()
	if opts.Profile == nil {
		opts.Profile, opts.ProfileFixed = builtin(t, "avoma"), true
	}
	hs := start(t, opts, w, h)
	hs.pickSymptom(t, diagnose.SymptomOneUserCannotLogin)
	hs.Keys("enter") // no files: straight to the questions
	hs.wantStep(t, keyQuestion)
	return hs
}

// TestBackKeepsTheEvidence: esc returns to the previous question with its
// answer marked, the header counting back, and every answer kept; from
// the first question it leaves the questions.
func TestBackKeepsTheEvidence(t *testing.T) {
	h := toQuestions(t, 80, 24, Options{})
	h.WantScreen("Question 1 · The app's user groups")
	h.Keys("y")
	h.WantScreen("Question 2 · How the user signs in")
	h.Keys("y")
	h.WantScreen("Question 3 · The user's e-mail")
	h.Keys("esc")
	h.WantScreen("Question 2 · How the user signs in", "Yes  (the answer given)", "esc goes back to the previous question")
	h.Keys("esc")
	h.WantScreen("Question 1 · The app's user groups", "Yes  (the answer given)")
	if len(h.t.answers) != 2 {
		t.Fatalf("answers %v: going back lost some", h.t.answers)
	}
	h.Keys("d")
	h.WantScreen("Evidence", "The app's user groups: yes", "How the user signs in: yes")
	h.Keys("d", "esc")
	h.wantStep(t, keyEvidence)
	h.Keys("esc")
	h.wantStep(t, keySymptom)
}

// TestChangingAnAnswer: from the diagnosis, e lists the answers; one
// changed walks again from it, the others kept; an unconfirmed diagnosis
// offers the question that confirms it.
func TestChangingAnAnswer(t *testing.T) {
	h := toQuestions(t, 80, 24, Options{})
	h.Keys("y", "n")
	h.wantStep(t, keyDiagnosis)
	h.WantScreen("The user signed in with e-mail and password, not the SSO option", "Confirmed by the evidence")
	h.Keys("e")
	h.WantScreen("Which question?", "The app's user groups: yes", "How the user signs in: no")
	h.Keys("down", "enter")
	h.wantStep(t, keyQuestion)
	h.WantScreen("How the user signs in", "No  (the answer given)")
	h.Keys("y") // changed: the walk goes on from here
	h.WantScreen("The user's e-mail")
	h.Keys("y")
	h.wantStep(t, keyDiagnosis)
	h.WantScreen("Avoma has not confirmed its side of SSO yet", "The only cause left", "not confirmed")
	if got := h.t.answerTo(diagnose.QuestionUserInBoundGroup); got != diagnose.AnswerYes {
		t.Errorf("the first answer was lost: %q", got)
	}
	h.Keys("e")
	h.WantScreen("To confirm it: Has Avoma's support confirmed")
	h.Keys("enter", "n")
	h.wantStep(t, keyDiagnosis)
	h.WantScreen("Confirmed by the evidence (sp-not-confirmed)")
}

// TestReportKeys: w writes the report (atomically, 0600) where --report
// says, or in the current folder named after the symptom; c copies it;
// enter finishes, writing it first when --report was given.
func TestReportKeys(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultRotatedCert}})
	opts := caseOpts(f, "har", "config")
	opts.Services = Services{Clipboard: func(string) error { return nil }}
	h := start(t, opts, 80, 24)
	h.pickSymptom(t, diagnose.SymptomSignatureError)
	h.Keys("enter")
	h.wantStep(t, keyDiagnosis)
	h.Keys("w")
	st, err := os.Stat(opts.ReportPath)
	if err != nil || st.Mode().Perm() != ReportMode {
		t.Fatalf("report %v, %v", st, err)
	}
	if status, _ := h.M.Status(); !strings.Contains(status, "wrote the report to "+opts.ReportPath) {
		t.Errorf("status %q", status)
	}
	data, _ := os.ReadFile(opts.ReportPath)
	for _, want := range []string{"**Stale metadata: the certificate was regenerated (old fingerprint " + samlcheck.FingerprintSHA256(f.IdP.PublishedCertificate()),
		"### SAMLResponse: " + f.HAR, "## Answers"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, s := range casefiles.Secrets {
		if strings.Contains(string(data), s) {
			t.Errorf("the report holds %s", s)
		}
	}
	h.Keys("c")
	if status, _ := h.M.Status(); !strings.Contains(status, "copied the report") {
		t.Errorf("c: status %q", status)
	}
	os.Remove(opts.ReportPath)
	h.Keys("enter")
	if !h.M.Quitting() {
		t.Fatal("enter did not finish")
	}
	if _, err := os.Stat(opts.ReportPath); err != nil {
		t.Errorf("finishing with --report did not write it: %v", err)
	}

	// Without --report, in the current folder.
	t.Chdir(t.TempDir())
	h = toQuestions(t, 80, 24, Options{Services: Services{Clipboard: func(string) error { return nil }}})
	h.Keys("n")
	h.Keys("w")
	if st, err := os.Stat(DefaultReportName(diagnose.SymptomOneUserCannotLogin)); err != nil || st.Mode().Perm() != ReportMode {
		t.Errorf("default report %v, %v", st, err)
	}
}

// TestEvidenceBesideEveryScreen: at 120 columns the evidence stays beside
// every screen and d is not offered; below, d shows it in place.
func TestEvidenceBesideEveryScreen(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{Faults: []testidp.Fault{testidp.FaultEmailMismatch}})
	h := start(t, caseOpts(f, "har"), 120, 40)
	h.WantScreen("Evidence", "Checks", "none run: no file given")
	h.pickSymptom(t, diagnose.SymptomFailsAfterLogin)
	h.Keys("enter")
	h.wantStep(t, keyQuestion)
	h.WantScreen("Evidence", "Response login.har", "Possible", "email-mismatch", "Ruled out", "The captured response names the user")
	if strings.Contains(h.Screen(), "d evidence") {
		t.Error("d is offered beside the panel")
	}
	h.Send(tuitestResize(80, 24))
	h.Keys("d")
	h.WantScreen("Evidence", "Answers", "none yet", "Possible")
}

// TestQuitAsksWhenAReportIsUnwritten: ctrl+c once something was gathered
// asks first; n keeps going.
func TestQuitAsksWhenAReportIsUnwritten(t *testing.T) {
	h := toQuestions(t, 80, 24, Options{})
	h.Keys("y", "ctrl+c")
	h.WantScreen("Quit troubleshooting?", "The report for the ticket is not written yet.")
	h.Keys("n")
	h.WantScreen("Question 2")
	fresh := start(t, Options{}, 80, 24)
	fresh.Keys("ctrl+c")
	if !fresh.M.Quitting() {
		t.Error("nothing to lose, yet ctrl+c asked")
	}
}

// TestEvidenceIntroReads: the evidence screen says what helps most for the
// symptom picked in a sentence that reads right whether that is one file
// or several.
func TestEvidenceIntroReads(t *testing.T) {
	for id, want := range map[string]string{
		diagnose.SymptomOneUserCannotLogin: "For this symptom, start with a HAR file of that user's attempt.",
		diagnose.SymptomFailsAfterLogin:    "For this symptom, start with a HAR file (or SAML-tracer export) of the failed login, and the saved sso-config.yaml.",
	} {
		h := start(t, Options{Profile: builtin(t, "avoma"), ProfileFixed: true}, 80, 30) // no side panel
		h.pickSymptom(t, id)
		h.wantStep(t, keyEvidence)
		if got := h.screenFlat(); !strings.Contains(got, want) || strings.Contains(got, "help most") {
			t.Errorf("%s: the intro lacks %q:\n%s", id, want, h.Screen())
		}
	}
}

// TestUnreadableSavedMetadataIsSaid: a saved configuration whose own
// metadata file cannot be read (gone, or over the 5 MiB cap) is still
// used, and the results say, as the scripted form's note does, that the
// file was not checked and why; so does the report w writes, rather than
// that no configuration was given (review item 2).
func TestUnreadableSavedMetadataIsSaid(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{})
	big := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(big, []byte(strings.Repeat(" ", source.MaxInputBytes+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, why := range map[string]string{
		filepath.Join(t.TempDir(), "gone.xml"): "(no such file)",
		big:                                    "(too large: 5242881 bytes, over the 5 MiB limit for metadata)",
	} {
		data, err := os.ReadFile(f.Config)
		if err != nil {
			t.Fatal(err)
		}
		cfg := filepath.Join(t.TempDir(), "sso-config.yaml")
		edited := regexp.MustCompile(`(?m)^(\s*metadata_file:).*$`).ReplaceAll(data, []byte("$1 "+file))
		if err := os.WriteFile(cfg, edited, 0o600); err != nil {
			t.Fatal(err)
		}
		h := start(t, Options{Profile: f.Profile, ProfileFixed: true, Config: cfg}, 80, 30)
		h.pickSymptom(t, diagnose.SymptomUnknown)
		h.wantStep(t, keyEvidence)
		note := "the configuration's metadata " + file + " cannot be read " + why + "; it is not checked"
		if got := h.screenFlat(); !strings.Contains(got, "! "+note) {
			t.Errorf("the results lack %q:\n%s", note, h.Screen())
		}
		data, err = h.t.report() // what w writes
		if err != nil {
			t.Fatal(err)
		}
		if md := string(data); !strings.Contains(md, "### Not checked\n\n- "+note) || strings.Contains(md, "None: no metadata") {
			t.Errorf("%s: the report does not say the metadata was not checked:\n%s", file, md)
		}
		if h.t.ev.Metadata != nil {
			t.Errorf("%s: checked anyway", file)
		}
	}
}
