package ssoconfig

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jcsso/jcsso/samlcheck"
)

// ErrFolderBusy is returned by WriteBundle when another jcsso holds the
// output folder's lock past WriteOptions.LockWait; the message says who.
var ErrFolderBusy = errors.New("another jcsso is writing the output folder")

// busyError is ErrFolderBusy with the message that says who holds it.
type busyError struct{ msg string }

func (e *busyError) Error() string { return e.msg }
func (e *busyError) Unwrap() error { return ErrFolderBusy }

// DefaultLockWait is how long a write waits for another one to finish.
const DefaultLockWait = 2 * time.Second

// lockPoll is how often a waiting write tries the lock again: flock has
// no way to wait with a deadline, and a blocked flock cannot be abandoned.
const lockPoll = 25 * time.Millisecond

// folderLock is an exclusive flock(2) on a file beside the output folder
// (.NAME.jcsso-lock in its parent), held for the whole write: two runs
// into one folder would otherwise both find it empty and both write. The
// kernel drops the lock when the process ends, however it ends, so a
// killed run never leaves a stale lock. The holder writes who it is into
// the file, for the message of a run that finds it held, and removes the
// file when done; see acquire for why that is safe.
type folderLock struct {
	f    *os.File
	path string
}

// lockPath is the lock file of the folder target.
func lockPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".jcsso-lock")
}

// lockFolder takes the lock of the folder target, waiting up to wait (or
// until ctx ends) for a run that holds it.
func lockFolder(ctx context.Context, target string, wait time.Duration) (*folderLock, error) {
	path := lockPath(target)
	deadline := time.Now().Add(wait)
	tick := time.NewTicker(lockPoll)
	defer tick.Stop()
	for {
		l, held, err := tryLock(path)
		if err != nil {
			return nil, err
		}
		if l != nil {
			return l, nil
		}
		if !time.Now().Before(deadline) {
			return nil, &busyError{fmt.Sprintf("%s is being written by %s; wait for it to finish (or stop it), then run again", target, held)}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}

// tryLock makes one attempt: the lock, or a description of its holder.
//
// A holder removes the lock file before it unlocks. A run that opened the
// file before that and gets the lock afterwards holds a lock on a file no
// longer at path, which locks nothing, so after locking it checks that
// path still names the very file it locked, and tries again otherwise.
func tryLock(path string) (*folderLock, string, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
		if err != nil {
			return nil, "", writeInError(filepath.Dir(path), err)
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			holder := describeHolder(f)
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, holder, nil
			}
			return nil, "", &folderFailure{msg: "cannot lock the output folder in " + filepath.Dir(path) + ": " + dirReason(err), err: err}
		}
		opened, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(opened, named) {
			l := &folderLock{f: f, path: path}
			l.describeSelf()
			return l, "", nil
		}
		f.Close() // removed (or replaced) by the holder we waited for
	}
}

// describeSelf writes who holds the lock, for a run that finds it held.
func (l *folderLock) describeSelf() {
	host, _ := os.Hostname()
	args := make([]string, len(os.Args))
	for i, a := range os.Args {
		args[i] = samlcheck.RedactURL(a)
	}
	if len(args) > 0 {
		args[0] = filepath.Base(args[0])
	}
	text := fmt.Sprintf("pid %d\nhost %s\nsince %s\ncommand %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339), strings.Join(args, " "))
	if err := l.f.Truncate(0); err == nil {
		_, _ = l.f.WriteAt([]byte(text), 0)
	}
}

// describeHolder reads what the holder wrote: "jcsso (pid 41 on host,
// since 2026-03-04T10:00:00Z: jcsso setup --yes ...)".
func describeHolder(f *os.File) string {
	buf := make([]byte, 4096)
	n, _ := f.ReadAt(buf, 0)
	fields := map[string]string{}
	for _, line := range strings.Split(string(buf[:n]), "\n") {
		if k, v, ok := strings.Cut(line, " "); ok {
			fields[k] = v
		}
	}
	if _, err := strconv.Atoi(fields["pid"]); err != nil {
		return "another jcsso (it has not said who it is yet)"
	}
	d := fmt.Sprintf("another jcsso (pid %s on %s, since %s", fields["pid"], fields["host"], fields["since"])
	if c := fields["command"]; c != "" {
		d += ": " + c
	}
	return d + ")"
}

// release removes the lock file, then unlocks it by closing it.
func (l *folderLock) release() {
	if l == nil {
		return
	}
	_ = os.Remove(l.path)
	_ = l.f.Close()
}
