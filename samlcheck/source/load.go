package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/jcsso/jcsso/samlcheck/internal/words"
)

// LoadOptions control how Load reads a source.
type LoadOptions struct {
	// Stdin is read for the source "-"; nil means os.Stdin.
	Stdin io.Reader
	// Fetcher fetches a URL source; nil means a Fetcher with the defaults
	// (DefaultTimeout, DefaultUserAgent), made once and shared.
	Fetcher *Fetcher
}

// Error is a source that could not be read or fetched. Its message is one
// lower-case line naming the source and the reason (DNS, TLS, status, too
// large, timed out, redirect refused, no such file).
type Error struct {
	Source string
	Reason string
	Err    error
	// Status is the HTTP status of a fetch answered with anything but
	// 200 OK (401 for a URL that needs a login), for callers that judge
	// the cause; 0 for every other failure.
	Status int
}

func (e *Error) Error() string { return e.Source + ": " + e.Reason }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by the Error of a source over its cap, and by
// the error of a response refused for its size (see response.Decode).
var ErrTooLarge = errors.New("source too large")

// Load reads a metadata source: an https URL (http only for loopback
// hosts), "-" for standard input, or a file path. It reads at most
// MaxInputBytes and refuses anything larger before parsing. Every failure
// is an *Error; one cut short by ctx wraps ctx's error.
func Load(ctx context.Context, source string, opts LoadOptions) ([]byte, error) {
	if IsURL(source) {
		f := opts.Fetcher
		if f == nil {
			f = defaultFetcher()
		}
		return f.Fetch(ctx, source)
	}
	return ReadInput(ctx, source, opts.Stdin, MaxInputBytes, "metadata")
}

// ReadInput reads a local input: standard input (in, or os.Stdin when
// nil) for "-", else the file at path. It refuses an input over limit
// bytes with a *Error wrapping ErrTooLarge whose reason names what
// the limit is for ("metadata", "a certificate file"): a regular file by
// its size, before reading it; a stream as soon as it passes the limit. A
// read still waiting when ctx ends (a terminal or pipe that sends nothing
// more, a FIFO nobody writes to) returns at once with a *Error
// wrapping ctx's error; the blocked read is left to end with the process,
// which is about to exit. Every failure is a *Error.
func ReadInput(ctx context.Context, path string, in io.Reader, limit int64, what string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := readInput(path, in, limit, what)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, &Error{Source: inputName(path), Reason: "reading stopped: " + ctx.Err().Error(), Err: ctx.Err()}
	}
}

func readInput(path string, in io.Reader, limit int64, what string) ([]byte, error) {
	if path == "-" {
		if in == nil {
			in = os.Stdin
		}
		return readCapped("standard input", in, limit, what)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Source: path, Reason: FileReason(err), Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Source: path, Reason: FileReason(err), Err: err}
	}
	if st.IsDir() {
		return nil, &Error{Source: path, Reason: "is a directory, not a file", Err: fs.ErrInvalid}
	}
	if st.Mode().IsRegular() && st.Size() > limit {
		return nil, tooLargeFor(path, st.Size(), limit, what)
	}
	return readCapped(path, f, limit, what)
}

// inputName is how messages name a local input.
func inputName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

// FileReason words why a file could not be opened or read, without the
// operation and path os adds ("open x: "), which the caller's message
// names already: "no such file", "permission denied", else the system's
// reason. It is the one wording of a missing file, for every command.
func FileReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return words.OneLine(pe.Err.Error())
	}
	return words.OneLine(err.Error())
}

// readCapped reads r to the end, or refuses it as soon as it passes limit.
func readCapped(source string, r io.Reader, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &Error{Source: source, Reason: "read failed: " + words.OneLine(err.Error()), Err: err}
	}
	if int64(len(data)) > limit {
		return nil, tooLargeFor(source, -1, limit, what)
	}
	return data, nil
}

// tooLarge is the error of a metadata source over the cap; size < 0 when
// unknown.
func tooLarge(source string, size int64) error {
	return tooLargeFor(source, size, MaxInputBytes, "metadata")
}

// tooLargeFor is the error of an input over limit, the limit for what;
// size < 0 when unknown.
func tooLargeFor(source string, size, limit int64, what string) error {
	reason := fmt.Sprintf("too large: over %s for %s", words.Limit(limit), what)
	if size >= 0 {
		reason = fmt.Sprintf("too large: %d bytes, over %s for %s", size, words.Limit(limit), what)
	}
	return &Error{Source: source, Reason: reason, Err: ErrTooLarge}
}
