package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/jcsso/jcsso/internal/samltest"
)

// runOnTerminal runs the command line with stdout on a pseudo-terminal of
// the given width and returns what the terminal received, escape codes and
// carriage returns removed.
func runOnTerminal(t *testing.T, cols uint16, args ...string) string {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: cols, Rows: 24}); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(ptmx) // until the terminal's other end is closed
		got <- b
	}()
	root := newRootCmd()
	root.SetOut(tty)
	var errOut bytes.Buffer
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(""))
	execute(context.Background(), root, args)
	tty.Close()
	out := strings.ReplaceAll(ansi.Strip(string(<-got)), "\r\n", "\n")
	if errOut.Len() > 0 {
		t.Logf("stderr: %s", errOut.String())
	}
	return out
}

// On a terminal, check's report is wrapped to the terminal's width between
// words, keeping every character; in a pipe or file it never is (issue 10,
// item 11).
func TestReportWrapsToTheTerminal(t *testing.T) {
	t.Setenv("TERM", "xterm-256color")
	placeholder := checkFixture(t, samltest.MetadataOptions{EntityID: "IdP Entity ID"})
	args := []string{"check", placeholder, "--idp-entity-id", "jumpcloud-acmecorp", "--now", testNow}
	_, piped, _ := runCmd(t, "", args...)
	longest := 0
	for _, l := range strings.Split(piped, "\n") {
		longest = max(longest, ansi.StringWidth(l))
	}
	if longest <= 80 {
		t.Fatalf("the piped report has no line over 80 columns (longest %d): nothing to wrap", longest)
	}

	wrapped := runOnTerminal(t, 80, args...)
	for i, l := range strings.Split(wrapped, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d columns wide: %q", i+1, w, l)
		}
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(wrapped) != squash(piped) {
		t.Errorf("wrapping changed the text beyond its line breaks:\npiped:\n%s\nwrapped:\n%s", piped, wrapped)
	}
	// No word is broken mid-way, at a hyphen neither ("entityid.same-as-sp",
	// "HTTP-Redirect"): every word of the piped report is whole in the
	// wrapped one, but for one wider than a line.
	words := map[string]bool{}
	for _, w := range strings.Fields(wrapped) {
		words[w] = true
	}
	for _, w := range strings.Fields(piped) {
		if len(w) < 60 && !words[w] {
			t.Errorf("the word %q was broken across lines", w)
		}
	}
	// A continuation hangs under the text after the mark or label.
	for _, want := range []string{
		"✗ entityid.placeholder the entityID is \"IdP Entity ID\", the unfilled placeholder\n  of JumpCloud's",
		"    fix: Save the application in JumpCloud and export fresh metadata: open the\n         application's SSO tab",
	} {
		if !strings.Contains(wrapped, want) {
			t.Errorf("wrapped report lacks %q:\n%s", want, wrapped)
		}
	}
	// A wider terminal gets longer lines: the width is read, not assumed.
	if wide := runOnTerminal(t, 120, args...); strings.Count(wide, "\n") >= strings.Count(wrapped, "\n") {
		t.Errorf("at 120 columns the report has %d lines, at 80 %d", strings.Count(wide, "\n"), strings.Count(wrapped, "\n"))
	}
}

// wrapLine keeps styles and every character, splits a word wider than the
// line instead of cutting it, and leaves a short line alone.
func TestWrapLine(t *testing.T) {
	styled := "\x1b[1;31m✗\x1b[0m \x1b[1mcert.weak\x1b[0m SHA-256 " + strings.Repeat("AB:", 40) + "CD is weak"
	got := wrapLine(styled, 40)
	for _, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %q is %d wide", ansi.Strip(l), w)
		}
	}
	if squash := func(s string) string { return strings.Join(strings.Fields(ansi.Strip(s)), "") }; squash(got) != squash(styled) {
		t.Errorf("characters lost:\n%s", ansi.Strip(got))
	}
	if !strings.Contains(got, "\x1b[1;31m") {
		t.Errorf("style lost: %q", got)
	}
	if short := "✓ xml.html fine"; wrapLine(short, 40) != short {
		t.Errorf("a short line changed: %q", wrapLine(short, 40))
	}
	for _, tc := range []struct {
		line string
		hang int
	}{
		{"✗ entityid.mismatch expected …", 2},
		{"    fix: Make IdP Entity ID …", 9},
		{"  Certificate:   RSA-4096, SHA-256 …", 17},
		{"  IdP entity ID: x …", 17},
		{"  1. Upload idp-metadata.xml …", 5},
		{"Nothing was written. Fix the failures above (each says where) …", 0},
		{"  A response is a login credential …", 2},
		{`unknown profile "avomaa": did you mean avoma? …`, 0},
		{"--exclude-admin: Excluded admins are …", 17},
	} {
		if got := hangingIndent(tc.line, 80); got != tc.hang {
			t.Errorf("hangingIndent(%q) = %d, want %d", tc.line, got, tc.hang)
		}
	}
}

// An error on a terminal is wrapped between words too, each line of a
// setup error with its flag standing out; in a pipe it is one line a problem.
func TestErrorsWrapOnTheTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(ptmx)
		got <- b
	}()
	root := newRootCmd()
	root.SetErr(tty)
	root.SetOut(io.Discard)
	root.SetIn(strings.NewReader(""))
	args := []string{"setup", "--profile", "vome", "--exclude-admin", "owner@acmecorp", "--sp-entity-id", "https://vome.example/saml"}
	if code := execute(context.Background(), root, args); code != exitUsage {
		t.Errorf("exit %d", code)
	}
	tty.Close()
	out := strings.ReplaceAll(ansi.Strip(string(<-got)), "\r\n", "\n")
	want := "--exclude-admin: Excluded admins are e-mail addresses; \"owner@acmecorp\" is not\n                 one.\n"
	if !strings.Contains(out, want) {
		t.Errorf("stderr on a terminal:\n%s\nwant it to hold %q", out, want)
	}
	_, _, piped := runCmd(t, "", args...)
	if !strings.Contains(piped, "--exclude-admin: Excluded admins are e-mail addresses; \"owner@acmecorp\" is not one.\n") {
		t.Errorf("piped stderr: %q", piped)
	}
}
