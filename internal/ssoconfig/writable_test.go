package ssoconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The atomic writer's errors name the file asked for and why, never the
// temp file beside it (review item 15: "rename /tmp/.tmp5598… /tmp: file
// exists", "open /proc/x/.r.md7509…").
func TestWriteFileAtomicErrorsNameNoTempFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	cases := []struct {
		path, say string
		is        error
	}{
		{dir, "write " + dir + ": it is a folder", ErrIsFolder},
		{filepath.Join(missing, "r.md"), "write " + filepath.Join(missing, "r.md") + ": the folder " + missing + " does not exist", os.ErrNotExist},
	}
	if st, err := os.Stat("/proc/self"); err == nil && st.IsDir() {
		cases = append(cases, struct {
			path, say string
			is        error
		}{"/proc/r.md", "write /proc/r.md: the folder /proc does not take new files", os.ErrNotExist})
	}
	for _, tc := range cases {
		err := WriteFileAtomic(tc.path, []byte("x"), 0o600)
		if err == nil || err.Error() != tc.say || !errors.Is(err, tc.is) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("%s: %v; want %q", tc.path, err, tc.say)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder holds %d entries after failed writes", len(entries))
	}
}

// CheckWritable finds, before any work, what the writer would fail on,
// in the same words, and leaves nothing behind.
func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	if err := CheckWritable(filepath.Join(dir, "report.md")); err != nil {
		t.Errorf("a file in a folder that exists: %v", err)
	}
	if err := CheckWritable(dir); !errors.Is(err, ErrIsFolder) {
		t.Errorf("a folder: %v", err)
	}
	missing := filepath.Join(dir, "missing")
	if err := CheckWritable(filepath.Join(missing, "r.md")); err == nil || err.Error() != "the folder "+missing+" does not exist" {
		t.Errorf("a missing folder: %v", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := CheckWritable(filepath.Join(file, "r.md")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a file as the folder: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the probe left %d entries, want only the file", len(entries))
	}
}
