// Command jcsso gets JumpCloud SAML single sign-on working with a SaaS app:
// a setup wizard, metadata and response checks, and support tools.
package main

import (
	"context"
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
	return execute(ctx, newRootCmd(), args)
}

// execute runs root through fang (styled help, --version, completion) and
// returns the exit status. Tests call it with a root whose output they read.
func execute(ctx context.Context, root *cobra.Command, args []string) int {
	root.SetArgs(args)
	ctx = withJSONSink(ctx)
	code := exitOK
	reportErrors(root, jsonOnLine(args), &code)
	opts := []fang.Option{
		fang.WithErrorHandler(errorHandler),
		fang.WithVersion(versionString()),
		fang.WithCommit(releaseCommit()),
		fang.WithoutManpage(), // jcsso man (man.go) replaces fang's
	}
	err := fang.Execute(ctx, root, opts...)
	// A command that finished before the signal was looked at is not
	// interrupted: its output stands.
	if in := interruptOf(ctx); in != nil && (err != nil || code != exitOK) {
		return in.report(ctx, os.Stderr)
	}
	if err != nil {
		return exitCodeOf(err)
	}
	return code
}

// reportErrors prints every error of a command, of its arguments and of its
// flags as the commands' own errors are printed (one plain line on stderr;
// silent ones were explained already), keeps the exit status in *code and
// hands fang no error: on any error fang asks the terminal for its
// background colour before calling its error handler, and a terminal that
// never answers (a script or expect session, a serial console) would make
// every mistyped flag, missing argument and failed check wait for that query
// to time out: 4 s, measured.
//
// lineJSON says --json was on the command line, for a flag error that
// stopped parsing before --json was read: it is reported as JSON too.
func reportErrors(root *cobra.Command, lineJSON bool, code *int) {
	report := func(cmd *cobra.Command, err error) error {
		if err == nil {
			return nil
		}
		*code = exitCodeOf(reportError(cmd, err, lineJSON))
		return nil
	}
	flagError := root.FlagErrorFunc()
	// Returning nil from the flag error function ends the command there:
	// cobra runs nothing after a flag that did not parse.
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return report(cmd, flagError(cmd, err))
	})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if run := c.RunE; run != nil {
			// The arguments are checked inside RunE, so that their error
			// takes the same path; cobra would hand it to fang.
			args := c.Args
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(cmd *cobra.Command, a []string) error {
				if wantsJSON(cmd, lineJSON) {
					reportJSONTo(cmd.Context(), cmd.OutOrStdout())
				}
				if args != nil {
					if err := args(cmd, a); err != nil {
						return report(cmd, err)
					}
				}
				return report(cmd, run(cmd, a))
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
