package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// While the wizard runs, os.Stderr (where Bubble Tea writes a caught
// panic's stack) goes to a crash log beside the session: kept, and named
// in one line, when the wizard crashed; removed otherwise.
func TestCrashLogCapturesStderr(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	orig := os.Stderr
	for _, keep := range []bool{false, true} {
		path, restore := captureStderr()
		if path == "" || filepath.Dir(path) != filepath.Join(state, "jcsso") {
			t.Fatalf("crash log at %q", path)
		}
		fmt.Fprint(os.Stderr, "Caught panic: goroutine 1 [running]")
		restore(keep)
		if os.Stderr != orig {
			t.Fatal("os.Stderr was not put back")
		}
		data, err := os.ReadFile(path)
		switch {
		case keep && (err != nil || !strings.Contains(string(data), "goroutine 1")):
			t.Errorf("kept crash log: %q, %v", data, err)
		case !keep && !os.IsNotExist(err):
			t.Errorf("the crash log of a run that did not crash was left: %v", err)
		}
		if keep {
			msg := crashError("the setup wizard", path, "jcsso setup --resume continues").Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, "jcsso setup --resume") || strings.Contains(msg, "goroutine") {
				t.Errorf("crash message %q", msg)
			}
		}
	}
}
