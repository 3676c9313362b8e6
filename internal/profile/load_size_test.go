package profile

import (
	"os"
	"path/filepath"
	"testing"
)

// Review item 6: a profile file over the cap is refused in the words every
// size limit is given in ("over the 256 KiB limit").
func TestLoadRefusesAnOversizedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vendor.yaml")
	if err := os.WriteFile(path, make([]byte, MaxProfileBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	want := path + ": the file is over the 256 KiB limit; a profile is a short YAML file"
	if _, err := Load(path); err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
