package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this test binary as jcsso itself (main, with
// its signal handling) by setting JCSSO_RUN_MAIN: see jcssoProcess.
func TestMain(m *testing.M) {
	if os.Getenv("JCSSO_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// jcssoProcess starts jcsso (this test binary running main) with args.
func jcssoProcess(t *testing.T, stdin io.Reader, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JCSSO_RUN_MAIN=1", "NO_COLOR=1")
	cmd.Stdin = stdin
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, &out, &errOut
}

// waitExit waits (a generous bound, not a sleep) for the process and
// returns its exit status.
func waitExit(t *testing.T, cmd *exec.Cmd, within time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(within):
		t.Fatalf("jcsso %v still running %s after the signal", cmd.Args[1:], within)
	}
	return -1
}

// A signal during a slow fetch ends `jcsso check` at once with 128 plus
// the signal's number and one line; nothing else is printed.
func TestCheckInterruptedDuringFetch(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		line string
	}{
		{syscall.SIGINT, 130, "interrupted by SIGINT"},
		{syscall.SIGTERM, 143, "interrupted by SIGTERM"},
		{syscall.SIGHUP, 129, "interrupted by SIGHUP"},
		{syscall.SIGQUIT, 131, "interrupted by SIGQUIT"},
	} {
		t.Run(tc.line, func(t *testing.T) {
			arrived := make(chan struct{}, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				arrived <- struct{}{}
				<-r.Context().Done() // until the client goes away
			}))
			defer srv.Close()
			cmd, out, errOut := jcssoProcess(t, nil, "check", srv.URL+"/metadata.xml", "--timeout", "1m")
			select {
			case <-arrived:
			case <-time.After(10 * time.Second):
				t.Fatal("the request never arrived")
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			if code := waitExit(t, cmd, 5*time.Second); code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if got := errOut.String(); got != tc.line+"\n" || out.Len() != 0 {
				t.Errorf("stderr %q, stdout %q; want one line %q", got, out.String(), tc.line)
			}
		})
	}
}

// A step that cannot observe the context (reading a standard input that
// never ends) still ends within the grace period: `timeout 3 jcsso check -`
// stops at 3 s whatever the input.
func TestCheckInterruptedReadingStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd, _, errOut := jcssoProcess(t, r, "check", "-")
	r.Close()
	// Twice a pipe's buffer: the write returns only once jcsso is reading
	// (its signal handling is set up first thing), then no more comes.
	if _, err := w.Write(append([]byte("<md:EntityDescriptor "), bytes.Repeat([]byte(" "), 128<<10)...)); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, cmd, 5*time.Second); code != 143 {
		t.Errorf("exit %d, want 143 (stderr %q)", code, errOut.String())
	}
}

// The watcher: a signal cancels the context with the interruption as its
// cause; the exit comes only if the command does not return in time.
func TestWatchInterrupts(t *testing.T) {
	exited := make(chan int, 1)
	var stderr, stdout bytes.Buffer
	ctx, stop := watchInterrupts(context.Background(), &stderr, func(code int) { exited <- code })
	defer stop()
	reportJSONTo(ctx, &stdout) // a command given --json
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGHUP did not cancel the context")
	}
	in := interruptOf(ctx)
	if in == nil || in.code() != 129 {
		t.Fatalf("cause %v, want the SIGHUP interruption", context.Cause(ctx))
	}
	select {
	case code := <-exited:
		if code != 129 || stderr.String() != "interrupted by SIGHUP\n" ||
			stdout.String() != `{"ok":false,"error":{"kind":"interrupted","message":"interrupted by SIGHUP"}}`+"\n" {
			t.Errorf("backstop exit %d with %q, stdout %q", code, stderr.String(), stdout.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the backstop never exited")
	}
	// Reported once, whoever reports.
	in.report(ctx, &stderr)
	if strings.Count(stderr.String(), "interrupted") != 1 || strings.Count(stdout.String(), "\n") != 1 {
		t.Errorf("reported twice: %q, stdout %q", stderr.String(), stdout.String())
	}
}

// A full-screen flow gets wizardGrace to restore the terminal before the
// backstop exits; the setting lives in the command's context.
func TestExtendGrace(t *testing.T) {
	ctx, stop := watchInterrupts(context.Background(), io.Discard, func(int) {})
	defer stop()
	g, ok := ctx.Value(graceKey{}).(*atomic.Int64)
	if !ok || time.Duration(g.Load()) != interruptGrace {
		t.Fatalf("grace %v, want interruptGrace", g)
	}
	extendGrace(ctx, wizardGrace)
	if time.Duration(g.Load()) != wizardGrace {
		t.Errorf("grace %v after extendGrace, want %v", time.Duration(g.Load()), wizardGrace)
	}
	extendGrace(context.Background(), time.Hour) // no watcher: nothing to set, no panic
}

// With --json, an interrupted command says so on stdout too, once, as
// every --json error is said, whether it returned on its own (a fetch that
// observes the context) or the backstop ended it (a standard input that
// never ends: TestWatchInterrupts); the exit status and the stderr line
// stay (item 9).
func TestInterruptedWithJSON(t *testing.T) {
	const want = `{"ok":false,"error":{"kind":"interrupted","message":"interrupted by SIGTERM"}}` + "\n"
	t.Run("fetch", func(t *testing.T) {
		arrived := make(chan struct{}, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			<-r.Context().Done()
		}))
		defer srv.Close()
		cmd, out, errOut := jcssoProcess(t, nil, "check", srv.URL+"/metadata.xml", "--json", "--timeout", "1m")
		select {
		case <-arrived:
		case <-time.After(10 * time.Second):
			t.Fatal("the request never arrived")
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, cmd, 5*time.Second); code != 143 || out.String() != want || errOut.String() != "interrupted by SIGTERM\n" {
			t.Errorf("exit %d, stdout %q, stderr %q; want 143, %q and the one line", code, out.String(), errOut.String(), want)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		cmd, out, errOut := jcssoProcess(t, r, "check", "-", "--json")
		r.Close()
		if _, err := w.Write(append([]byte("<md:EntityDescriptor "), bytes.Repeat([]byte(" "), 128<<10)...)); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, cmd, 5*time.Second); code != 143 || out.String() != want || errOut.String() != "interrupted by SIGTERM\n" {
			t.Errorf("exit %d, stdout %q, stderr %q; want 143, %q and the one line", code, out.String(), errOut.String(), want)
		}
	})
}
