package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
)

// readResponse reads RESPONSE: at most MaxCaptureBytes, the cap of a
// browser capture (a bare response is capped lower, by the engine). Input
// over it is refused without being read whole.
func readResponse(stdin io.Reader, source string) ([]byte, error) {
	var r io.Reader
	name := displayName(source)
	if source == "-" {
		r = stdin
	} else {
		fh, err := os.Open(source)
		if err != nil {
			return nil, inputError(fmt.Errorf("cannot read %s: %w", source, unwrapPathError(err)))
		}
		defer fh.Close()
		st, err := fh.Stat()
		switch {
		case err == nil && st.IsDir():
			return nil, inputError(fmt.Errorf("cannot read %s: it is a directory", source))
		case err == nil && st.Mode().IsRegular() && st.Size() > samlcheck.MaxCaptureBytes:
			return nil, captureTooLarge(name, st.Size())
		}
		r = fh
	}
	data, err := io.ReadAll(io.LimitReader(r, samlcheck.MaxCaptureBytes+1))
	if err != nil {
		return nil, inputError(fmt.Errorf("cannot read %s: %w", name, err))
	}
	if len(data) > samlcheck.MaxCaptureBytes {
		return nil, captureTooLarge(name, -1)
	}
	return data, nil
}

func captureTooLarge(name string, size int64) error {
	what := "over"
	if size >= 0 {
		what = fmt.Sprintf("%d bytes, over", size)
	}
	return kindError(kindTooLarge, fmt.Errorf("cannot read %s: too large: %s the %d MiB limit for a browser capture (a SAML response is far smaller)", name, what, samlcheck.MaxCaptureBytes>>20))
}

// displayName names RESPONSE in messages.
func displayName(source string) string {
	if source == "-" {
		return "standard input"
	}
	return source
}

// inspectInput inspects RESPONSE: in a browser capture (a HAR file or a
// SAML-tracer export), the SAMLResponse --pick names (0: the last one);
// otherwise the input itself, where --pick has nothing to choose from.
func inspectInput(input []byte, pick int, opts samlcheck.InspectOptions) (*samlcheck.ResponseReport, error) {
	if pick < 0 {
		return nil, usageError("--pick must be 1 or more (the number the report lists a capture's SAMLResponses by), got %d", pick)
	}
	c, err := samlcheck.ParseCapture(input)
	if err != nil {
		if pick != 0 {
			return nil, usageError("--pick %d: RESPONSE is not a HAR file or SAML-tracer export; --pick chooses one of the SAMLResponses a capture holds", pick)
		}
		return samlcheck.Inspect(input, opts), nil
	}
	r, err := samlcheck.InspectCapture(c, pick, opts)
	if err != nil {
		return nil, usageError("--pick %d: %s", pick, strings.TrimPrefix(err.Error(), samlcheck.ErrNoSuchResponse.Error()+": "))
	}
	return r, nil
}
