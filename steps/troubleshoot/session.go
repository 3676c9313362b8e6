package troubleshoot

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/tui"
)

// The session's steps by key, in order.
const (
	keySymptom   = "symptom"
	keyEvidence  = "evidence"
	keyQuestion  = "question"
	keyDiagnosis = "diagnosis"
)

// session is the state every step shares: the symptom, the evidence
// gathered, the answers, the walk's last result, and the questions asked
// in the order asked. Steps hold a pointer to it and change it only in
// Update.
type session struct {
	opts Options
	svc  Services
	// prof is the profile in use, cfg the saved configuration read (nil
	// until one is), words the engine's words for both.
	prof  *profile.Profile
	cfg   *ssoconfig.Config
	words diagnose.Words

	symptom string
	// ev is the evidence gathered; gathered says the checks ran on the
	// files named in gatheredFrom.
	ev           diagnose.Evidence
	gathered     bool
	gatheredFrom [3]string
	answers      []diagnose.Answer
	res          *diagnose.Result
	// path is the questions asked, in order; at is the one shown. jump
	// asks the question step to show that question next (an answer being
	// changed).
	path []string
	at   int
	jump string
	// showEvidence replaces the body with the evidence, on screens too
	// narrow for the side panel.
	showEvidence bool
	// width is the terminal's, for whether the evidence panel fits.
	width int
	// reportPath is where the last report was written ("" none yet).
	reportPath string
	done       bool

	ui  *tui.Context
	ctx context.Context
}

func newSession(ctx context.Context, opts Options) *session {
	if ctx == nil {
		ctx = context.Background()
	}
	s := &session{opts: opts, svc: opts.Services.withDefaults(), ctx: ctx, prof: opts.Profile}
	if s.prof == nil {
		s.prof, _ = profile.Builtin("generic")
	}
	s.symptom = opts.Symptom
	s.answers = append([]diagnose.Answer(nil), opts.Answers...)
	s.words = WordsFor(s.prof, nil)
	return s
}

func (s *session) keys() tui.KeyMap { return s.ui.Keys }

func (s *session) now() time.Time {
	if s.opts.Clock != nil {
		return s.opts.Clock()
	}
	return time.Now()
}

// walk runs the engine on the evidence and answers so far.
func (s *session) walk() {
	if s.symptom == "" {
		s.res = nil
		return
	}
	ev := s.ev
	ev.Answers = s.answers
	res, err := diagnose.Walk(s.symptom, ev, s.words)
	if err != nil {
		// The answers were offered by the session itself; an error is a
		// bad --answer, which the command refuses before the session starts.
		s.res = nil
		return
	}
	s.res = res
}

// answer records an answer to q (replacing an earlier one) and walks
// again; a report written before no longer says it all.
func (s *session) answer(q, value string) {
	s.reportPath = ""
	for i, a := range s.answers {
		if a.Question == q {
			s.answers[i].Value = value
			s.walk()
			return
		}
	}
	s.answers = append(s.answers, diagnose.Answer{Question: q, Value: value})
	s.walk()
}

// answerTo is the answer given to q, or "".
func (s *session) answerTo(q string) string {
	for _, a := range s.answers {
		if a.Question == q {
			return a.Value
		}
	}
	return ""
}

// afterEvidence is where the session goes once the evidence is in: the
// diagnosis when the checks settle it, else the first question.
func (s *session) afterEvidence() {
	s.walk()
	s.path, s.at = nil, 0
	if s.res != nil && s.res.Diagnosis == nil && s.res.Next != nil {
		s.path = []string{s.res.Next.ID}
		s.ui.Nav.GoTo(keyQuestion)
		return
	}
	s.ui.Nav.GoTo(keyDiagnosis)
}

// unsaved reports work that quitting would lose: a session that got
// anywhere whose report was not written.
func (s *session) unsaved() bool {
	return !s.done && s.reportPath == "" && (s.gathered || len(s.answers) > 0)
}

// title is the header's right side: the tool and the service provider,
// when it has a name ("the service provider" says nothing there).
func (s *session) title() string {
	if strings.HasPrefix(s.words.SP, "the ") {
		return "jcsso troubleshoot"
	}
	return "jcsso troubleshoot · " + s.words.SPCap
}

// flow is what the shell shows of the session: "Question N" while asking.
func (s *session) flow() tui.Flow {
	return tui.Flow{
		Name:  "jcsso troubleshoot",
		Title: s.title,
		Progress: func(pos, _ int) string {
			switch pos {
			case 1:
				return "Symptom"
			case 2:
				return "Evidence"
			case 3:
				return fmt.Sprintf("Question %d", s.at+1)
			}
			return "Diagnosis"
		},
		QuitTitle: "Quit troubleshooting?",
		QuitWhy:   "The report for the ticket is not written yet.",
		QuitNote:  "w on the diagnosis screen writes it (or give --report FILE).",
	}
}

// symptomTitle is the chosen symptom in the support's words.
func (s *session) symptomTitle() string {
	if sym, ok := diagnose.SymptomByID(s.symptom, s.words); ok {
		return sym.Title
	}
	return ""
}

// printable is text from a document or a server, safe to show.
func printable(s string) string { return samlcheck.Printable(s) }

// Options start a troubleshooting session.
type Options struct {
	// Profile is the service provider's profile; nil is the generic one,
	// or the profile a saved configuration names when ProfileFixed is false.
	Profile      *profile.Profile
	ProfileFixed bool
	// Symptom preselects a symptom; Answers are given beforehand.
	Symptom string
	Answers []diagnose.Answer
	// Metadata, Response and Config prefill the evidence screen's fields.
	Metadata, Response, Config string
	// Now is --now (zero: the capture's time, else the clock); Clock is
	// the current time (nil: time.Now).
	Now   time.Time
	Clock func() time.Time
	// ReportPath is where w writes the report (--report); empty writes
	// jcsso-troubleshoot-SYMPTOM.md in the current folder.
	ReportPath      string
	IncludeResponse bool
	// Load is how metadata is fetched.
	Load     source.LoadOptions
	Services Services
	// ProgramOptions are extra Bubble Tea options (tests give input and
	// output here).
	ProgramOptions []tea.ProgramOption
}

func symptomIDs() []string { return diagnose.SymptomIDs() }
