package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/steps/troubleshoot"
)

const troubleshootLong = `Guides support from what the customer sees to the cause and the fix: pick the
symptom, give what the customer sent (a HAR file or SAML-tracer export of the
failed login, or the SAMLResponse; JumpCloud's metadata; the sso-config.yaml
jcsso setup wrote), and jcsso runs the checks of jcsso check and jcsso
inspect on them, compares fresh metadata with the saved configuration, asks
what only JumpCloud's console or the service provider shows, and names the
diagnosis with its evidence and its fix, in the service provider's words.

On a terminal it is a full-screen session (the wizard's keys: enter, esc back,
? all keys; w writes the report for the ticket, c copies it). With --json, or
without a terminal, it walks once on what the flags give and prints the
result; each --answer answers a question (jcsso troubleshoot --list names
them all).

What the files stand for: with --config, the configuration is what the
service provider has (its certificates verify the response) and --metadata is
JumpCloud's fresh metadata, compared with it; without --config, --metadata is
the metadata the service provider has. A capture's response is judged at the
time the browser sent it, unless --now says otherwise.

The report (--report FILE, or w) is Markdown: the symptom, every answer and
check with its result, the findings, the diagnosis and the fix, certificates
by their SHA-256 fingerprint; the SAMLResponse itself only with
--include-response, and never a signature value, a cookie or anything else of
a capture. It is written atomically, readable only by you (0600).

With --json: {"symptom", "diagnosis": {"cause" (null when none), "title",
"fix", "evidence", "confirmed"}, "causes": [{"id", "title", "status"
(confirmed, possible, ruled_out), "evidence"}], "next_question" (null when
none), "question", "answers", "findings"}; errors as every command's:
{"ok": false, "error": {"kind", "message"}}.

Exit status:
  0  a diagnosis was reached (the session finished)
  1  no diagnosis yet: questions remain (next_question names the next), or no
     known cause fits
  2  bad usage (an unknown symptom, question or answer), or a file that cannot
     be read
  130  the session was quit`

const troubleshootExample = `  # The session, on a terminal
  jcsso troubleshoot
  jcsso troubleshoot --symptom signature-error --response login.har --config jcsso-acmecorp/sso-config.yaml

  # For a script or a ticket: one walk, the JSON result and the report
  jcsso troubleshoot --symptom signature-error --response login.har \
      --config jcsso-acmecorp/sso-config.yaml --json --report ticket-4711.md
  jcsso troubleshoot --symptom one-user-cannot-login --profile avoma \
      --answer user-in-bound-group=yes --answer used-sso-option=no --json

  # Every symptom, cause and question id
  jcsso troubleshoot --list`

// troubleshootFlags are the options of `jcsso troubleshoot`.
type troubleshootFlags struct {
	list            bool
	symptom         string
	profile         string
	metadata        string
	response        string
	config          string
	answers         []string
	now             string
	report          string
	includeResponse bool
	timeout         time.Duration
	json            bool
}

func newTroubleshootCmd() *cobra.Command {
	f := &troubleshootFlags{}
	cmd := &cobra.Command{
		Use:     "troubleshoot",
		Short:   "Guide support from what the customer sees to the cause and the fix",
		Long:    troubleshootLong,
		Example: troubleshootExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return plainErrors(cmd, runTroubleshoot(cmd, f))
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.list, "list", false, "list every symptom, cause and question with its id")
	fl.StringVar(&f.symptom, "symptom", "", "what the customer sees, by id (see --list)")
	fl.StringVar(&f.profile, "profile", "", "service provider: vome, avoma, generic, or a profile FILE (default: the --config's, else generic)")
	fl.StringVar(&f.metadata, "metadata", "", "the metadata from JumpCloud (URL, file, or -): fresh with --config, else the service provider's copy")
	fl.StringVar(&f.response, "response", "", "the failed login: a HAR file, a SAML-tracer export, or the SAMLResponse")
	fl.StringVar(&f.config, "config", "", "the sso-config.yaml (or .json) jcsso setup wrote: what the service provider has")
	fl.StringArrayVar(&f.answers, "answer", nil, "an answer to a question, QUESTION=yes|no|unsure (repeatable; see --list)")
	addNowFlag(fl, &f.now, "the response and the certificates")
	fl.StringVar(&f.report, "report", "", "write the Markdown report for the ticket to FILE (0600)")
	fl.BoolVar(&f.includeResponse, "include-response", false, "put the SAMLResponse itself in the report (its signature values removed)")
	addTimeoutFlag(fl, &f.timeout, "a --metadata URL")
	addJSONFlag(fl, &f.json, "symptom, diagnosis, causes, next_question, findings")
	return cmd
}

