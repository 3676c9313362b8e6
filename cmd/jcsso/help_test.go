package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// everyCommand is the tree as a user meets it, help command included.
func everyCommand() []*cobra.Command {
	root := newRootCmd()
	var all []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		all = append(all, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return all
}

// Every flag that takes a value shows what it takes in help and in the man
// page (issue 10, item 20): "--exclude-admin EMAIL", never a bare name that
// reads as a switch.
func TestEveryValueFlagHasAPlaceholder(t *testing.T) {
	for _, c := range everyCommand() {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.NoOptDefVal == "" && flagPlaceholders[f.Name] == "" {
				t.Errorf("%s --%s takes a value but has no placeholder in flagPlaceholders", c.CommandPath(), f.Name)
			}
		})
	}
	for _, args := range [][]string{{"setup", "--help"}, {"--help"}, {"help", "setup"}, {"-h"}} {
		_, out, _ := runCmd(t, "", args...)
		for _, want := range []string{"--exclude-admin EMAIL", "--profile ID|FILE", "--metadata SOURCE", "--timeout DURATION", "--yes  "} {
			if !strings.Contains(out, want) {
				t.Errorf("jcsso %s lacks %q", strings.Join(args, " "), want)
			}
		}
	}
	_, out, _ := runCmd(t, "", "inspect", "--help")
	for _, want := range []string{"--admin EMAIL", "--cert FILE", "--require-signing PART", "--skew DURATION"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect --help lacks %q", want)
		}
	}
	// The placeholders are only drawn: the flags parse as before, --help
	// anywhere on the line included.
	if code, _, errOut := runCmd(t, "", "setup", "--help", "--exclude-admin", "a@b.test", "--org", "acme"); code != exitOK {
		t.Errorf("setup --help with values: exit %d, %s", code, errOut)
	}
}

// `jcsso man` is listed, and its page has every command, the placeholders
// and an EXIT STATUS section naming each status (issue 10, item 20).
func TestManPage(t *testing.T) {
	_, help, _ := runCmd(t, "", "--help")
	if !regexp.MustCompile(`(?m)^\s+man\b.*manual page`).MatchString(help) {
		t.Errorf("jcsso --help does not list man:\n%s", help)
	}
	code, page, errOut := runCmd(t, "", "man")
	if code != exitOK {
		t.Fatalf("man: exit %d: %s", code, errOut)
	}
	for _, want := range []string{".SH EXIT STATUS", "0: success", "1: a check failed", "2: bad usage", "130: the wizard was quit",
		".SH ENVIRONMENT", "HTTPS_PROXY", "exclude\\-admin EMAIL", "inspect", "check", "profiles", "idp"} {
		if !strings.Contains(page, strings.ReplaceAll(want, `\-`, "-")) && !strings.Contains(page, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	if strings.Contains(page, "over SAML, and explains") && !strings.Contains(page, "(the service provider) over SAML") {
		t.Errorf("the description keeps its help text's line breaks as paragraphs")
	}
}

// A release build's --version names its version and its commit (issue 10,
// item 20); a source build's names its commit in the version itself.
func TestVersionNamesTheCommit(t *testing.T) {
	version, commit = "v1.4.0", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
	defer func() { version, commit = "", "" }()
	out := versionOutput(t)
	if out != "jcsso version v1.4.0 (0a1b2c3)\n" {
		t.Errorf("--version = %q, want the version and the short commit", out)
	}
	version, commit = "", ""
	if out := versionOutput(t); !strings.HasPrefix(out, "jcsso version dev") {
		t.Errorf("source build: --version = %q", out)
	}
}

// versionOutput is what `jcsso --version` prints, through fang as run does.
func versionOutput(t *testing.T) string {
	t.Helper()
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	if code := execute(context.Background(), root, []string{"--version"}); code != exitOK {
		t.Fatalf("--version: exit %d: %s", code, out.String())
	}
	return out.String()
}

// wrongSpelling is JumpCloud spelt any other way: "Jumpcloud",
// "JUMPCLOUD", "Jump Cloud", "jumpCloud" in prose. Lower-case "jumpcloud"
// is an identifier (sso.jumpcloud.com, jumpcloud-acmecorp, a YAML key).
var wrongSpelling = regexp.MustCompile(`Jumpcloud|JUMPCLOUD|[Jj]ump[ -][Cc]loud|JumpCLoud`)

// "JumpCloud" is spelt so in every help page and the man page as fang
// draws them (issue 10, item 20): fang capitalises the first word of each
// flag and command description and lower-cases the rest of that word, so a
// description must not start with a word whose inner capitals matter
// ("JumpCloud's" became "Jumpcloud's").
func TestJumpCloudSpelledSo(t *testing.T) {
	title := cases.Title(language.AmericanEnglish)
	for _, c := range everyCommand() {
		texts := []string{c.Short}
		c.Flags().VisitAll(func(f *pflag.Flag) { texts = append(texts, f.Usage) })
		for _, text := range texts {
			first, _, _ := strings.Cut(strings.TrimSpace(text), " ")
			if first == "" {
				continue
			}
			if shown := title.String(first); !strings.EqualFold(shown, first) || shown[1:] != first[1:] {
				t.Errorf("%s: %q starts with %q, which help shows as %q", c.CommandPath(), text, first, shown)
			}
		}
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		_, out, _ := runCmd(t, "", args...)
		if m := wrongSpelling.FindString(out); m != "" {
			t.Errorf("jcsso %s shows %q", strings.Join(args, " "), m)
		}
	}
	_, page, _ := runCmd(t, "", "man")
	if m := wrongSpelling.FindString(page); m != "" {
		t.Errorf("man page shows %q", m)
	}
	// And in the code, the docs and the profiles: every text file of the
	// module but this test.
	root := filepath.Join("..", "..")
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".yaml", ".yml", ".txt", ".golden":
		default:
			return nil
		}
		if filepath.Base(path) == "help_test.go" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err == nil {
			if m := wrongSpelling.Find(data); m != nil {
				t.Errorf("%s: %q", path, m)
			}
		}
		return nil
	})
}
