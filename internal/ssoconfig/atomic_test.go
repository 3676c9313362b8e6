package ssoconfig

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// WriteFileAtomic replaces a file whole, with exactly the mode asked for,
// and leaves no temp file beside it.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "session.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new" {
		t.Errorf("content %q", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the file", len(entries))
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x"), []byte("x"), 0o600); err == nil {
		t.Error("no error writing into a missing folder")
	}
}

// WriteFileAtomicFrom streams the content in; a write that fails leaves
// the old file as it was and no temp file beside it.
func TestWriteFileAtomicFrom(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doctor.prom")
	if err := WriteFileAtomicFrom(path, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, "old\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFileAtomicFrom(path, 0o644, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := readFile(t, path); got != "old\n" {
		t.Errorf("content %q after a failed write, want the old", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the file", len(entries))
	}
}

// The session round-trips through its file, readable only by the user.
func TestSessionRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jcsso", "session.json")
	if _, err := LoadSession(path); err != ErrNoSession {
		t.Fatalf("nothing saved: err = %v, want ErrNoSession", err)
	}
	a := Answers{ProfileID: "avoma", Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp", Checklist: map[string]bool{"open": true}}
	if err := SaveSession(path, a); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("session mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := LoadSession(path)
	if err != nil || got.Org != "acmecorp" || !got.Checklist["open"] {
		t.Fatalf("loaded %+v, %v", got, err)
	}
	if err := ClearSession(path); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSession(path); err != ErrNoSession {
		t.Errorf("after clearing: err = %v", err)
	}
}
