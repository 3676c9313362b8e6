package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/steps/troubleshoot"
)

// The text `jcsso troubleshoot` prints: its --list, a walk's result
// without --json, and a finished session's last words. (Kept beside the
// command rather than in report.go while other commands grow there.)

// troubleshootList is --list --json.
type troubleshootList struct {
	Symptoms  []listedSymptom     `json:"symptoms"`
	Causes    []listedCause       `json:"causes"`
	Questions []diagnose.Question `json:"questions"`
}

type listedSymptom struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Helps  string   `json:"helps,omitempty"`
	Causes []string `json:"causes"`
}

type listedCause struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Fix   string `json:"fix"`
}

// renderTroubleshootList lists the tables with their ids, in the profile's
// words.
func renderTroubleshootList(w io.Writer, words diagnose.Words, asJSON bool) error {
	var l troubleshootList
	for _, s := range diagnose.Symptoms(words) {
		l.Symptoms = append(l.Symptoms, listedSymptom{ID: s.ID, Title: s.Title, Helps: s.Helps, Causes: s.Causes})
	}
	for _, c := range diagnose.Causes(words) {
		l.Causes = append(l.Causes, listedCause{ID: c.ID, Title: c.Title, Fix: c.Fix})
	}
	l.Questions = diagnose.Questions(words)
	if asJSON {
		return writeJSON(w, l)
	}
	w = reportWriter(w)
	st := newReportStyles()
	section := func(title string, rows [][2]string) {
		fmt.Fprintln(w, st.title.Render(title))
		width := 0
		for _, r := range rows {
			width = max(width, len(r[0]))
		}
		for _, r := range rows {
			fmt.Fprintf(w, "  %-*s  %s\n", width, r[0], r[1])
		}
		fmt.Fprintln(w)
	}
	var rows [][2]string
	for _, s := range l.Symptoms {
		rows = append(rows, [2]string{s.ID, s.Title})
	}
	section("Symptoms (--symptom ID)", rows)
	rows = nil
	for _, c := range l.Causes {
		rows = append(rows, [2]string{c.ID, c.Title})
	}
	section("Causes (the diagnosis names one)", rows)
	rows = nil
	for _, q := range l.Questions {
		rows = append(rows, [2]string{q.ID, q.Ask})
	}
	section("Questions (--answer ID=yes|no|unsure)", rows)
	return nil
}

// renderTroubleshootResult is a walk's result as text: the diagnosis
// with its fix and evidence, or the next question and how to answer it.
func renderTroubleshootResult(w io.Writer, res *diagnose.Result, report string) {
	st := newReportStyles()
	line := func(label, text string) {
		fmt.Fprintln(w, st.label.Render(label)+" "+samlcheck.Printable(text))
	}
	line("Symptom:", res.Symptom.Title+" ("+res.Symptom.ID+")")
	switch d := res.Diagnosis; {
	case d != nil:
		how := "confirmed"
		if !d.Confirmed {
			how = "the only cause left"
		}
		line("Diagnosis:", d.Title+" ("+d.Cause+", "+how+")")
		line("Fix:", d.Fix)
		if q := d.ConfirmWith; q != nil {
			line("To confirm it:", q.Ask+" (--answer "+q.ID+"=yes|no)")
		}
		if len(d.Evidence) > 0 {
			fmt.Fprintln(w, st.label.Render("Evidence:"))
			for _, e := range d.Evidence {
				fmt.Fprintln(w, "  - "+samlcheck.Printable(e))
			}
		}
	case res.Next != nil:
		q := res.Next
		line("Next question:", q.Ask)
		line("  Where to look:", q.Where)
		if q.Note != "" {
			line("  Note:", q.Note)
		}
		line("  Answer with:", "--answer "+q.ID+"=yes (or =no, =unsure)")
	default:
		line("No diagnosis:", res.Undecided()+"; write the report (--report FILE) and escalate it")
	}
	var possible []string
	for _, c := range res.Causes {
		if c.Status == diagnose.StatusPossible && (res.Diagnosis == nil || c.ID != res.Diagnosis.Cause) {
			possible = append(possible, c.ID)
		}
	}
	if len(possible) > 0 {
		line("Still possible:", strings.Join(possible, ", "))
	}
	if report != "" {
		line("Report:", report+" (0600)")
	}
}

// renderSessionOutcome says, after the full screen is gone, what the
// session found and where its report is.
func renderSessionOutcome(w io.Writer, out troubleshoot.Outcome) {
	st := newReportStyles()
	if d := out.Diagnosis; d != nil {
		fmt.Fprintln(w, st.label.Render("Diagnosis:")+" "+samlcheck.Printable(d.Title)+" ("+d.Cause+")")
		fmt.Fprintln(w, st.label.Render("Fix:")+" "+samlcheck.Printable(d.Fix))
	} else {
		fmt.Fprintln(w, "No diagnosis was reached.")
	}
	if out.Report != "" {
		fmt.Fprintln(w, st.label.Render("Report:")+" "+samlcheck.Printable(out.Report)+" (0600)")
	}
}

// troubleshootSymptomCompletion offers the symptoms' ids, each with what
// the customer sees.
func troubleshootSymptomCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var cs []completion
	for _, s := range diagnose.Symptoms(troubleshoot.WordsFor(genericProfile(), nil)) {
		cs = append(cs, completion{s.ID, s.Title})
	}
	return offer(toComplete, cs), cobra.ShellCompDirectiveNoFileComp
}

// troubleshootAnswerCompletion offers QUESTION= for each question, then
// its answers once the question is typed.
func troubleshootAnswerCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var cs []completion
	if q, _, ok := strings.Cut(toComplete, "="); ok {
		for _, a := range []string{diagnose.AnswerYes, diagnose.AnswerNo, diagnose.AnswerUnsure} {
			cs = append(cs, completion{q + "=" + a, a})
		}
		return offer(toComplete, cs), cobra.ShellCompDirectiveNoFileComp
	}
	for _, q := range diagnose.Questions(troubleshoot.WordsFor(genericProfile(), nil)) {
		cs = append(cs, completion{q.ID + "=", q.Ask})
	}
	return offer(toComplete, cs), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func genericProfile() *profile.Profile {
	p, _ := profile.Builtin("generic")
	return p
}
