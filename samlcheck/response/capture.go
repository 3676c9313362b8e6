package response

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// MaxCaptureBytes caps a browser capture (a HAR file or a SAML-tracer
// export): a login's capture holds every page and script the browser
// loaded, so it is far larger than the SAMLResponse inside it.
const MaxCaptureBytes = 64 << 20

// Capture is a browser capture support was sent, reduced to the
// SAMLResponses in it. Nothing else is kept, or ever printed: cookies,
// headers, other form fields and page contents carry personal data and
// session credentials.
type Capture struct {
	// Format is "har" or "saml-tracer".
	Format string
	// Requests is how many requests the capture holds.
	Requests int
	// Responses are the SAMLResponses sent, in the capture's order.
	Responses []CapturedResponse
}

// CapturedResponse is one SAMLResponse a browser sent.
type CapturedResponse struct {
	// N is its number in the capture, from 1.
	N int `json:"n"`
	// Time is when the browser sent it (HAR's startedDateTime); empty for
	// SAML-tracer, which keeps no time per request.
	Time string `json:"time,omitempty"`
	// Destination is where it was sent: the request URL without its query
	// or fragment, which may carry tokens.
	Destination string `json:"destination"`
	// value is the SAMLResponse as sent (base64, maybe form-encoded), or
	// the XML SAML-tracer decoded it to.
	value []byte
}

// CaptureSummary is what an inspection says about the capture its
// response came from.
type CaptureSummary struct {
	Format string `json:"format"`
	// Picked is the number of the response inspected.
	Picked    int                `json:"picked"`
	Responses []CapturedResponse `json:"responses"`
}

// ErrNotCapture is returned by ParseCapture for input that is not a HAR
// file or a SAML-tracer export.
var ErrNotCapture = errors.New("not a HAR file or SAML-tracer export")

// ErrNoSuchResponse is returned by InspectCapture for a number that names
// no SAMLResponse of the capture.
var ErrNoSuchResponse = errors.New("no such SAMLResponse in the capture")

// The parts of a HAR file (any browser's "Save all as HAR") that can
// carry a SAMLResponse; everything else is skipped unread.
type harFile struct {
	Log *struct {
		Entries []struct {
			StartedDateTime string `json:"startedDateTime"`
			Request         struct {
				Method   string `json:"method"`
				URL      string `json:"url"`
				PostData *struct {
					Text   string `json:"text"`
					Params []struct {
						Name  string `json:"name"`
						Value string `json:"value"`
					} `json:"params"`
				} `json:"postData"`
			} `json:"request"`
		} `json:"entries"`
	} `json:"log"`
	// Requests is SAML-tracer's export: post and get as [name, value]
	// pairs, saml the message it decoded.
	Requests []struct {
		Method string     `json:"method"`
		URL    string     `json:"url"`
		Post   [][]string `json:"post"`
		Get    [][]string `json:"get"`
		SAML   string     `json:"saml"`
	} `json:"requests"`
}

// ParseCapture reads a HAR file or a SAML-tracer export and finds every
// SAMLResponse a request sent in it (a POST form field, or the query of a
// Redirect-binding URL). Responses' page contents are never looked at.
func ParseCapture(data []byte) (*Capture, error) {
	trimmed := bytes.TrimSpace(xmlsafe.TrimBOM(data))
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, ErrNotCapture
	}
	var f harFile
	if err := json.Unmarshal(trimmed, &f); err != nil {
		return nil, fmt.Errorf("%w: the JSON cannot be read (%s)", ErrNotCapture, words.OneLine(err.Error()))
	}
	c := &Capture{}
	switch {
	case f.Log != nil:
		c.Format = "har"
		c.Requests = len(f.Log.Entries)
		for _, e := range f.Log.Entries {
			var value string
			if pd := e.Request.PostData; pd != nil {
				for _, p := range pd.Params {
					if p.Name == "SAMLResponse" && value == "" {
						value = p.Value
					}
				}
				if value == "" && formHasField(pd.Text, "SAMLResponse") {
					value = pd.Text // Decode takes the field out of the form body
				}
			}
			if value == "" {
				value = queryField(e.Request.URL, "SAMLResponse")
			}
			c.add(e.StartedDateTime, e.Request.URL, value)
		}
	case f.Requests != nil:
		c.Format = "saml-tracer"
		c.Requests = len(f.Requests)
		for _, r := range f.Requests {
			value := pairValue(r.Post, "SAMLResponse")
			if value == "" {
				value = pairValue(r.Get, "SAMLResponse")
			}
			// An export made with "hash" or "obfuscate" replaces the form
			// values; the message SAML-tracer decoded is still there.
			if value != "" && !decodesToXML(value) && strings.Contains(r.SAML, "Response") {
				value = r.SAML
			}
			c.add("", r.URL, value)
		}
	default:
		return nil, fmt.Errorf("%w: the JSON has neither HAR's log.entries nor SAML-tracer's requests", ErrNotCapture)
	}
	return c, nil
}

