package samlcheck

import (
	"context"
	"io"
	"net/http"
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

// LoadSource reads a metadata source: an https URL (http only for loopback
// hosts), "-" for standard input, or a file path. It reads at most
// MaxInputBytes and refuses anything larger before parsing. Every failure is
// a *SourceError.
func LoadSource(ctx context.Context, source string, opts LoadOptions) ([]byte, error) {
	panic("not implemented yet")
}
