package ssoconfig

import (
	"fmt"
	"strings"
	"testing"
)

func TestDefaultOutDir(t *testing.T) {
	for org, want := range map[string]string{"acmecorp.com": "./jcsso-acmecorp", "Acme Corp": "./jcsso-acme-corp", "…": ""} {
		if got := DefaultOutDir(org); got != want {
			t.Errorf("DefaultOutDir(%q) = %q, want %q", org, got, want)
		}
	}
	if got := (Answers{Org: "acme", OutDir: "/tmp/x"}).Folder(); got != "/tmp/x" {
		t.Errorf("Folder with OutDir = %q", got)
	}
	if got := (Answers{Org: "acme"}).Folder(); got != "./jcsso-acme" {
		t.Errorf("Folder without OutDir = %q", got)
	}
}

// NEXT-STEPS.md is rendered from its data: every step's title is its
// numbered heading, in order, and the headline is the first step.
func TestNextStepsMarkdownFollowsItsData(t *testing.T) {
	for id, a := range map[string]Answers{"avoma": avomaAnswers(), "vome": vomeAnswers()} {
		b := build(t, id, a)
		md := string(b.NextSteps)
		if md != string(b.Next.Markdown()) {
			t.Errorf("%s: Bundle.NextSteps is not Next rendered", id)
		}
		if len(b.Next.Steps) < 3 || b.Next.Headline() != b.Next.Steps[0].Title {
			t.Fatalf("%s: steps %v", id, b.Next.Steps)
		}
		last := -1
		for i, s := range b.Next.Steps {
			at := strings.Index(md, fmt.Sprintf("\n## %d. %s\n", i+1, s.Title))
			if at <= last {
				t.Errorf("%s: step %d %q is not the next numbered heading", id, i+1, s.Title)
			}
			last = at
		}
		if n := strings.Count(md, "\n## "); n != len(b.Next.Steps)+len(b.Next.More) {
			t.Errorf("%s: %d headings for %d sections", id, n, len(b.Next.Steps)+len(b.Next.More))
		}
	}
}
