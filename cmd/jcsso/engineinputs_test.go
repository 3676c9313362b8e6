package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/casefiles"
)

var flagWord = regexp.MustCompile(`--[a-z][a-z-]*`)

// foreignFlags are the flags text names that cmd does not have, outside a
// command line of another jcsso command ("run jcsso check --config …").
func foreignFlags(cmd *cobra.Command, text string) []string {
	var out []string
	for _, loc := range flagWord.FindAllStringIndex(text, -1) {
		name := text[loc[0]+2 : loc[1]]
		if cmd.Flags().Lookup(name) != nil {
			continue
		}
		line := text[:loc[0]]
		if i := strings.LastIndexByte(line, '\n'); i >= 0 {
			line = line[i:]
		}
		if strings.Contains(line, "jcsso ") {
			continue
		}
		out = append(out, "--"+name)
	}
	return out
}

// TestTroubleshootNamesOnlyItsFlags: whatever the customer sent (a HAR
// file, a bare SAMLResponse, metadata, the saved configuration), every
// scenario's text, report and JSON name only flags jcsso troubleshoot has:
// the engine's "not checked" messages and fixes never tell support to give
// --admin, --request-id, --cert or --acs-url, which it does not take.
func TestTroubleshootNamesOnlyItsFlags(t *testing.T) {
	cmd := newTroubleshootCmd()
	for _, sc := range casefiles.Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			f := sc.Case(t)
			report := filepath.Join(t.TempDir(), "report.md")
			args := append(scenarioArgs(sc, f, false), "--report", report)
			_, text, errOut := runCmd(t, "", args...)
			_, js, _ := runCmd(t, "", append(scenarioArgs(sc, f, false), "--json")...)
			md, err := os.ReadFile(report)
			if err != nil {
				t.Fatalf("no report: %v\n%s", err, errOut)
			}
			for what, s := range map[string]string{"text": text + errOut, "report": string(md), "json": js} {
				if bad := foreignFlags(cmd, s); len(bad) > 0 {
					t.Errorf("%s names %v, which jcsso troubleshoot does not have:\n%s", what, bad, s)
				}
			}
		})
	}
}

// TestInspectAndCheckNameTheirFlags: the commands that have the flags
// still name them where a check could not run.
func TestInspectAndCheckNameTheirFlags(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{})
	_, out, _ := runCmd(t, "", "inspect", f.HAR)
	for _, want := range []string{"--idp-entity-id or --metadata", "--sp-entity-id", "--acs-url", "--request-id", "--admin or --admins", "with --metadata", "with --cert"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCmd(t, "", "check", f.Metadata)
	for _, want := range []string{"(--sp-entity-id)", "(--idp-entity-id)", "(--acs-url)", "(--app-name)"} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
	for name, cmd := range map[string]*cobra.Command{"inspect": newInspectCmd(), "check": newCheckCmd()} {
		_, out, _ := runCmd(t, "", name, map[string]string{"inspect": f.HAR, "check": f.Metadata}[name])
		if bad := foreignFlags(cmd, out); len(bad) > 0 {
			t.Errorf("%s names %v, which it does not have:\n%s", name, bad, out)
		}
	}
}
