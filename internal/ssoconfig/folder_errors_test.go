package ssoconfig

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Review item 8: the folder writer's errors are one line in words naming
// the admin's path, never Go's "mkdir /proc/x: no such file or directory"
// nor the lock file beside the folder ("open /sys/kernel/.x.jcsso-lock").

// The wording, from the errors the system gives for --out /proc/x/y and
// --out /sys/kernel/x (made here, not by writing to a system path).
func TestFolderErrorsAreWorded(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
		is   error
	}{
		{createError("/proc/x/y", &fs.PathError{Op: "mkdir", Path: "/proc/x", Err: syscall.ENOENT}),
			"cannot create /proc/x/y: the folder /proc/x does not exist", fs.ErrNotExist},
		{createError("/srv/a/b/out", &fs.PathError{Op: "mkdir", Path: "/srv/a", Err: syscall.EACCES}),
			"cannot create /srv/a/b/out: cannot write in /srv: permission denied", fs.ErrPermission},
		{writeInError("/sys/kernel", &fs.PathError{Op: "open", Path: "/sys/kernel/.x.jcsso-lock", Err: syscall.EACCES}),
			"cannot write in /sys/kernel: permission denied", fs.ErrPermission},
		{writeInError("/mnt/ro", &fs.PathError{Op: "open", Path: "/mnt/ro/.x.jcsso-lock", Err: syscall.EROFS}),
			"cannot write in /mnt/ro: it is on a read-only file system", syscall.EROFS},
		{fileError("/srv/out/sso-config.yaml", &fs.PathError{Op: "write", Path: "/srv/.out.jcsso-new-1/sso-config.yaml", Err: syscall.ENOSPC}),
			"cannot write /srv/out/sso-config.yaml: the disk is full", syscall.ENOSPC},
	} {
		if tc.err.Error() != tc.want || !errors.Is(tc.err, tc.is) {
			t.Errorf("%v; want %q (and errors.Is %v)", tc.err, tc.want, tc.is)
		}
	}
}

// A file where a folder on the way to --out should be: named, in words,
// and nothing is written.
func TestWriteBundleUnderAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(file, "sub", "jcsso-acmecorp")
	_, err := WriteBundle(context.Background(), out, build(t, "avoma", avomaAnswers()), WriteOptions{})
	want := "cannot create " + out + ": " + file + " is a file, not a folder"
	if err == nil || err.Error() != want || !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("got %v, want %q", err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only the file", len(entries))
	}
}

// A lock that cannot be made (here a folder stands at its path, which
// even root cannot open as a file) is said of the output folder's parent,
// never naming the lock file.
func TestWriteBundleLockErrorNamesNoLockFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "jcsso-acmecorp")
	if err := os.Mkdir(lockPath(out), 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := WriteBundle(context.Background(), out, build(t, "avoma", avomaAnswers()), WriteOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "cannot write in "+dir+": ") || strings.Contains(err.Error(), "jcsso-lock") || strings.Contains(err.Error(), "open ") {
		t.Errorf("got %v, want \"cannot write in %s: …\" without the lock file", err, dir)
	}
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder was made: %v", err)
	}
}
