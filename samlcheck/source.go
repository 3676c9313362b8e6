package samlcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"
)

// LoadOptions control how LoadSource reads a source.
type LoadOptions struct {
	// Timeout bounds a URL fetch; zero means 15 seconds.
	Timeout time.Duration
	// Stdin is read for the source "-"; nil means os.Stdin.
	Stdin io.Reader
	// Client overrides the HTTP client (tests pass an httptest TLS client).
	// Its redirect policy and the size cap are still applied.
	Client *http.Client
	// UserAgent defaults to "jcsso/VERSION".
	UserAgent string
}

// DefaultTimeout bounds a URL fetch when LoadOptions.Timeout is zero.
const DefaultTimeout = 15 * time.Second

// DefaultUserAgent is sent when LoadOptions.UserAgent is empty; the command
// sends "jcsso/" and its build version instead.
const DefaultUserAgent = "jcsso/dev"

// SourceError is a source that could not be read or fetched. Its message is
// one lower-case line naming the source and the reason (DNS, TLS, status,
// too large, timed out, redirect refused, no such file).
type SourceError struct {
	Source string
	Reason string
	Err    error
}

func (e *SourceError) Error() string { return e.Source + ": " + e.Reason }

// Unwrap returns the underlying error.
func (e *SourceError) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by the SourceError of a source over MaxInputBytes.
var ErrTooLarge = errors.New("source too large")

// LoadSource reads a metadata source: an https URL (http only for loopback
// hosts), "-" for standard input, or a file path. It reads at most
// MaxInputBytes and refuses anything larger before parsing. Every failure is
// a *SourceError.
func LoadSource(ctx context.Context, source string, opts LoadOptions) ([]byte, error) {
	switch {
	case source == "-":
		in := opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		return readCapped("standard input", in)
	case strings.Contains(source, "://"):
		return fetch(ctx, source, opts)
	}
	return readFile(source)
}

// readFile reads a file, refusing one over the cap by its size before
// reading it.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &SourceError{Source: path, Reason: fileReason(err), Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &SourceError{Source: path, Reason: fileReason(err), Err: err}
	}
	if st.IsDir() {
		return nil, &SourceError{Source: path, Reason: "is a directory, not a metadata file", Err: fs.ErrInvalid}
	}
	if st.Mode().IsRegular() && st.Size() > MaxInputBytes {
		return nil, tooLarge(path, st.Size())
	}
	return readCapped(path, f)
}

func fileReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return oneLine(pe.Err.Error())
	}
	return oneLine(err.Error())
}

// readCapped reads r to the end, or refuses it as soon as it passes the cap.
func readCapped(source string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, &SourceError{Source: source, Reason: "read failed: " + oneLine(err.Error()), Err: err}
	}
	if len(data) > MaxInputBytes {
		return nil, tooLarge(source, -1)
	}
	return data, nil
}

// tooLarge is the error of a source over the cap; size < 0 when unknown.
func tooLarge(source string, size int64) error {
	reason := fmt.Sprintf("too large: over the %d MiB limit for metadata", MaxInputBytes>>20)
	if size >= 0 {
		reason = fmt.Sprintf("too large: %d bytes, over the %d MiB limit for metadata", size, MaxInputBytes>>20)
	}
	return &SourceError{Source: source, Reason: reason, Err: ErrTooLarge}
}
