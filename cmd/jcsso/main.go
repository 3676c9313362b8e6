// Command jcsso gets JumpCloud SAML single sign-on working with a SaaS app:
// a setup wizard, metadata and response checks, and support tools.
package main

import (
	"context"
	"os"
	"syscall"

	"charm.land/fang/v2"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	os.Exit(run(context.Background(), os.Args[1:]))
}

// run executes the command line and returns the process exit status:
// 0 success, 1 a check failed (the output says why), 2 bad usage or
// unreadable input.
func run(ctx context.Context, args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	opts := []fang.Option{
		fang.WithErrorHandler(errorHandler),
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
	}
	if version != "" {
		opts = append(opts, fang.WithVersion(version))
	}
	if err := fang.Execute(ctx, root, opts...); err != nil {
		return exitCodeOf(err)
	}
	return 0
}
