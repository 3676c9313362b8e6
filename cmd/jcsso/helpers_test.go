package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// testNow is the one clock of this package's tests, as --now: inside the
// generated certificates' validity (2025 to 2030). The steps/setup tests use
// the same instant. Inspect's tests use inspectNow, which belongs to the
// response fixture samltest makes (its IssueInstant plus 20 s).
const testNow = "2026-03-04T10:00:00Z"

// runCmd runs the command line as run does, through fang, and returns the
// exit status and the output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(stdin))
	code := execute(context.Background(), root, args)
	return code, out.String(), errOut.String()
}
