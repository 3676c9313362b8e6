package main

import (
	"errors"
	"slices"

	"github.com/spf13/cobra"
)

// plainErrors reports a command's error and marks it silent: exactly as
// written on stderr, or, when the command was given --json, as a JSON
// object on stdout (see reportError). Setup and profile errors carry flag
// names ("--org"), FILE:LINE prefixes and one problem per line; fang's
// error box would capitalise the first word and re-wrap the lines, so an
// admin could not copy a flag or jump to a line from it.
//
// An error of a command interrupted by a signal is not printed: it only
// says that a step was cancelled, and run prints the one line that says
// which signal ended jcsso.
func plainErrors(cmd *cobra.Command, err error) error {
	return reportError(cmd, err, false)
}

// jsonError is every error's shape under --json, so that a script reading
// stdout always gets one JSON object, whatever happened.
type jsonError struct {
	OK    bool `json:"ok"`
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// reportError prints err once and returns it silent, with its exit
// status. With --json (set on cmd, or, for a flag error that stopped
// parsing before --json was read, found in the command line: lineJSON),
// it is {"ok": false, "error": {"kind", "message"}} on stdout.
func reportError(cmd *cobra.Command, err error, lineJSON bool) error {
	var ee *exitError
	if err == nil || (errors.As(err, &ee) && ee.silent) {
		return err
	}
	if in := interruptOf(cmd.Context()); in != nil {
		return &exitError{code: in.code(), err: in, silent: true}
	}
	if errorsAsJSON(cmd, lineJSON) {
		var je jsonError
		je.Error.Kind, je.Error.Message = errorKind(err), err.Error()
		_ = writeJSONLine(cmd.OutOrStdout(), je)
	} else {
		printError(cmd.ErrOrStderr(), err)
	}
	return &exitError{code: exitCodeOf(err), err: err, silent: true, kind: errorKind(err)}
}

// wantsJSON reports whether cmd has a --json flag that is on (or, with
// lineJSON, was on the command line).
func wantsJSON(cmd *cobra.Command, lineJSON bool) bool {
	f := cmd.Flags().Lookup("json")
	return f != nil && (lineJSON || f.Value.String() == "true")
}

// errorsAsJSON is wantsJSON for an error. A command with no --json of its
// own ("jcsso chek x --json": an unknown command; "jcsso profiles show x
// --json") answers in JSON when the line asks for it: a script that asks
// for JSON parses what comes back, whichever command it reached.
func errorsAsJSON(cmd *cobra.Command, lineJSON bool) bool {
	if cmd.Flags().Lookup("json") == nil {
		return lineJSON
	}
	return wantsJSON(cmd, lineJSON)
}

// jsonOnLine reports whether a command line asks for --json before any
// "--", for errors raised before the flags are parsed.
func jsonOnLine(args []string) bool {
	if i := slices.Index(args, "--"); i >= 0 {
		args = args[:i]
	}
	return slices.Contains(args, "--json") || slices.Contains(args, "--json=true")
}

// interrupted returns the interruption when a signal has ended the
// command's context, for a command to stop before it prints a report
// made from cut-short work.
func interrupted(cmd *cobra.Command) error {
	if in := interruptOf(cmd.Context()); in != nil {
		return &exitError{code: in.code(), err: in, silent: true}
	}
	return nil
}
