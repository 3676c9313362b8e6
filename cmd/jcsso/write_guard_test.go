package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// headlessAvoma is `jcsso setup --yes` for Avoma into out, plus extra.
func headlessAvoma(t *testing.T, out string, extra ...string) (int, string, string) {
	t.Helper()
	md := metadataFile(t, "jumpcloud-acmecorp")
	args := append([]string{"setup", "--yes", "--profile", "avoma", "--org", "acmecorp", "--idp-entity-id", "jumpcloud-acmecorp",
		"--metadata", md, "--metadata-url", sentURL(t, md),
		"--users-notified", "--out", out, "--now", testNow}, extra...)
	return runCmd(t, "", args...)
}

// While another jcsso writes the folder (it holds the lock beside it),
// setup --yes waits a moment, then says who, in one line, and exits 2.
func TestSetupSaysWhoHoldsTheFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "jcsso-acmecorp")
	lock := filepath.Join(filepath.Dir(out), ".jcsso-acmecorp.jcsso-lock")
	f, err := os.OpenFile(lock, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("pid 4242\nhost build-7\nsince 2026-03-04T10:00:00Z\ncommand jcsso setup --yes --profile vome\n"); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := headlessAvoma(t, out)
	want := out + " is being written by another jcsso (pid 4242 on build-7, since 2026-03-04T10:00:00Z: jcsso setup --yes --profile vome)"
	if code != exitUsage || !strings.Contains(errOut, want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) || strings.Contains(stdout, "Wrote") {
		t.Errorf("the folder was written while locked: %v\n%s", err, stdout)
	}
}

// A symbolic link at --out is refused, saying where it points, unless
// --force.
func TestSetupRefusesALinkAtOut(t *testing.T) {
	root := t.TempDir()
	link := filepath.Join(root, "jcsso-acmecorp")
	if err := os.Symlink(filepath.Join(root, "elsewhere"), link); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := headlessAvoma(t, link)
	if code != exitUsage || !strings.Contains(errOut, link+" points to "+filepath.Join(root, "elsewhere")+", which does not exist; pass --force") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	code, stdout, errOut := headlessAvoma(t, link, "--force")
	if code != 0 || !strings.Contains(stdout, "Wrote "+filepath.Join(root, "elsewhere")) {
		t.Errorf("with --force: exit %d\n%s%s", code, stdout, errOut)
	}
}
