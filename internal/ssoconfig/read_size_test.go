package ssoconfig

import (
	"os"
	"path/filepath"
	"testing"
)

// Review item 6: a file over the cap is refused in the words every size
// limit is given in ("over the 1 MiB limit", never "larger than 1024 KiB").
func TestReadRefusesAnOversizedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sso-config.yaml")
	if err := os.WriteFile(path, make([]byte, MaxConfigBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	want := path + ": over the 1 MiB limit; this is not an sso-config file"
	if _, err := Read(path); err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
