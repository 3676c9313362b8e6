package ssoconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrIsFolder is wrapped by CheckWritable's error, and by the atomic
// writer's, when the path to write names a folder (callers add a file name
// to suggest).
var ErrIsFolder = errors.New("it is a folder")

// CheckWritable says, before any work, whether WriteFileAtomic could
// write path: path is a regular file, or a symbolic link to one, or
// nothing yet (not a folder, ErrIsFolder; not a device, pipe or socket,
// ErrNotRegular; not a link to nothing, ErrDanglingLink), its folder exists
// and a file can be created in it (a probe file, removed at once). A command that writes a
// file only at the end (troubleshoot's --report, doctor's --metrics) calls
// it first, so a mistyped path costs nothing. The error is the reason
// alone ("the folder /x does not exist"); the caller names the flag.
func CheckWritable(path string) error {
	target, err := writeTarget(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	st, err := os.Stat(dir)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist), err == nil && !st.IsDir():
		return fmt.Errorf("the folder %s does not exist", dir)
	case err != nil:
		return errors.New(writeReason(target, err))
	}
	probe, err := os.CreateTemp(dir, ".jcsso-probe-*")
	if err != nil {
		return errors.New(writeReason(target, err))
	}
	name := probe.Name()
	probe.Close()
	return os.Remove(name)
}

// writeError is the atomic writer's error: the path it was asked to write
// and why, never the temp file beside it that the failing call named
// ("rename /tmp/.tmp5598… /tmp: file exists" is "it is a folder").
func writeError(path string, err error) error { return writeErrorAt(path, path, err) }

// writeErrorAt is writeError for path written at target, where a
// symbolic link at path points: the reason is the target's folder's, the
// message names path, as the admin gave it.
func writeErrorAt(path, target string, err error) error {
	switch {
	case errors.Is(err, ErrIsFolder) || isFolder(path):
		return &writeFailure{path: path, reason: ErrIsFolder.Error(), err: ErrIsFolder}
	case errors.Is(err, ErrNotRegular), errors.Is(err, ErrDanglingLink):
		return &writeFailure{path: path, reason: err.Error(), err: err}
	}
	return &writeFailure{path: path, reason: writeReason(target, err), err: err}
}

// writeFailure is writeError's: its message is worded, its chain kept for
// errors.Is (fs.ErrPermission, ErrIsFolder).
type writeFailure struct {
	path, reason string
	err          error
}

func (e *writeFailure) Error() string { return "write " + e.path + ": " + e.reason }

func (e *writeFailure) Unwrap() error { return e.err }

// writeReason words a failure to create, write or rename the file at path
// without the paths os adds.
func writeReason(path string, err error) string {
	dir := filepath.Dir(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !isFolder(dir):
		return fmt.Sprintf("the folder %s does not exist", dir)
	case errors.Is(err, fs.ErrNotExist):
		// The folder is there but refuses new files (/proc, /sys).
		return fmt.Sprintf("the folder %s does not take new files", dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("permission denied: the folder %s does not let you create files", dir)
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("the folder %s is on a read-only file system", dir)
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &le):
		return le.Err.Error()
	}
	return err.Error()
}

func isFolder(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
