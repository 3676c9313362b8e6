package ssoconfig

import (
	"path/filepath"
	"runtime"
	"testing"
)

// The session lives in the user's state folder, as the issue asks: the XDG
// one when set, else ~/.local/state on Linux.
func TestSessionPath(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	if got, _ := SessionPath(); got != filepath.Join(state, "jcsso", "session.json") {
		t.Errorf("with XDG_STATE_HOME: %s", got)
	}
	if runtime.GOOS != "linux" {
		return
	}
	home := t.TempDir()
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", home)
	if got, _ := SessionPath(); got != filepath.Join(home, ".local", "state", "jcsso", "session.json") {
		t.Errorf("without XDG_STATE_HOME: %s", got)
	}
}
