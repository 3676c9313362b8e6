package main

import (
	"strings"
	"testing"
)

// A mistyped command, flag or profile name is answered with the nearest
// one, in one line, exit 2 (issue 10, item 17).
func TestTyposSuggestTheNearest(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"chek", md}, `unknown command "chek" for "jcsso": did you mean check?`},
		{[]string{"inspct"}, `did you mean inspect?`},
		// A flag only the commands take does not hide the mistyped command.
		{[]string{"chek", md, "--warn-days", "30"}, `unknown command "chek" for "jcsso": did you mean check?`},
		{[]string{"chek", "--timeout", "5s", md}, `unknown command "chek" for "jcsso": did you mean check?`},
		{[]string{"profiles", "shw", "avoma", "--bogus"}, `unknown command "shw" for "jcsso profiles": did you mean show?`},
		{[]string{"check", md, "--jsn"}, `unknown flag --jsn: did you mean --json? (see jcsso check --help)`},
		{[]string{"check", md, "-jsn"}, `unknown flag -jsn: did you mean --json?`},
		{[]string{"inspect", md, "--metdata", md}, `did you mean --metadata?`},
		{[]string{"setup", "--yes", "--profile", "avoma", "--exclude-amdin", "a@b.test"}, `did you mean --exclude-admin?`},
		{[]string{"--orgg", "acme"}, `did you mean --org?`},
		{[]string{"profiles", "shw", "avoma"}, `unknown command "shw" for "jcsso profiles": did you mean show?`},
		{[]string{"profiles", "show", "avomaa"}, `unknown profile "avomaa": did you mean avoma?`},
		{[]string{"setup", "--yes", "--profile", "avomaa", "--metadata", md}, `unknown profile "avomaa": did you mean avoma?`},
		{[]string{"setup", "--profile", "avomaa"}, `unknown profile "avomaa": did you mean avoma?`},
		{[]string{"idp", "--profile", "avomaa"}, `unknown profile "avomaa": did you mean avoma?`},
		// A flag given no value says what value it takes.
		{[]string{"setup", "--yes", "--profile"}, `--profile needs a value: --profile ID|FILE (see jcsso setup --help)`},
		// Nothing near: no guess, but still the way to the help.
		{[]string{"check", md, "--colour"}, `unknown flag: --colour (see jcsso check --help)`},
		{[]string{"deploy"}, `unknown command "deploy" for "jcsso" (see jcsso --help)`},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.say) || out != "" {
			t.Errorf("jcsso %s: exit %d, stdout %q, stderr %q; want 2 and %q", strings.Join(tc.args, " "), code, out, errOut, tc.say)
		}
	}
}

// A missing or extra argument says what to give, with a line to copy
// (issue 10, item 13), never cobra's "accepts 1 arg(s), received 0".
func TestMissingInputSaysWhatToGive(t *testing.T) {
	for _, tc := range []struct {
		args []string
		say  []string
	}{
		{[]string{"inspect"}, []string{"jcsso inspect needs RESPONSE", "a file holding the SAMLResponse value", "a HAR file", "- to paste it",
			"for example: jcsso inspect saml-response.txt --metadata metadata.xml", "jcsso inspect --help"}},
		{[]string{"inspect", "--metadata", "md.xml"}, []string{"jcsso inspect needs RESPONSE"}},
		{[]string{"check"}, []string{"jcsso check needs SOURCE", "Export Metadata", "Copy Metadata URL", "- to paste it", "--config FILE",
			"for example: jcsso check metadata.xml --idp-entity-id jumpcloud-acmecorp"}},
		{[]string{"inspect", "a.txt", "b.txt"}, []string{"jcsso inspect takes one RESPONSE, got 2 (a.txt, b.txt): run it once for each"}},
		{[]string{"check", "a.xml", "b.xml"}, []string{"jcsso check takes one SOURCE, got 2"}},
		{[]string{"profiles", "show"}, []string{"jcsso profiles show needs ID|FILE", "vome, avoma, generic", "for example: jcsso profiles show avoma"}},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != exitUsage || strings.Contains(errOut, "arg(s)") {
			t.Errorf("jcsso %s: exit %d, stderr %q", strings.Join(tc.args, " "), code, errOut)
		}
		for _, s := range tc.say {
			if !strings.Contains(errOut, s) {
				t.Errorf("jcsso %s: stderr lacks %q:\n%s", strings.Join(tc.args, " "), s, errOut)
			}
		}
	}
}
