package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// endingSignals end jcsso: ctrl+c (SIGINT), kill and timeout(1) (SIGTERM),
// a closed terminal or SSH session (SIGHUP), ctrl+\ (SIGQUIT). Each
// cancels the command's context, which every long step (fetch, parse,
// verify, write, the wizard) observes: the wizard restores the terminal,
// the writer leaves the folder as it was, and jcsso exits with 128 plus
// the signal's number and one line.
var endingSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// interruptGrace is how long the command has, once a signal arrived, to
// return on its own before jcsso exits anyway: the backstop for a step
// that cannot be interrupted (a read of a standard input that never
// ends). The steps that observe the context return within milliseconds.
const interruptGrace = 300 * time.Millisecond

// wizardGrace replaces interruptGrace while a full-screen flow owns the
// terminal: it observes the context at once, but restoring the terminal
// (leaving the alternate screen, showing the cursor, the line discipline
// back) must not be cut short by the backstop on a loaded machine, or the
// user's shell is left raw. A second signal still ends jcsso at once.
const wizardGrace = 3 * time.Second

// graceKey finds, in a command's context, the backstop's grace period.
type graceKey struct{}

// extendGrace sets how long the backstop waits after a signal for the
// command whose context is ctx (see wizardGrace); without watchInterrupts
// behind ctx (tests) it does nothing.
func extendGrace(ctx context.Context, d time.Duration) {
	if g, ok := ctx.Value(graceKey{}).(*atomic.Int64); ok {
		g.Store(int64(d))
	}
}

// interruption is the cause of the context's cancellation when a signal
// ends jcsso.
type interruption struct {
	sig  syscall.Signal
	once sync.Once
}

func (i *interruption) Error() string {
	names := map[syscall.Signal]string{
		syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP", syscall.SIGQUIT: "SIGQUIT",
	}
	name, ok := names[i.sig]
	if !ok {
		name = i.sig.String()
	}
	return "interrupted by " + name
}

// code is the shell's convention for a process ended by a signal.
func (i *interruption) code() int { return 128 + int(i.sig) }

// report prints the one line that says jcsso was interrupted, once, however
// many callers get here first, and returns the exit status. When the
// command was given --json (see reportJSONTo), the same is also said on its
// stdout as every --json error is: {"ok":false,"error":{"kind":
// "interrupted","message":"interrupted by SIGTERM"}}, so that a script
// reading stdout gets one JSON object whatever happened.
func (i *interruption) report(ctx context.Context, w io.Writer) int {
	i.once.Do(func() {
		fmt.Fprintln(w, i.Error())
		if s, ok := ctx.Value(jsonSinkKey{}).(*jsonSink); ok {
			s.write(i)
		}
	})
	return i.code()
}

// jsonSinkKey finds, in a command's context, where its interruption is
// reported as JSON.
type jsonSinkKey struct{}

// jsonSink is the stdout of a command given --json, once it is known
// (reportJSONTo); nil before, and for every other command.
type jsonSink struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *jsonSink) write(in *interruption) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != nil {
		var je jsonError
		je.Error.Kind, je.Error.Message = kindInterrupted, in.Error()
		_ = writeJSONLine(s.w, je)
	}
}

// withJSONSink gives ctx a place for reportJSONTo, unless it has one.
func withJSONSink(ctx context.Context) context.Context {
	if _, ok := ctx.Value(jsonSinkKey{}).(*jsonSink); ok {
		return ctx
	}
	return context.WithValue(ctx, jsonSinkKey{}, new(jsonSink))
}

// reportJSONTo says that the command whose context is ctx prints JSON on
// w: an interruption is then reported there too.
func reportJSONTo(ctx context.Context, w io.Writer) {
	if s, ok := ctx.Value(jsonSinkKey{}).(*jsonSink); ok {
		s.mu.Lock()
		s.w = w
		s.mu.Unlock()
	}
}

// interruptOf returns the interruption that cancelled ctx, or nil.
func interruptOf(ctx context.Context) *interruption {
	var in *interruption
	if ctx != nil && errors.As(context.Cause(ctx), &in) {
		return in
	}
	return nil
}

// watchInterrupts returns a context cancelled by the first of
// endingSignals, with an *interruption as its cause, and a stop function
// to call when the command has returned. After a signal, exit is called
// with the status when the command has not returned within
// interruptGrace (or what extendGrace set), or at once on a second signal.
func watchInterrupts(parent context.Context, stderr io.Writer, exit func(int)) (context.Context, func()) {
	g := new(atomic.Int64)
	g.Store(int64(interruptGrace))
	ctx, cancel := context.WithCancelCause(withJSONSink(context.WithValue(parent, graceKey{}, g)))
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, endingSignals...)
	done := make(chan struct{})
	go func() {
		var in *interruption
		select {
		case s := <-ch:
			sig, _ := s.(syscall.Signal)
			in = &interruption{sig: sig}
			cancel(in)
		case <-done:
			return
		}
		grace := time.NewTimer(time.Duration(g.Load()))
		defer grace.Stop()
		select {
		case <-done:
		case <-ch:
			exit(in.report(ctx, stderr))
		case <-grace.C:
			exit(in.report(ctx, stderr))
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
			cancel(nil)
		})
	}
}
