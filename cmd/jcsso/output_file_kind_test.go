package main

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
)

// TestOutputFileFlagsRefuseDevicesAndPipes (review item 1): --report and
// --metrics naming a device or a FIFO are refused before any work, exit 2,
// in one line (JSON with --json), and the device or FIFO is left as it was
// (it became a 0600 regular file; as root, --report /dev/null destroyed
// /dev/null). Made in a temp folder, never a system path.
func TestOutputFileFlagsRefuseDevicesAndPipes(t *testing.T) {
	kinds := samltest.SpecialFiles(t)
	fleet := expiringFleet(t, map[string]time.Duration{"acme": 400 * 24 * time.Hour})
	for path, kind := range kinds {
		before, _ := os.Lstat(path)
		for _, tc := range []struct {
			flag string
			args []string
		}{
			{"--report", []string{"troubleshoot", "--symptom", "unknown", "--report", path}},
			{"--metrics", []string{"doctor", fleet, "--now", testNow, "--metrics", path}},
		} {
			want := tc.flag + " " + path + " is " + kind + ", not a regular file: give a file path"
			code, out, errOut := runCmd(t, "", tc.args...)
			if code != exitUsage || out != "" || errOut != want+"\n" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, out, errOut, want)
			}
			code, out, _ = runCmd(t, "", append(tc.args, "--json")...)
			var e jsonError
			if err := json.Unmarshal([]byte(out), &e); err != nil || code != exitUsage || e.Error.Kind != kindUsage || e.Error.Message != want {
				t.Errorf("%v --json: exit %d, %s", tc.args, code, out)
			}
		}
		after, err := os.Lstat(path)
		if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
			t.Errorf("%s was changed: %v -> %v (%v)", path, before.Mode(), after, err)
		}
	}
}

// idp's --tls-cert naming a FIFO is refused before the key is made, exit
// 2, and left a FIFO; the IdP never starts (a ready line would say it did,
// and ends the test rather than leaving it serving).
func TestIdPTLSCertRefusesAPipe(t *testing.T) {
	for path, kind := range samltest.SpecialFiles(t) {
		r := startIdPCmd(t, "idp", "--profile", "avoma", "--key-bits", "2048", "--json", "--tls-cert", path)
		for l := range r.lines {
			t.Errorf("the IdP started: %s", l)
			break
		}
		_, err := r.stop()
		want := "--tls-cert " + path + " is " + kind + ", not a regular file: give a file path"
		if err == nil || err.Error() != want || exitCodeOf(err) != exitUsage {
			t.Errorf("got %v (exit %d), want %q", err, exitCodeOf(err), want)
		}
		if fi, err := os.Lstat(path); err != nil || fi.Mode().IsRegular() {
			t.Errorf("%s became a regular file: %v %v", path, fi, err)
		}
	}
}
