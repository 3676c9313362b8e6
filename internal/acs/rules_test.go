package acs_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsStayBelowTheUI keeps the architecture's rules for this
// package: it is product code (test-login, the wizard's live-test step and
// demo run it), so nothing it depends on imports testing or httptest; it
// uses the engine, and knows nothing of the commands, the UI, the flows or
// the test IdP (a live test must work against any IdP).
func TestImportsStayBelowTheUI(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go command to list dependencies")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}", "github.com/jcsso/jcsso/internal/acs").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	const mod = "github.com/jcsso/jcsso/"
	for _, pkg := range strings.Fields(string(out)) {
		switch {
		case pkg == "testing" || strings.HasPrefix(pkg, "testing/") || pkg == "net/http/httptest":
			t.Errorf("internal/acs depends on %s", pkg)
		case strings.HasPrefix(pkg, mod) && !strings.HasPrefix(pkg, mod+"samlcheck") && pkg != mod+"internal/acs":
			t.Errorf("internal/acs depends on %s", pkg)
		}
	}
}
