package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTroubleshootSaysUnusableResponse: a --response that holds no SAML
// response (a HAR without one, a web page, a 6 MB binary) is named in a
// one-line note on stderr, as an unreadable saved metadata file is, with
// a size in inspect's words for the same file; the walk goes on without
// it (review item 4).
func TestTroubleshootSaysUnusableResponse(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	har := write("nosaml.har", []byte(`{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://example.com/","headers":[],"queryString":[]},"response":{"status":200,"headers":[],"content":{"text":"hi"}}}]}}`))
	page := write("page.html", []byte("<html><body>hello</body></html>\n"))
	big := write("big.bin", append([]byte{'\v'}, make([]byte, 5999999)...))
	tooLarge := "too large: 6000000 bytes, over the 5 MiB limit for a SAML response"
	for _, tc := range []struct{ file, note string }{
		{har, "note: the capture " + har + ": a HAR file holds no SAMLResponse among its 1 request"},
		{page, "note: the response " + page + " cannot be read (the input is a web page, not a SAML response); it is not checked"},
		{big, "note: the response " + big + " cannot be read (" + tooLarge + "); it is not checked"},
	} {
		code, out, errOut := runCmd(t, "", "troubleshoot", "--symptom", "unknown", "--response", tc.file)
		if code != exitFailed || !strings.HasPrefix(errOut, tc.note) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q; want one line starting %q", tc.file, code, errOut, tc.note)
		}
		if !strings.Contains(out, "Next question:") {
			t.Errorf("%s: the walk did not go on:\n%s", tc.file, out)
		}
	}
	// The same size in the same words as inspect's, in the JSON's finding too.
	if code, _, errOut := runCmd(t, "", "inspect", big); code != exitUsage || !strings.Contains(errOut, tooLarge) {
		t.Errorf("inspect: exit %d, %q; want %q", code, errOut, tooLarge)
	}
	_, out, _ := runCmd(t, "", "troubleshoot", "--symptom", "unknown", "--response", big, "--json")
	var r struct {
		Findings []struct{ ID, Message string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON (%v):\n%s", err, out)
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.ID == "response.decode" && strings.Contains(f.Message, tooLarge)
	}
	if !found {
		t.Errorf("--json: no response.decode finding with %q: %+v", tooLarge, r.Findings)
	}
}
