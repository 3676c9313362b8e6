package ssoconfig

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
)

// folderFailure is an error of the folder writer worded for the admin: the
// path they gave (--out, or a folder on the way to it) and why, never the
// lock or temp file jcsso makes beside it, nor Go's "mkdir /x: …" or
// "open /x/.y.jcsso-lock: …". The chain is kept for errors.Is
// (fs.ErrPermission, syscall.ENOSPC).
type folderFailure struct {
	msg string
	err error
}

func (e *folderFailure) Error() string { return e.msg }

func (e *folderFailure) Unwrap() error { return e.err }

// createError is why the folders leading to target could not be made
// (os.MkdirAll's error, which names the folder it failed on):
// "cannot create /proc/x/y: the folder /proc/x does not exist".
func createError(target string, err error) error {
	failed := filepath.Dir(target)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		failed = pe.Path
	}
	var reason string
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		// MkdirAll names the file that stands where a folder should be.
		reason = failed + " is a file, not a folder"
	case errors.Is(err, fs.ErrNotExist):
		// Its parent is there but takes no new folders (/proc).
		reason = "the folder " + failed + " does not exist"
	default:
		reason = "cannot write in " + filepath.Dir(failed) + ": " + dirReason(err)
	}
	return &folderFailure{msg: "cannot create " + target + ": " + reason, err: err}
}

// writeInError is why nothing could be created in dir, the output
// folder's parent, where the lock and the new folder go: "cannot write in
// /sys/kernel: permission denied".
func writeInError(dir string, err error) error {
	return &folderFailure{msg: "cannot write in " + dir + ": " + dirReason(err), err: err}
}

// fileError is why the file shown (where it is going, not the temp folder
// it is written in first) could not be written.
func fileError(shown string, err error) error {
	return &folderFailure{msg: "cannot write " + shown + ": " + dirReason(err), err: err}
}

// dirReason words a failure to create or write in a folder, without the
// paths and system calls Go's errors name.
func dirReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.EROFS):
		return "it is on a read-only file system"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	case errors.Is(err, syscall.EDQUOT):
		return "your disk quota is used up"
	case errors.Is(err, fs.ErrNotExist):
		return "it takes no new files"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno.Error()
	}
	return err.Error()
}
