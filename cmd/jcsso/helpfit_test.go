package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/tui/tuitest"
)

// Every help page, drawn by fang in a terminal of 80 columns, fits it: no
// line wider than the terminal (which would break mid-word), no example cut
// with "…", every word of the examples and the flag descriptions there.
func TestHelpFitsTheTerminal(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range everyCommand() {
		if c.Hidden || c.Name() == "completion" || c.Parent() != nil && c.Parent().Name() == "completion" {
			continue
		}
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		tm := startTerm(t, bin, t.TempDir(), args...)
		tm.wait(true)
		<-tm.EOF()
		out := strings.ReplaceAll(ansi.Strip(tm.Output()), "\r\n", "\n")
		// On a loaded machine the test terminal's answer to a query can
		// arrive after the program stopped reading, and the line
		// discipline then echoes it ("^[]11;rgb:…"): the terminal's words,
		// not the help's.
		out = withoutEchoedAnswers(out)
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(strings.TrimRight(l, " ")); w > 80 {
				t.Errorf("jcsso %s: a line of %d columns: %q", strings.Join(args, " "), w, l)
			}
			if strings.Contains(l, "…") {
				t.Errorf("jcsso %s: a cut line: %q", strings.Join(args, " "), l)
			}
		}
		words := map[string]bool{}
		for _, w := range strings.Fields(out) {
			words[w] = true
		}
		var texts []string
		texts = append(texts, c.Example)
		for _, sub := range c.Commands() {
			if !sub.Hidden {
				texts = append(texts, sub.Short)
			}
		}
		for _, text := range texts {
			for _, w := range strings.Fields(text) {
				if w != "\\" && !words[w] && !words[strings.ToUpper(w[:1])+w[1:]] {
					t.Errorf("jcsso %s: %q is not whole in the help", strings.Join(args, " "), w)
				}
			}
		}
	}
}

// withoutEchoedAnswers removes the test terminal's answers to queries as a
// cooked-mode terminal echoes them (ESC shown as "^[").
func withoutEchoedAnswers(s string) string {
	for _, a := range tuitest.TerminalAnswers {
		s = strings.ReplaceAll(s, strings.ReplaceAll(a, "\x1b", "^["), "")
	}
	return s
}
