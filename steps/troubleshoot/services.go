package troubleshoot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/atotto/clipboard"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Services are everything the session does outside its own memory:
// reading what the customer sent, writing the report, the clipboard. The
// session calls them only inside tea.Cmds; tests replace them. A nil
// field means the real implementation.
type Services struct {
	// LoadMetadata reads a metadata URL or file.
	LoadMetadata func(ctx context.Context, src string, opts source.LoadOptions) ([]byte, error)
	// ReadResponse reads a captured response, HAR file or SAML-tracer
	// export (at most response.MaxCaptureBytes; response.ReadCapture).
	ReadResponse func(ctx context.Context, path string) ([]byte, error)
	// ReadConfig reads a saved sso-config.yaml (or .json).
	ReadConfig func(path string) (*ssoconfig.Config, error)
	// ReadSavedMetadata reads the configuration's own metadata file.
	ReadSavedMetadata func(ctx context.Context, path string) ([]byte, error)
	// WriteReport writes the report, atomically and 0600.
	WriteReport func(path string, data []byte) error
	Clipboard   func(text string) error
}

func (s Services) withDefaults() Services {
	if s.LoadMetadata == nil {
		s.LoadMetadata = source.Load
	}
	if s.ReadResponse == nil {
		s.ReadResponse = ReadCapture
	}
	if s.ReadConfig == nil {
		s.ReadConfig = ssoconfig.Read
	}
	if s.ReadSavedMetadata == nil {
		s.ReadSavedMetadata = ReadSavedMetadata
	}
	if s.WriteReport == nil {
		s.WriteReport = WriteReport
	}
	if s.Clipboard == nil {
		s.Clipboard = clipboard.WriteAll
	}
	return s
}

// ReportMode is the mode of a written report: it quotes a customer's
// users and configuration.
const ReportMode = 0o600

// WriteReport writes a report through the one atomic writer, 0600.
func WriteReport(path string, data []byte) error {
	return ssoconfig.WriteFileAtomic(path, data, ReportMode)
}

// ReadSavedMetadata reads the metadata file a saved configuration names
// as `check --config` and `doctor` read it: through source.ReadInput, so a
// file over source.MaxInputBytes is refused by its size, a device is read
// no further than that, and a FIFO nobody writes to stops waiting when ctx
// ends. Every failure is a *source.Error (SavedMetadataNote words it).
func ReadSavedMetadata(ctx context.Context, path string) ([]byte, error) {
	return source.ReadInput(ctx, path, strings.NewReader(""), source.MaxInputBytes, "metadata")
}

// SavedMetadataNote says, in one line, that the saved metadata file at
// path could not be read and so is not checked: the scripted form prints
// it as a note, the session beside the results.
func SavedMetadataNote(path string, err error) string {
	reason := err.Error()
	var se *source.Error
	if errors.As(err, &se) {
		reason = se.Reason
	}
	return fmt.Sprintf("the configuration's metadata %s cannot be read (%s); it is not checked", samlcheck.Printable(path), samlcheck.Printable(reason))
}

// ResponseNote says, in one line, that the response given could not be
// read and so was not checked, and why: a capture with no SAMLResponse in
// it (the capture is still evidence), or an input that is no SAML response (a web page, a binary, one too
// large, in inspect's words: "too large: N bytes, over the 5 MiB limit
// for a SAML response"); "" when it was read. The scripted form prints
// it as a note, as it does SavedMetadataNote's, so a walk that goes on
// without the response does not pass over it in silence.
func ResponseNote(ev diagnose.Evidence) string {
	r := ev.Response
	if r == nil {
		return ""
	}
	for _, f := range r.Findings.ByID(samlcheck.IDResponseDecode) {
		if f.Severity != samlcheck.SeverityFail {
			continue
		}
		reason := f.Message
		if size := r.SizeRefusal(); size != "" {
			reason = "too large: " + size
		}
		src := samlcheck.Printable(orName(ev.ResponseSource, "given"))
		switch c := ev.Capture; {
		case c != nil && c.Responses == 0:
			// The capture itself is evidence (JumpCloud sent the browser
			// nothing to post): only the response is missing.
			return fmt.Sprintf("the capture %s: %s; no response is checked", src, samlcheck.Printable(reason))
		case c != nil:
			return fmt.Sprintf("the response in the capture %s cannot be read (%s); it is not checked", src, samlcheck.Printable(reason))
		}
		return fmt.Sprintf("the response %s cannot be read (%s); it is not checked", src, samlcheck.Printable(reason))
	}
	return ""
}

// ReadCapture reads a captured response from a file as `jcsso inspect`
// does (response.ReadCapture: the cap of a browser capture, a FIFO nobody
// writes to given up when ctx ends). Every failure is a *source.Error;
// "-" is the file called "-", never standard input, which is the
// session's keyboard.
func ReadCapture(ctx context.Context, path string) ([]byte, error) {
	if path == "-" {
		path = "./-"
	}
	return response.ReadCapture(ctx, path, strings.NewReader(""))
}
