package main

import (
	"errors"
	"fmt"
	"io"

	"charm.land/fang/v2"

	"github.com/jcsso/jcsso/samlcheck"
)

// Exit statuses shared by every command.
const (
	exitOK     = 0
	exitFailed = 1 // a check found a failure; the report already says why
	exitUsage  = 2 // bad usage, or input that could not be read at all
	// exitInterrupted is the shell's convention for a program stopped by
	// ctrl+c: the wizard was quit before it wrote anything.
	exitInterrupted = 130
)

// exitStatuses say what each exit status means, for the man page (each
// command's help says which of them it uses).
var exitStatuses = []struct {
	code    int
	meaning string
}{
	{exitOK, "success: no check failed (warnings allowed); setup wrote its folder; the test IdP was stopped with ctrl+c or SIGTERM; troubleshoot reached a diagnosis; doctor found every configuration healthy; test-login and demo: the login passed."},
	{exitFailed, "a check failed: check found a failure in the metadata, inspect or test-login found the response would be rejected, setup --yes found a failure not passed with --override (nothing written), or doctor found a configuration that needs action. The report says which and how to fix it. For troubleshoot: no diagnosis yet (the next question is named)."},
	{exitUsage, "bad usage (an unknown command or flag, a bad value, a missing answer or argument), or input that could not be read or fetched (for doctor: a configuration that could not be read)."},
	{exitNoResponse, "test-login and demo: no SAML response arrived before the timeout (the output lists the likely causes)."},
	{exitInterrupted, "the wizard was quit before it wrote anything (the answers so far are kept for setup --resume), or the troubleshooting session was quit."},
}

// exitError carries an exit status through cobra. A silent one has already
// been explained to the user (the report was printed). kind is what
// `--json` calls the error (see errorKind).
type exitError struct {
	code   int
	err    error
	silent bool
	kind   string
}

// The kinds of error `--json` reports, in {"ok": false, "error": {"kind":
// ..., "message": ...}}; scripts branch on them.
const (
	kindUsage    = "usage"     // a bad flag, value or argument
	kindInput    = "input"     // a file or standard input that cannot be read
	kindFetch    = "fetch"     // a URL that cannot be fetched
	kindTooLarge = "too-large" // input over the size cap
	// kindInterrupted: a signal ended the command (the exit status is
	// 128 plus its number; see interruption.report).
	kindInterrupted = "interrupted"
)

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// errChecksFailed ends a command whose report was printed and holds a failure.
var errChecksFailed = &exitError{code: exitFailed, silent: true}

// usageError is bad usage: exit 2 with the message.
func usageError(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...), kind: kindUsage}
}

// inputError wraps an error reading input: exit 2 with the message.
func inputError(err error) error {
	return &exitError{code: exitUsage, err: err, kind: kindInput}
}

// kindError is inputError with a more precise kind (fetch, too-large).
func kindError(kind string, err error) error {
	return &exitError{code: exitUsage, err: err, kind: kind}
}

// errorKind is the kind of an error for --json; errors cobra raises itself
// (unknown flag, wrong arguments) are usage.
func errorKind(err error) string {
	var ee *exitError
	if errors.As(err, &ee) && ee.kind != "" {
		return ee.kind
	}
	return kindUsage
}

// exitCodeOf maps an error from a command to the process exit status.
// Errors cobra raises itself (unknown flag, wrong arguments) are usage.
func exitCodeOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitUsage
}

// errorHandler prints an error exactly as written, on one line, as
// plainErrors does for the commands' own errors; silent ones are skipped,
// their report already explained the failure. fang's own handler
// capitalises and re-wraps the message, which mangles paths, URLs and flag
// names an admin needs to copy.
func errorHandler(w io.Writer, _ fang.Styles, err error) {
	var ee *exitError
	if errors.As(err, &ee) && ee.silent {
		return
	}
	_, _ = fmt.Fprintln(w, samlcheck.Printable(err.Error()))
}
