package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// withMetadataFile is a copy of the case's sso-config.yaml, in its own
// folder, whose metadata_file is file.
func withMetadataFile(t *testing.T, f *casefiles.Files, file string) string {
	t.Helper()
	data, err := os.ReadFile(f.Config)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^(\s*metadata_file:).*$`)
	if !re.Match(data) {
		t.Fatalf("no metadata_file in %s", data)
	}
	path := filepath.Join(t.TempDir(), "sso-config.yaml")
	if err := os.WriteFile(path, re.ReplaceAll(data, []byte("$1 "+file)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTroubleshootSavedMetadataIsCapped: the configuration's own metadata
// file is read as check --config and doctor read it, capped at 5 MiB: one
// that is too large (or missing) is a one-line note on stderr, and the
// walk goes on without it, its output still JSON.
func TestTroubleshootSavedMetadataIsCapped(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{})
	big := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(big, []byte(strings.Repeat(" ", source.MaxInputBytes+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, says string }{
		{big, "too large"},
		{filepath.Join(t.TempDir(), "gone.xml"), "no such file"},
	} {
		cfg := withMetadataFile(t, f, tc.file)
		code, out, errOut := runCmd(t, "", "troubleshoot", "--symptom", "unknown", "--config", cfg, "--json")
		var r troubleshootJSON
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%s: not JSON (%v):\n%s", tc.file, err, out)
		}
		want := "note: the configuration's metadata " + tc.file + " cannot be read (" + tc.says
		if code != exitFailed || !strings.Contains(errOut, want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q; want one line with %q", tc.file, code, errOut, want)
		}
		for _, fd := range r.Findings {
			if strings.HasPrefix(fd.ID, "xml.") || strings.HasPrefix(fd.ID, "metadata.") {
				t.Errorf("%s: the unreadable metadata was checked: %s", tc.file, fd.ID)
			}
		}
	}
}

// TestTroubleshootReportSaysSavedMetadataUnread: the --report of a
// configuration whose metadata cannot be read says so, and why, under
// its checks, not that no configuration was given (review item 2).
func TestTroubleshootReportSaysSavedMetadataUnread(t *testing.T) {
	f := casefiles.Make(t, casefiles.Options{})
	gone := filepath.Join(t.TempDir(), "gone.xml")
	cfg := withMetadataFile(t, f, gone)
	report := filepath.Join(t.TempDir(), "r.md")
	code, _, _ := runCmd(t, "", "troubleshoot", "--symptom", "unknown", "--config", cfg, "--report", report)
	data, err := os.ReadFile(report)
	if code != exitFailed || err != nil {
		t.Fatalf("exit %d, report %v", code, err)
	}
	want := "### Not checked\n\n- the configuration's metadata " + gone + " cannot be read (no such file"
	if md := string(data); !strings.Contains(md, want) || strings.Contains(md, "None: no metadata") {
		t.Errorf("the report does not say the metadata was not checked (want %q):\n%s", want, md)
	}
}
