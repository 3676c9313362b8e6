package response

import (
	"context"
	"io"

	"github.com/jcsso/jcsso/samlcheck/source"
)

// captureLimitFor is what MaxCaptureBytes is the limit for, in the words of
// a too-large error.
const captureLimitFor = "a browser capture (a SAML response is far smaller)"

// ReadCapture reads what inspect, troubleshoot and the live-login step are
// given for a response: a SAMLResponse, a HAR file or a SAML-tracer
// export, from the file at path or, for "-", from stdin (nil:
// os.Stdin). It is source.ReadInput with MaxCaptureBytes as the cap, so
// every input jcsso reads is read one way: a regular file over the cap is
// refused by its size, a stream as soon as it passes it, a read still
// waiting when ctx ends returns at once, and every failure is a
// *source.Error ("no such file", "is a directory, not a file", "too
// large: …").
func ReadCapture(ctx context.Context, path string, stdin io.Reader) ([]byte, error) {
	return source.ReadInput(ctx, path, stdin, MaxCaptureBytes, captureLimitFor)
}
