package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// buildBinary builds this command once per test into a temp folder.
func buildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "jcsso")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// ptyTerm is the binary running in a pseudo-terminal of 80×24, the one
// of the tests (tuitest.TTY), with the program's end beside it.
type ptyTerm struct {
	*tuitest.TTY
	t    *testing.T
	cmd  *exec.Cmd
	done chan error
}

func startTerm(t *testing.T, bin, dir string, args ...string) *ptyTerm {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "TERM=xterm-256color")
	p := tuitest.NewTTY(t)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.Slave, p.Slave, p.Slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The program holds the terminal now: with the test's end closed, the
	// output ends (EOF) when the program does.
	_ = p.Slave.Close()
	tm := &ptyTerm{TTY: p, t: t, cmd: cmd, done: make(chan error, 1)}
	go func() { tm.done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return tm
}

// waitFor waits until every text appears in the output (escapes stripped)
// and returns how long after start the read that completed them came.
func (tm *ptyTerm) waitFor(texts ...string) time.Duration {
	tm.t.Helper()
	return tm.WaitFor(texts...)
}

// firstFrame is what the first full frame of step 1 holds: the header,
// the progress bar, the content and the help line.
var firstFrame = []string{"Step 1 of 9", "Before you begin", "██", "Organisation name or domain", "ctrl+c quit"}

func (tm *ptyTerm) send(s ...string) {
	for _, k := range s {
		if _, err := tm.Master.Write([]byte(k)); err != nil {
			tm.t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond) // let keys arrive as separate presses
	}
}

// wait waits for the program to exit; ok says whether it must exit 0.
func (tm *ptyTerm) wait(ok bool) {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		if err != nil && ok {
			tm.t.Fatalf("jcsso setup: %v\n%s", err, ansi.Strip(tm.Output()))
		}
	case <-time.After(10 * time.Second):
		tm.t.Fatal("jcsso setup did not exit")
	}
}

// TestBinaryInPseudoTerminal types through `jcsso setup` as an admin would
// (Avoma, the metadata as a typed file path) and checks the folder written.
func TestBinaryInPseudoTerminal(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	md := metadataFile(t, "jumpcloud-acmecorp")

	// Time to the first full frame, over several starts; logged, not
	// asserted, since a busy machine says nothing about the program.
	var firsts []time.Duration
	for range 9 {
		tm := startTerm(t, bin, dir, "setup")
		firsts = append(firsts, tm.waitFor(firstFrame...))
		tm.send("\x03") // ctrl+c: nothing typed, so it quits at once
		tm.wait(false)
	}
	slices.Sort(firsts)
	t.Logf("first full frame after start: median %v (min %v, max %v, %d runs)", firsts[len(firsts)/2], firsts[0], firsts[len(firsts)-1], len(firsts))

	// The Metadata URL Avoma's support is sent is fetched and compared with
	// the imported file: serve the same export on loopback.
	mdBytes, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(mdBytes) }))
	defer srv.Close()
	mdURL := srv.URL + "/md/acme"

	tm := startTerm(t, bin, dir, "setup")
	tm.waitFor("Before you begin")
	tm.send("\x1b[B", "\t", "acmecorp", "\r") // step 1: Avoma, organisation
	tm.send("\r", "a", "\r", "\r", "\r")      // steps 2 to 5
	tm.waitFor("Paste the Metadata URL")
	tm.send("\r", md, "\r") // step 6: the file's path
	tm.waitFor("The metadata is ready")
	tm.send("\r", mdURL, "\r")
	tm.waitFor("Test a live login")
	tm.send("s") // step 7, the optional live test
	tm.waitFor("I told my users")
	tm.send(" ", "\r", "\r") // step 8, then write from step 9
	tm.waitFor("Written to")
	tm.send("\r")
	tm.wait(true)

	out := filepath.Join(dir, "jcsso-acmecorp")
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("output folder: %v, %v", fi, err)
	}
	for _, name := range []string{ssoconfig.ConfigYAML, ssoconfig.MetadataFile, ssoconfig.SigningPEM, ssoconfig.NextStepsMD} {
		fi, err := os.Stat(filepath.Join(out, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v", name, fi, err)
		}
	}
	cfg, err := ssoconfig.Read(filepath.Join(out, ssoconfig.ConfigYAML))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "avoma" || cfg.IdentityProvider.MetadataURL != mdURL || !cfg.Validation.OK {
		t.Errorf("config: %+v", cfg)
	}
	next, _ := os.ReadFile(filepath.Join(out, ssoconfig.NextStepsMD))
	if !strings.Contains(string(next), mdURL) {
		t.Errorf("NEXT-STEPS.md lacks the metadata URL:\n%s", next)
	}
}
