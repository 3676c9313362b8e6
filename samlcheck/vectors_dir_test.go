package samlcheck

import (
	"os"
	"path/filepath"
	"testing"
)

// vectorsDir finds ../shared/vectors beside the module root, or
// skips: the vectors live outside the repository and are never copied in.
func vectorsDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found; conformance vectors skipped")
		}
		dir = parent
	}
	v := filepath.Join(dir, "..", "shared", "vectors")
	if _, err := os.Stat(filepath.Join(v, "cases.json")); err != nil {
		t.Skipf("conformance vectors not found at %s; skipped (CI puts them there)", v)
	}
	return v
}
