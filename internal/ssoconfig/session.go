package ssoconfig

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/jcsso/jcsso/samlcheck"
)

// ErrNoSession is returned by LoadSession when nothing was saved.
var ErrNoSession = errors.New("no saved setup session")

// SessionPath is where the wizard keeps its answers between runs: the
// user's state folder, $XDG_STATE_HOME/jcsso/session.json, which the XDG
// convention puts at ~/.local/state on Linux and the BSDs; on macOS and
// Windows, which have no state folder, the user's configuration folder.
func SessionPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "jcsso", "session.json"), nil
	}
	if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "state", "jcsso", "session.json"), nil
		}
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find a folder for the setup session: %w", err)
	}
	return filepath.Join(d, "jcsso", "session.json"), nil
}

// SaveSession writes the answers atomically, readable only by the user.
// Answers hold no secrets and no metadata bytes, by design: a metadata URL
// is saved without its password (samlcheck.RedactURL), which a resumed
// session then asks for again.
func SaveSession(path string, a Answers) error {
	a.MetadataSource = samlcheck.RedactURL(a.MetadataSource)
	a.MetadataURL = samlcheck.RedactURL(a.MetadataURL)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save setup session: %w", err)
	}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("save setup session: %w", err)
	}
	if err := WriteFileAtomic(path, append(data, '\n'), FileMode); err != nil {
		return fmt.Errorf("save setup session: %w", err)
	}
	return nil
}

// LoadSession reads saved answers; ErrNoSession when there are none.
func LoadSession(path string) (Answers, error) {
	var a Answers
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return a, ErrNoSession
	}
	if err != nil {
		return a, fmt.Errorf("read setup session: %w", err)
	}
	if err := json.Unmarshal(data, &a); err != nil {
		return a, fmt.Errorf("read setup session %s: %w", path, err)
	}
	return a, nil
}

// ClearSession removes the saved answers once the configuration is written.
func ClearSession(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove setup session: %w", err)
	}
	return nil
}
