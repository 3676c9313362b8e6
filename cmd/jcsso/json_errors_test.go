package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
)

// TestJSONErrors: with --json every outcome is one JSON object on stdout,
// errors too ({"ok": false, "error": {"kind", "message"}}), nothing on
// stderr, and the exit status is the same as without --json.
func TestJSONErrors(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	resp := filepath.Join(dir, "response.b64")
	bigXML := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(bigXML, []byte("<a>"+strings.Repeat("x", samlsource.MaxInputBytes)+"</a>"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A loopback port that was open a moment ago: the fetch is refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/metadata.xml"
	ln.Close()

	for _, tc := range []struct {
		name, kind, say string
		args            []string
	}{
		{"check: missing file", "input", "no such file", []string{"check", filepath.Join(dir, "nope.xml"), "--json"}},
		{"check: bad --now", "usage", "RFC3339", []string{"check", "--json", resp, "--now", "yesterday"}},
		{"check: unknown flag after --json", "usage", "unknown flag: --bogus", []string{"check", "--json", resp, "--bogus"}},
		{"check: unknown flag before --json", "usage", "unknown flag: --bogus", []string{"check", resp, "--bogus", "--json"}},
		{"check: bad flag value", "usage", "--warn-days", []string{"check", resp, "--warn-days", "many", "--json"}},
		{"check: two sources", "usage", "run it once for each", []string{"check", resp, resp, "--json"}},
		{"check: fetch refused", "fetch", "cannot read " + closed, []string{"check", closed, "--json", "--timeout", "5s"}},
		{"check: over the cap", "too-large", "too large", []string{"check", bigXML, "--json"}},
		{"inspect: missing file", "input", "cannot read", []string{"inspect", filepath.Join(dir, "nope.txt"), "--json"}},
		{"inspect: no argument", "usage", "needs RESPONSE", []string{"inspect", "--json"}},
		{"inspect: bad --skew", "usage", "--skew", []string{"inspect", resp, "--skew", "-1m", "--json"}},
		{"inspect: bad --require-signing", "usage", "either", []string{"inspect", resp, "--json", "--require-signing", "all"}},
		{"inspect: metadata fetch refused", "fetch", "cannot read --metadata", []string{"inspect", resp, "--metadata", closed, "--json"}},
		{"inspect: over the cap", "too-large", "too large", []string{"inspect", bigXML, "--json"}},
		{"mistyped command", "usage", "did you mean check?", []string{"chek", resp, "--json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tc.args...)
			var got jsonErrorLine
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%q", err, out)
			}
			if code != 2 || got.OK == nil || *got.OK || got.Error.Kind != tc.kind || !strings.Contains(got.Error.Message, tc.say) || errOut != "" {
				t.Errorf("exit %d, %s, stderr %q; want exit 2, kind %s, a message saying %q", code, out, errOut, tc.kind, tc.say)
			}
			// Without --json: the same exit status, one line on stderr.
			var plain []string
			for _, a := range tc.args {
				if a != "--json" {
					plain = append(plain, a)
				}
			}
			if code2, out2, errOut2 := runCmd(t, "", plain...); code2 != code || out2 != "" || !strings.Contains(errOut2, tc.say) {
				t.Errorf("without --json: exit %d, stdout %q, stderr %q", code2, out2, errOut2)
			}
		})
	}
}

// TestOversizedInputExitsTwoInBoth: a document over the 5 MiB cap is
// refused the same way by check and inspect, whatever its form, a binary
// file too (review item 22: inspect called a 6 MB binary file "binary",
// exit 1, where check said too large, exit 2), the limit in the same words.
func TestOversizedInputExitsTwoInBoth(t *testing.T) {
	dir := t.TempDir()
	big := []byte("<samlp:Response>" + strings.Repeat("x", samlsource.MaxInputBytes) + "</samlp:Response>")
	noise := make([]byte, 6_000_000) // bytes no text holds, and no NUL to sniff
	for i := range noise {
		noise[i] = byte(0x80 + i%0x7f)
	}
	files := map[string][]byte{
		"big.xml":   big,
		"big.b64":   samltest.PostForm(big),
		"zeros.bin": make([]byte, 6_000_000),
		"noise.bin": noise,
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"check", "inspect"} {
			code, out, errOut := runCmd(t, "", cmd, path)
			if code != 2 || !strings.Contains(errOut, "cannot read "+path+": too large: ") || !strings.Contains(errOut, "over the 5 MiB limit") {
				t.Errorf("%s %s: exit %d, want 2 and too large, over the 5 MiB limit\n%s%s", cmd, name, code, out, errOut)
			}
			if strings.Contains(errOut, "-byte") {
				t.Errorf("%s %s: the limit in bytes: %s", cmd, name, errOut)
			}
		}
	}
}

// TestInspectJSONCarriesSource: the JSON report names its input, as
// check's does.
func TestInspectJSONCarriesSource(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	resp := filepath.Join(dir, "response.b64")
	_, out, _ := runCmd(t, "", "inspect", resp, "--cert", filepath.Join(dir, "idp.pem"), "--now", inspectNow, "--json")
	var r struct {
		Source string `json:"source"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Source != resp {
		t.Errorf("source %q (%v)", r.Source, err)
	}
}

// TestJSONErrorsOneShape: every command that takes --json, the JSON-lines
// ones included (idp, doctor, test-login, demo), reports an error as the
// same object, {"ok":false,"error":{"kind","message"}}, on one line, with
// <, > and & left readable (item 8, C5).
func TestJSONErrorsOneShape(t *testing.T) {
	for _, args := range [][]string{
		{"idp", "--json", "--profile", "avoma", "--addr", "0.0.0.0:0"},
		{"idp", "--json", "--bogus"},
		{"doctor", "--json", "--bogus"},
		{"test-login", "--json", "--bogus"},
		{"demo", "--json", "--bogus"},
		{"check", "--json", "--bogus"},
		{"troubleshoot", "--json", "--symptom", "<&>"},
	} {
		code, out, errOut := runCmd(t, "", args...)
		var got jsonError
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.OK || got.Error.Kind == "" || got.Error.Message == "" {
			t.Errorf("%v: stdout %q is not the error object (%v)", args, out, err)
		}
		if code != exitUsage || errOut != "" || strings.Count(out, "\n") != 1 || strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2, one readable line on stdout only", args, code, errOut, out)
		}
	}
}

// A command without a --json of its own answers a line that asks for JSON
// in JSON, as every other command does (second review, item 9).
func TestJSONAskedOfACommandWithoutIt(t *testing.T) {
	for _, args := range [][]string{{"profiles", "show", "avoma", "--json"}, {"setup", "--yes", "--json"}, {"profiles", "--json"}} {
		code, out, errOut := runCmd(t, "", args...)
		var got jsonErrorLine
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != 2 || got.OK == nil || *got.OK || got.Error.Kind != "usage" || !strings.Contains(got.Error.Message, "unknown flag: --json") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and a JSON usage error", args, code, out, errOut)
		}
	}
}

// jsonErrorLine is the one shape of every --json error.
type jsonErrorLine struct {
	OK    *bool `json:"ok"`
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}
