package samlcheck

import (
	"encoding/json"
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

// readVectorCases reads cases.json into the case type of one kind; each
// test skips the cases of the other kind.
func readVectorCases[C any](t *testing.T, dir string) []C {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []C `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("cases.json: %v", err)
	}
	return file.Cases
}
