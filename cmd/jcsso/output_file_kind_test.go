package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestOutputFileFlagsRefuseDevicesAndPipes (review item 1): --report and
// --metrics naming a device or a FIFO are refused before any work, exit 2,
// in one line (JSON with --json), and the device or FIFO is left as it was
// (it became a 0600 regular file; as root, --report /dev/null destroyed
// /dev/null). Made in a temp folder, never a system path.
func TestOutputFileFlagsRefuseDevicesAndPipes(t *testing.T) {
	dir := t.TempDir()
	kinds := map[string]string{}
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o666); err != nil {
		t.Fatal(err)
	}
	kinds[fifo] = "a named pipe (FIFO)"
	dev := filepath.Join(dir, "mynull")
	if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err == nil {
		kinds[dev] = "a device"
	} else {
		t.Logf("mknod not allowed (%v): the device case is skipped", err)
	}
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
