// Command jcsso gets JumpCloud SAML single sign-on working with a SaaS app:
// a setup wizard, metadata and response checks, and support tools.
package main

import (
	"context"
	"errors"
	"os"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	ctx, stop := watchInterrupts(context.Background(), os.Stderr, os.Exit)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes the command line and returns the process exit status:
// 0 success, 1 a check failed (the output says why), 2 bad usage or
// unreadable input, 128+N when signal N interrupted it (see
// watchInterrupts; ctx carries the signal as its cause).
func run(ctx context.Context, args []string) int {
	root := newRootCmd(args)
	silentCode := exitOK
	catchSilentErrors(root, &silentCode)
	opts := []fang.Option{
		fang.WithErrorHandler(errorHandler),
		fang.WithVersion(versionString()),
	}
	err := fang.Execute(ctx, root, opts...)
	// A command that finished before the signal was looked at is not
	// interrupted: its output stands.
	if in := interruptOf(ctx); in != nil && (err != nil || silentCode != exitOK) {
		return in.report(os.Stderr)
	}
	if err != nil {
		return exitCodeOf(err)
	}
	return silentCode
}

// catchSilentErrors keeps errors whose report was already printed away from
// fang: on any error fang asks the terminal for its background colour before
// calling the error handler, and a terminal that never answers would make
// every failed check wait for that query to time out. The exit status is
// kept in *code instead.
func catchSilentErrors(c *cobra.Command, code *int) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := run(cmd, args)
			var ee *exitError
			if errors.As(err, &ee) && ee.silent {
				*code = ee.code
				return nil
			}
			return err
		}
	}
	for _, sub := range c.Commands() {
		catchSilentErrors(sub, code)
	}
}
