package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/samlcheck"
)

// plainErrors prints a command's error to stderr exactly as written and
// marks it silent. Setup and profile errors carry flag names ("--org"),
// FILE:LINE prefixes and one problem per line; fang's error box would
// capitalise the first word and re-wrap the lines, so an admin could not
// copy a flag or jump to a line from it.
//
// An error of a command interrupted by a signal is not printed: it only
// says that a step was cancelled, and run prints the one line that says
// which signal ended jcsso.
func plainErrors(cmd *cobra.Command, err error) error {
	var ee *exitError
	if err == nil || (errors.As(err, &ee) && ee.silent) {
		return err
	}
	if in := interruptOf(cmd.Context()); in != nil {
		return &exitError{code: in.code(), err: in, silent: true}
	}
	// An error names what was read (a body excerpt, a page title).
	fmt.Fprintln(cmd.ErrOrStderr(), samlcheck.Printable(err.Error()))
	return &exitError{code: exitCodeOf(err), err: err, silent: true}
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
