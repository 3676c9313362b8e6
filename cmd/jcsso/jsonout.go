package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jcsso/jcsso/samlcheck"
)

// The one JSON writer of every command: whole reports indented (check,
// inspect, troubleshoot), JSON lines compact (doctor, idp, test-login and
// demo events, every error). Both leave <, > and & readable (a URL's query,
// an XML excerpt) and escape DEL and the C1 range, which encoding/json
// leaves raw and a document's values may carry (samlcheck.PrintableJSON).

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error { return encodeJSON(w, v, true) }

// writeJSONLine prints v as JSON on one line.
func writeJSONLine(w io.Writer, v any) error { return encodeJSON(w, v, false) }

func encodeJSON(w io.Writer, v any, indent bool) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	if _, err := w.Write(samlcheck.PrintableJSON(b.Bytes())); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
