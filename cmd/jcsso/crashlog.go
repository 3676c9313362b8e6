package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// exitCrashed is sysexits' EX_SOFTWARE: the wizard stopped on a bug.
const exitCrashed = 70

// captureStderr sends what is written to os.Stderr while the wizard runs
// into a file beside the saved session: Bubble Tea catches a panic,
// restores the terminal and writes the Go stack there, and an admin
// should read one line saying where the details are, not the stack. It
// returns the file's path ("" when it could not be made, and nothing is
// captured) and a function that puts os.Stderr back and removes the file
// unless keep.
func captureStderr() (string, func(keep bool)) {
	session, err := ssoconfig.SessionPath()
	if err != nil {
		return "", func(bool) {}
	}
	dir := filepath.Dir(session)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", func(bool) {}
	}
	f, err := os.CreateTemp(dir, "crash-"+time.Now().UTC().Format("20060102T150405Z")+"-*.log")
	if err != nil {
		return "", func(bool) {}
	}
	saved := os.Stderr
	os.Stderr = f
	return f.Name(), func(keep bool) {
		os.Stderr = saved
		f.Close()
		if !keep {
			os.Remove(f.Name())
		}
	}
}

// crashError is the one line a user reads when a full-screen flow
// (named: "the setup wizard") crashed, naming the crash log; note, when
// not "", says what is kept ("your answers are saved…").
func crashError(name, logPath, note string) error {
	msg := name + " stopped on an internal error (a bug in jcsso)"
	if logPath != "" {
		msg += fmt.Sprintf("; the details are in %s, please include them in a bug report", logPath)
	}
	if note != "" {
		msg += "; " + note
	}
	return &exitError{code: exitCrashed, err: errors.New(msg)}
}
