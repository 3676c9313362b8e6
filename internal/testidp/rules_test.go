package testidp_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsNoTestingPackage keeps the architecture's rule: testidp is
// product code (jcsso idp and demo run it), so neither it nor anything it
// depends on imports testing or net/http/httptest. Nor the engine: its
// tests make their fixtures with testidp, which would be an import cycle.
func TestImportsNoTestingPackage(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go command to list dependencies")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}", "github.com/jcsso/jcsso/internal/testidp").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		// samlcheck/rules is a leaf of value rules (loopback host, binding
		// URIs) that imports nothing of the module, so it makes no cycle.
		engine := strings.HasPrefix(pkg, "github.com/jcsso/jcsso/samlcheck") && pkg != "github.com/jcsso/jcsso/samlcheck/rules"
		if pkg == "testing" || strings.HasPrefix(pkg, "testing/") || pkg == "net/http/httptest" || engine {
			t.Errorf("internal/testidp depends on %s", pkg)
		}
	}
}
