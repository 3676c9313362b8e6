// Package enginetest is what the tests of the engine's packages share and
// no product code uses: the public conformance vectors (read where they
// lie, never copied into the repository) and how a case's findings are
// judged, and a deadline for work that must stay bounded. Of the module it
// imports only the finding vocabulary (which imports nothing of it), so
// every engine package's tests can use it, the parser's included.
package enginetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FindVectors returns ../shared/vectors beside the module root (found by
// walking up from the working directory to go.mod), or why it is not there.
func FindVectors() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("module root not found")
		}
		dir = parent
	}
	v := filepath.Join(dir, "..", "shared", "vectors")
	if _, err := os.Stat(filepath.Join(v, "cases.json")); err != nil {
		return "", fmt.Errorf("conformance vectors not found at %s", v)
	}
	return v, nil
}

// Vectors is FindVectors for a test that needs them: it skips, saying why,
// when they are missing (CI puts them there).
func Vectors(t testing.TB) string {
	t.Helper()
	dir, err := FindVectors()
	if err != nil {
		t.Skipf("%v; conformance vectors skipped", err)
	}
	return dir
}

// ReadCases reads the vectors' cases.json into the case type of one kind;
// each test skips the cases of the other kind.
func ReadCases[C any](t testing.TB, dir string) []C {
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

// WithinDeadline runs f and fails the test if it has not returned when a
// generous deadline passes: a bound on hostile input that is not a
// benchmark (the machine's speed only decides how far under it we are).
func WithinDeadline(t testing.TB, limit time.Duration, what string, f func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("%s: still running after %s", what, limit)
	}
}
