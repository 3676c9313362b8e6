package logintest

import (
	"context"
	"errors"
	"strings"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// ErrNoBrowser is what an opener returns when no browser can be opened on
// this machine (no display, as over SSH): the screen then says to open
// the login URL by hand.
var ErrNoBrowser = errors.New("no browser can be opened here")

// Services are everything the step does outside its memory. The step
// calls them only inside tea.Cmds; tests replace them. Start, Inspect and
// ReadCapture default to the real ones; the others are optional.
type Services struct {
	// Start starts the listener (acs.Start).
	Start func(opts acs.Options) (Session, error)
	// Inspect inspects a pasted response or a capture (a HAR file or a
	// SAML-tracer export: its last SAMLResponse).
	Inspect func(ctx context.Context, input []byte, opts response.Options) *response.Report
	// ReadCapture reads a file the admin named.
	ReadCapture func(ctx context.Context, path string) ([]byte, error)
	// Open opens a URL in the user's browser; ErrNoBrowser when there is
	// none. Nil offers no o.
	Open func(url string) error
	// AddACSURL puts the test ACS URL on the IdP's SSO tab itself, where
	// the program plays the IdP too (jcsso demo); nil asks the admin to.
	AddACSURL func(acsURL string) error
	// SignIn plays the user in a scripted browser from the login URL
	// (jcsso demo's demo user), saying how it ended; nil offers no d.
	SignIn func(ctx context.Context, loginURL string) (acs.BrowserOutcome, error)
	// SignInAs names who SignIn signs in, for its key and the screen.
	SignInAs string
}

func (s Services) withDefaults() Services {
	if s.Start == nil {
		s.Start = func(o acs.Options) (Session, error) {
			sess, err := acs.Start(o)
			if err != nil {
				return nil, err
			}
			return sess, nil
		}
	}
	if s.Inspect == nil {
		s.Inspect = InspectInput
	}
	if s.ReadCapture == nil {
		s.ReadCapture = func(ctx context.Context, path string) ([]byte, error) {
			return response.ReadCapture(ctx, path, strings.NewReader(""))
		}
	}
	return s
}

// InspectInput inspects what an admin gives instead of a live login: a
// browser capture's last SAMLResponse, or the response itself (base64,
// Redirect form or XML), as `jcsso inspect` does.
func InspectInput(ctx context.Context, input []byte, opts response.Options) *response.Report {
	if c, err := response.ParseCapture(input); err == nil {
		if r, err := response.InspectCapture(ctx, c, 0, opts); err == nil {
			return r
		}
	}
	return response.InspectContext(ctx, input, opts)
}

// looksLikeResponse tells pasted response text (XML, or base64 far longer
// than any path) from a path typed or pasted.
func looksLikeResponse(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "<") || strings.HasPrefix(t, "SAMLResponse=") || strings.HasPrefix(t, "{") ||
		len(t) > 400 // base64 of any response; no path is that long
}
