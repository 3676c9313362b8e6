package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// sparseFile makes a file of size bytes that takes no disk space.
func sparseFile(t *testing.T, dir, name string, size int64) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	return path
}

// A 300 MB --cert or --admins file is refused by its size, in one line,
// before it is read (it used to cost twice its size in memory).
func TestInspectCapsCertAndAdminsFiles(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	big := sparseFile(t, dir, "huge.pem", 300<<20)
	resp := filepath.Join(dir, "response.b64")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--cert", big}, "cannot read --cert " + big + ": too large: 314572800 bytes, over the 1 MiB limit for a certificate file"},
		{[]string{"--cert", filepath.Join(dir, "idp.pem"), "--admins", big}, "cannot read --admins " + big + ": too large: 314572800 bytes, over the 1 MiB limit for a list of admins"},
	} {
		code, out, errOut := runCmd(t, "", append([]string{"inspect", resp, "--now", inspectNow}, tc.args...)...)
		if code != exitUsage || strings.TrimSpace(errOut) != tc.want || strings.Count(errOut, "\n") > 1 || out != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// An --admins file of one very long line is read, not "bufio.Scanner:
// token too long".
func TestInspectAdminsLongLine(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	long := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(long, []byte(strings.Repeat("x", 200<<10)+"\nalice@acmecorp.com"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "inspect", filepath.Join(dir, "response.b64"), "--cert", filepath.Join(dir, "idp.pem"),
		"--idp-entity-id", samltest.DefaultIdPEntityID, "--admins", long, "--now", inspectNow)
	if strings.Contains(errOut, "token too long") || !strings.Contains(out, "✓ admin.unknown") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

// More --cert certificates than a signature is tried against is refused.
func TestInspectCapsTrustedCertificates(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	pem, err := os.ReadFile(filepath.Join(dir, "idp.pem"))
	if err != nil {
		t.Fatal(err)
	}
	many := filepath.Join(dir, "many.pem")
	if err := os.WriteFile(many, bytes.Repeat(pem, 17), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, "", "inspect", filepath.Join(dir, "response.b64"), "--cert", many, "--now", inspectNow)
	if code != exitUsage || !strings.Contains(errOut, "--cert gives 17 certificates to trust, more than the 16") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
