package doctor

import (
	"context"
	"sync"
	"time"

	"github.com/jcsso/jcsso/samlcheck/source"
)

// windowPerWorker sizes the reorder window: how many finished results may
// wait, per worker, for a slower configuration found before them. A
// result is a few kilobytes (its failures and warnings), so the window
// bounds memory to well under a megabyte at the default 8 workers, however
// many configurations there are; a configuration whose fetch hangs until
// --timeout holds the output back only once the window is full.
const windowPerWorker = 8

// job is one configuration handed to a worker, with where its result goes.
type job struct {
	path string
	out  chan<- Result
}

// Run examines every configuration Find finds under paths, at most
// o.Parallel at once, all fetching through the one o.Fetcher, and calls
// emit with each Result in the order the configurations were found (a
// path that could not be searched is an unreadable Result). emit is called
// from Run's own goroutine, one result at a time, as soon as that result
// and every one before it are done, so a caller can print and forget each.
//
// Run returns when every result was emitted, or at once when ctx ends (a
// signal) or emit returns an error, with that error: the workers stop with
// their fetch or check, and results not yet emitted are dropped.
func Run(ctx context.Context, paths []string, o Options, emit func(Result) error) error {
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	if o.Fetcher == nil {
		o.Fetcher = source.NewFetcher(source.FetcherOptions{})
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	// order holds each configuration's result channel in the order found;
	// its capacity is the reorder window.
	order := make(chan chan Result, o.Parallel*windowPerWorker)
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range o.Parallel {
		wg.Go(func() {
			for j := range jobs {
				j.out <- examine(ctx, j.path, &o)
			}
		})
	}
	findErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		findErr <- Find(ctx, paths, func(t Target) error {
			out := make(chan Result, 1) // a worker never waits for the emitter
			select {
			case order <- out:
			case <-ctx.Done():
				return ctx.Err()
			}
			if t.Err != nil {
				out <- unreadable(Result{Config: t.Path, CheckedAt: o.now().Truncate(time.Second)}, t.Err)
				return nil
			}
			select {
			case jobs <- job{t.Path, out}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()

	err := emitInOrder(ctx, order, emit)
	cancel()
	wg.Wait()
	if ferr := <-findErr; err == nil && ferr != nil {
		err = ferr
	}
	if err == nil {
		// The caller's context ending (a signal) is the run's end even
		// when it came after the last result was emitted.
		err = parent.Err()
	}
	return err
}

// emitInOrder hands each result to emit in the order of the channels in
// order, waiting for each; it stops at ctx's end or emit's first error.
func emitInOrder(ctx context.Context, order <-chan chan Result, emit func(Result) error) error {
	for out := range order {
		select {
		case r := <-out:
			if ctx.Err() != nil {
				return ctx.Err() // the result may be cut short
			}
			if err := emit(r); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
