package ssoconfig

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// Review item 1: the atomic writer replaced a device or a FIFO with a
// regular file (as root, --report /dev/null destroyed /dev/null). Every
// caller goes through it, so it refuses them itself, before anything is
// written, and leaves them as they were.
func TestWriteFileAtomicRefusesNonRegularFiles(t *testing.T) {
	kinds := samltest.SpecialFiles(t)
	var dir string
	for path, kind := range kinds {
		dir = filepath.Dir(path)
		want := "write " + path + ": it is " + kind + ", not a regular file"
		before, _ := os.Lstat(path)
		err := WriteFileAtomic(path, []byte("x"), 0o600)
		var nr *NotRegularError
		if err == nil || err.Error() != want || !errors.Is(err, ErrNotRegular) || !errors.As(err, &nr) || nr.Kind != kind {
			t.Errorf("%s: %v; want %q", path, err, want)
		}
		called := false
		err = WriteFileAtomicFrom(path, 0o600, func(io.Writer) error { called = true; return nil })
		if !errors.Is(err, ErrNotRegular) || called {
			t.Errorf("%s: WriteFileAtomicFrom %v, content made %v", path, err, called)
		}
		after, err := os.Lstat(path)
		if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
			t.Errorf("%s was changed: %v -> %v (%v)", path, before.Mode(), after, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(kinds) {
		t.Errorf("the folder holds %d entries, want the %d special files only", len(entries), len(kinds))
	}
}

// A symbolic link is followed, not replaced: the file it names gets the
// content and the link stays a link. A link to nothing is refused.
func TestWriteFileAtomicFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	if got := readFile(t, real); got != "new" {
		t.Errorf("the linked file holds %q", got)
	}
	if err := CheckWritable(link); err != nil {
		t.Errorf("CheckWritable of a link to a file: %v", err)
	}

	dangling := filepath.Join(dir, "dangling.md")
	if err := os.Symlink("nowhere.md", dangling); err != nil {
		t.Fatal(err)
	}
	want := "write " + dangling + ": it is a symbolic link to nowhere.md, which does not exist"
	if err := WriteFileAtomic(dangling, []byte("x"), 0o600); err == nil || err.Error() != want || !errors.Is(err, ErrDanglingLink) {
		t.Errorf("a link to nothing: %v; want %q", err, want)
	}
	if err := CheckWritable(dangling); !errors.Is(err, ErrDanglingLink) {
		t.Errorf("CheckWritable of a link to nothing: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link's target was created: %v", err)
	}

	kinds := samltest.SpecialFiles(t)
	for path, kind := range kinds {
		to := filepath.Join(dir, "to-"+filepath.Base(path))
		if err := os.Symlink(path, to); err != nil {
			t.Fatal(err)
		}
		var nr *NotRegularError
		if err := WriteFileAtomic(to, []byte("x"), 0o600); !errors.As(err, &nr) || nr.Kind != kind {
			t.Errorf("a link to %s: %v", kind, err)
		}
		if fi, _ := os.Lstat(to); fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link to %s was replaced", kind)
		}
	}
}

// CheckWritable refuses what the writer would, before any work.
func TestCheckWritableRefusesNonRegularFiles(t *testing.T) {
	kinds := samltest.SpecialFiles(t)
	for path, kind := range kinds {
		var nr *NotRegularError
		err := CheckWritable(path)
		if !errors.As(err, &nr) || nr.Kind != kind || err.Error() != "it is "+kind+", not a regular file" {
			t.Errorf("%s: %v", path, err)
		}
	}
}
