package ssoconfig

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNotRegular is wrapped by CheckWritable's error, and by the atomic
// writer's, when the path to write names something other than a regular
// file or a folder: a device, a named pipe, a socket. Replacing it by
// rename would destroy it (as root, --report /dev/null replaced the
// system's /dev/null with a report).
var ErrNotRegular = errors.New("it is not a regular file")

// NotRegularError is the error, wrapping ErrNotRegular, for a path that
// names Kind ("a device", "a named pipe (FIFO)", "a socket").
type NotRegularError struct {
	Kind string
}

func (e *NotRegularError) Error() string { return "it is " + e.Kind + ", not a regular file" }

// Unwrap makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Unwrap() error { return ErrNotRegular }

// ErrDanglingLink is wrapped when the path to write is a symbolic link
// that points nowhere: following it would create a file where the admin
// did not say, and replacing it would lose the link.
var ErrDanglingLink = errors.New("it is a symbolic link to nothing")

// danglingLinkError is ErrDanglingLink saying where the link points.
type danglingLinkError struct{ dest string }

func (e *danglingLinkError) Error() string {
	return "it is a symbolic link to " + e.dest + ", which does not exist"
}

func (e *danglingLinkError) Unwrap() error { return ErrDanglingLink }

// writeTarget returns the file the atomic writer is to replace for path:
// path itself when it is a regular file or nothing yet; where it points
// when it is a symbolic link (the link is kept and its file replaced, as a
// shell's > would, rather than the link replaced by a file). Anything else
// is refused: ErrIsFolder, a NotRegularError, ErrDanglingLink. An error
// reading path is left to the writer, which words it.
func writeTarget(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return path, nil
	}
	target := path
	if fi.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(path)
		if err != nil {
			dest, _ := os.Readlink(path)
			return "", &danglingLinkError{dest: dest}
		}
		if fi, err = os.Stat(resolved); err != nil {
			return resolved, nil
		}
		target = resolved
	}
	return target, kindError(fi.Mode())
}

// kindError is nil for a regular file, else why a file cannot replace it.
func kindError(m fs.FileMode) error {
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return ErrIsFolder
	case m&fs.ModeDevice != 0:
		return &NotRegularError{Kind: "a device"}
	case m&fs.ModeNamedPipe != 0:
		return &NotRegularError{Kind: "a named pipe (FIFO)"}
	case m&fs.ModeSocket != 0:
		return &NotRegularError{Kind: "a socket"}
	}
	return &NotRegularError{Kind: "a special file"}
}