func runTroubleshoot(cmd *cobra.Command, f *troubleshootFlags) error {
	now, err := parseNow(f.now)
	if err != nil {
		return err
	}
	if err := checkTimeout(f.timeout); err != nil {
		return err
	}
	answers, err := parseAnswers(f.answers)
	if err != nil {
		return err
	}
	if f.list {
		p, err := troubleshootProfile(f.profile, nil)
		if err != nil {
			return err
		}
		return renderTroubleshootList(cmd.OutOrStdout(), troubleshoot.WordsFor(p, nil), f.json)
	}
	if f.symptom != "" {
		if _, ok := diagnose.SymptomByID(f.symptom, diagnose.Words{}); !ok {
			return usageError("--symptom %q is not a symptom: use one of %s (see jcsso troubleshoot --list)", f.symptom, strings.Join(diagnose.SymptomIDs(), ", "))
		}
	}
	if f.report != "" {
		if err := checkOutputFile("--report", f.report, "report.md"); err != nil {
			return err
		}
	}
	if f.metadata == "-" && f.response == "-" {
		return usageError("--response and --metadata cannot both be standard input (-)")
	}
	problem := screenProblem(cmd)
	if !f.json && problem == "" {
		return runTroubleshootSession(cmd, f, now, answers)
	}
	if f.symptom == "" {
		if f.json {
			problem = "a terminal" // for its session, which --json leaves out
		}
		return usageError("%s", needsScreen("jcsso troubleshoot's session", problem, "without it, give --symptom ID (see jcsso troubleshoot --list) and --json"))
	}
	return runTroubleshootOnce(cmd, f, now, answers)
}

// parseAnswers reads --answer QUESTION=yes|no|unsure; the walk judges the
// values. A question answered twice is refused: which answer the walk
// should believe is the user's to say, not the flag order's.
func parseAnswers(raw []string) ([]diagnose.Answer, error) {
	var out []diagnose.Answer
	given := map[string]string{}
	for _, r := range raw {
		q, a, ok := strings.Cut(r, "=")
		q, a = strings.TrimSpace(q), strings.ToLower(strings.TrimSpace(a))
		if !ok || q == "" || a == "" {
			return nil, usageError("--answer %q: expected QUESTION=yes, QUESTION=no or QUESTION=unsure (see jcsso troubleshoot --list)", r)
		}
		if _, known := diagnose.QuestionByID(q, diagnose.Words{}); !known {
			return nil, usageError("--answer %s: %q is not a question: use one of %s", r, q, strings.Join(diagnose.QuestionIDs(), ", "))
		}
		if first, twice := given[q]; twice {
			return nil, usageError("--answer %s is given twice (--answer %s, then --answer %s): give each question one answer", q, first, r)
		}
		given[q] = r
		out = append(out, diagnose.Answer{Question: q, Value: a})
	}
	return out, nil
}

// troubleshootProfile is --profile, else the configuration's, else generic.
func troubleshootProfile(name string, cfg *ssoconfig.Config) (*profile.Profile, error) {
	if name == "" && cfg != nil {
		name = cfg.Profile
	}
	if name == "" {
		name = "generic"
	}
	return profile.Resolve(name)
}

