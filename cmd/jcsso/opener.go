package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"github.com/jcsso/jcsso/steps/logintest"
)

// openBrowser opens url in the user's browser: $BROWSER when set, else the
// desktop's opener (open on macOS, xdg-open elsewhere). Without a display
// (an SSH session, a server) there is no browser to open here:
// logintest.ErrNoBrowser, and the caller prints the URL instead. The
// browser is started, never waited for. A handful of lines of os/exec do
// this; a library for it would be a dependency for that alone.
func openBrowser(url string) error {
	name, args := opener(url)
	if name == "" {
		return logintest.ErrNoBrowser
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%w (no %s)", logintest.ErrNoBrowser, name)
	}
	cmd := exec.Command(path, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	go func() { _ = cmd.Wait() }() // reaped; its exit status is not ours
	return nil
}

// opener is the command that opens url here, or "" when none can.
func opener(url string) (string, []string) {
	if b := os.Getenv("BROWSER"); b != "" {
		return b, []string{url}
	}
	switch runtime.GOOS {
	case "darwin":
		if os.Getenv("SSH_CONNECTION") != "" {
			return "", nil
		}
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "", nil
	}
	return "xdg-open", []string{url}
}

// remoteSession reports a terminal reached over SSH: a browser opened
// there runs elsewhere and needs the test's port forwarded.
func remoteSession() bool {
	return os.Getenv("SSH_CONNECTION") != "" || os.Getenv("SSH_TTY") != ""
}
