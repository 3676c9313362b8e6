package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// plainErrors prints a command's error to stderr exactly as written and
// marks it silent. Setup and profile errors carry flag names ("--org"),
// FILE:LINE prefixes and one problem per line; fang's error box would
// capitalise the first word and re-wrap the lines, so an admin could not
// copy a flag or jump to a line from it.
func plainErrors(cmd *cobra.Command, err error) error {
	var ee *exitError
	if err == nil || (errors.As(err, &ee) && ee.silent) {
		return err
	}
	printError(cmd.ErrOrStderr(), err)
	return &exitError{code: exitCodeOf(err), err: err, silent: true}
}