// runTroubleshootOnce is the scripted form: read what the flags name, run
// the checks, walk once, print the result (and write the report).
func runTroubleshootOnce(cmd *cobra.Command, f *troubleshootFlags, now time.Time, answers []diagnose.Answer) error {
	in := troubleshoot.Inputs{Now: now}
	var cfg *ssoconfig.Config
	if f.config != "" {
		c, err := ssoconfig.Read(f.config)
		if err != nil {
			return inputError(fmt.Errorf("cannot use --config: %w", err))
		}
		cfg, in.Config, in.ConfigSource = c, c, f.config
	}
	p, err := troubleshootProfile(f.profile, cfg)
	if err != nil {
		return err
	}
	in.Profile = p
	if f.metadata != "" {
		data, err := loadMetadata(cmd, newFetcher(f.timeout), f.metadata, "--metadata ")
		if err != nil {
			return err
		}
		in.Metadata, in.MetadataSource = data, f.metadata
	} else if cfg != nil {
		saved := cfg.MetadataPath(f.config)
		data, err := troubleshoot.ReadSavedMetadata(cmd.Context(), saved)
		in.SavedMetadata, in.SavedMetadataSource, in.SavedMetadataErr = data, saved, err
	}
	if f.response != "" {
		data, err := readResponse(cmd, pasteInput(cmd, "the SAML response or the capture"), f.response, "--response ")
		if err != nil {
			return err
		}
		in.Response, in.ResponseSource = data, displayName(f.response)
	}
	ev, err := troubleshoot.Gather(cmd.Context(), in)
	if err != nil {
		return inputError(err)
	}
	if err := interrupted(cmd); err != nil { // said once, before any note
		return err
	}
	for _, n := range ev.Unchecked {
		fmt.Fprintln(cmd.ErrOrStderr(), "note: "+n)
	}
	if n := troubleshoot.ResponseNote(ev); n != "" {
		fmt.Fprintln(cmd.ErrOrStderr(), "note: "+n)
	}
	ev.Answers = answers
	words := troubleshoot.WordsFor(p, cfg)
	res, err := diagnose.Walk(f.symptom, ev, words)
	if err != nil {
		return usageError("%w", err)
	}
	if f.report != "" {
		md, err := diagnose.Report(res, ev, words, diagnose.ReportOptions{IncludeResponse: f.includeResponse, Now: time.Now()})
		if err != nil {
			return inputError(fmt.Errorf("cannot make the --report: %w", err))
		}
		if err := troubleshoot.WriteReport(f.report, md); err != nil {
			return inputError(fmt.Errorf("--report: cannot %w", err))
		}
	}
	out := cmd.OutOrStdout()
	if f.json {
		if err := writeJSON(out, res); err != nil {
			return err
		}
	} else {
		renderTroubleshootResult(reportWriter(out), res, f.report)
	}
	if res.Diagnosis == nil {
		return errChecksFailed
	}
	return nil
}

// runTroubleshootSession is the full-screen session.
func runTroubleshootSession(cmd *cobra.Command, f *troubleshootFlags, now time.Time, answers []diagnose.Answer) error {
	var p *profile.Profile
	if f.profile != "" {
		var err error
		if p, err = profile.Resolve(f.profile); err != nil {
			return err
		}
	} else if f.config != "" {
		// The session reads the configuration itself; its profile is the
		// one to speak in, unless --profile says otherwise.
		if cfg, err := ssoconfig.Read(f.config); err == nil {
			p, _ = troubleshootProfile("", cfg)
		}
	}
	if f.metadata == "-" || f.response == "-" {
		return usageError("the session reads keys from the terminal, so --metadata and --response cannot be - (standard input) here; give files, or run with --json")
	}
	var out troubleshoot.Outcome
	err := runFullScreen(cmd, fullScreen{
		name: "the troubleshooting session",
		run: func() error {
			var err error
			out, err = troubleshoot.Run(cmd.Context(), troubleshoot.Options{
				Profile: p, ProfileFixed: f.profile != "",
				Symptom: f.symptom, Answers: answers,
				Metadata: f.metadata, Response: f.response, Config: f.config,
				Now: now, ReportPath: f.report, IncludeResponse: f.includeResponse,
				Load: source.LoadOptions{Fetcher: newFetcher(f.timeout), Stdin: strings.NewReader("")},
			})
			return err
		},
		quitLine: func(err error) (string, bool) {
			if out.Report != "" {
				return "troubleshooting quit before it was finished; the report written last is " + out.Report, errors.Is(err, troubleshoot.ErrQuit)
			}
			return "troubleshooting quit before it was finished; no report was written", errors.Is(err, troubleshoot.ErrQuit)
		},
	})
	if err != nil {
		return err
	}
	renderSessionOutcome(reportWriter(cmd.OutOrStdout()), out)
	if out.Diagnosis == nil {
		return errChecksFailed
	}
	return nil
}
