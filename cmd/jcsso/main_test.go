package main

import (
	"context"
	"os"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// run is what the process exits with: a printed report with a failure is 1,
// a clean one 0, bad usage or unreadable input 2, whichever way the error
// travels through fang.
func TestRunExitStatus(t *testing.T) {
	// Quiet the reports run prints to the real stdout.
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = devnull, devnull
	defer func() { os.Stdout, os.Stderr = stdout, stderr }()

	good := checkFixture(t, samltest.MetadataOptions{})
	placeholder := checkFixture(t, samltest.MetadataOptions{EntityID: "IdP Entity ID"})
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"clean check", []string{"check", good, "--now", testNow}, exitOK},
		{"failed check", []string{"check", placeholder, "--now", testNow}, exitFailed},
		{"missing file", []string{"check", "no-such-file.xml"}, exitUsage},
		{"unknown flag", []string{"check", "--bogus"}, exitUsage},
	} {
		if got := run(context.Background(), tc.args); got != tc.want {
			t.Errorf("%s: run exit %d, want %d", tc.name, got, tc.want)
		}
	}
}