func (c *Capture) add(time, rawURL, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	c.Responses = append(c.Responses, CapturedResponse{N: len(c.Responses) + 1, Time: time, Destination: destinationOf(rawURL), value: []byte(value)})
}

// Value is the pick-th SAMLResponse as the browser sent it (from 1; 0
// means the last), for Decode: a caller that keeps the response itself
// (a troubleshooting report, when asked to) reads it here, and nothing
// else of the capture. ok is false for a number that names none.
func (c *Capture) Value(pick int) (value []byte, ok bool) {
	if pick == 0 {
		pick = len(c.Responses)
	}
	if pick < 1 || pick > len(c.Responses) {
		return nil, false
	}
	return append([]byte(nil), c.Responses[pick-1].value...), true
}

// FormatName names the capture's format in a sentence.
func (c *Capture) FormatName() string {
	if c.Format == "saml-tracer" {
		return "a SAML-tracer export"
	}
	return "a HAR file"
}

// InspectCapture inspects the pick-th SAMLResponse of a capture (from 1;
// 0 means the last, the one a failed login ended with). A capture without
// any is itself a finding (response.decode); a pick that names none is
// ErrNoSuchResponse. The inspection stops early when ctx ends.
func InspectCapture(ctx context.Context, c *Capture, pick int, opts Options) (*Report, error) {
	n := len(c.Responses)
	if n == 0 {
		in := newInspection(ctx, opts)
		in.b.Fail(samlcheck.IDResponseDecode, fmt.Sprintf("%s holds no SAMLResponse among its %s: the capture began after the login, or the login never reached the service provider", c.FormatName(), words.CountNoun(c.Requests, "request")),
			"Capture again: start recording (HAR: the Network tab with \"Preserve log\" ticked; or SAML-tracer) before opening the service provider's login page, log in, then save.")
		return in.finish(), nil
	}
	if pick == 0 {
		pick = n
	}
	if pick < 1 || pick > n {
		return nil, fmt.Errorf("%w: there is no SAMLResponse number %d; %s holds %s, numbered 1 to %d", ErrNoSuchResponse, pick, c.FormatName(), words.CountNoun(n, "SAMLResponse"), n)
	}
	r := InspectContext(ctx, c.Responses[pick-1].value, opts)
	r.Capture = &CaptureSummary{Format: c.Format, Picked: pick, Responses: c.Responses}
	return r, nil
}

// destinationOf is a request URL without what may carry credentials: the
// user information, query and fragment.
func destinationOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(a request whose URL cannot be read)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// formHasField reports whether a form body has the field name.
func formHasField(body, name string) bool {
	for _, f := range strings.Split(body, "&") {
		if strings.HasPrefix(f, name+"=") {
			return true
		}
	}
	return false
}

// queryField returns the raw value of the URL's query field name.
func queryField(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	for _, f := range strings.Split(u.RawQuery, "&") {
		if v, ok := strings.CutPrefix(f, name+"="); ok {
			return v
		}
	}
	return ""
}

// pairValue returns the value of the first [name, value] pair named name.
func pairValue(pairs [][]string, name string) string {
	for _, p := range pairs {
		if len(p) == 2 && p[0] == name {
			return p[1]
		}
	}
	return ""
}

// decodesToXML reports whether a captured value decodes to XML.
func decodesToXML(v string) bool {
	_, _, err := Decode([]byte(v))
	return err == nil
}
