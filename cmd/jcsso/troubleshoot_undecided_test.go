package main

import (
	"strings"
	"testing"
)

// TestTroubleshootUndecidedSaysWhy: the review's Avoma case, answered
// unsure: no question is left, and the text says the causes still possible
// cannot be told apart (never that no known cause fits while three do).
func TestTroubleshootUndecidedSaysWhy(t *testing.T) {
	code, out, errOut := runCmd(t, "", "troubleshoot", "--symptom", "one-user-cannot-login", "--profile", "avoma",
		"--answer", "user-in-bound-group=yes", "--answer", "used-sso-option=unsure", "--answer", "email-matches=unsure", "--answer", "sp-confirmed=unsure")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitFailed, out, errOut)
	}
	for _, want := range []string{"cannot be told apart by another question", "Still possible: wrong-login-method, email-mismatch, sp-not-confirmed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"no known cause fits", "admin-exists"} {
		if strings.Contains(out, bad) {
			t.Errorf("output says %q:\n%s", bad, out)
		}
	}
}
