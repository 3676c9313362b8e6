package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// Paths in flags are read as the wizard reads typed ones: ~ and ~/ that a
// shell left alone (after --flag=, inside quotes), a quoted or
// backslash-escaped path pasted after a drag and drop, and file:// URLs.
func TestPathFlagsAreReadAsTyped(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	src := metadataFile(t, "jumpcloud-acmecorp")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(home, "Downloads"), 0o700); err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(home, "Downloads", "My Export.xml")
	if err := os.WriteFile(md, data, 0o600); err != nil {
		t.Fatal(err)
	}

	// setup --yes: --metadata with ~/ and an --out of ~/jcsso-vome.
	code, out, errOut := runCmd(t, "", "setup", "--yes", "--profile", "vome", "--org", "acmecorp",
		"--sp-entity-id", "https://vome.test/sp/acme", "--acs-url", "https://vome.test/sp/acme/acs",
		"--idp-entity-id", "jumpcloud-acmecorp", "--now", testNow,
		"--metadata=~/Downloads/My Export.xml", "--out=~/jcsso-vome")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(home, "jcsso-vome", ssoconfig.ConfigYAML)); err != nil {
		t.Fatalf("the folder was not written under the home folder: %v\n%s", err, out)
	}
	if _, err := os.Stat("~"); err == nil {
		t.Fatal("a literal ./~ folder was created")
	}
	if !strings.Contains(out, filepath.Join(home, "jcsso-vome")) {
		t.Errorf("the report does not name the expanded folder:\n%s", out)
	}

	// check: SOURCE quoted, escaped, as a file:// URL; --config with ~.
	for _, source := range []string{"'" + md + "'", strings.ReplaceAll(md, " ", `\ `), "file://" + strings.ReplaceAll(md, " ", "%20"), "~/Downloads/My Export.xml"} {
		code, out, errOut := runCmd(t, "", "check", source, "--now", testNow)
		if code != 0 {
			t.Errorf("check %s: exit %d\n%s%s", source, code, out, errOut)
		}
	}
	code, out, errOut = runCmd(t, "", "check", "--config", "~/jcsso-vome/sso-config.yaml", "--now", testNow)
	if code != 0 {
		t.Errorf("check --config ~/…: exit %d\n%s%s", code, out, errOut)
	}

	// A file URL of another machine is a usage error naming the flag.
	code, _, errOut = runCmd(t, "", "check", "--config", "file://server/share/sso-config.yaml")
	if code != exitUsage || !strings.Contains(errOut, "--config file://server/share/sso-config.yaml names a file on another machine") {
		t.Errorf("remote file URL: exit %d, %s", code, errOut)
	}
}
