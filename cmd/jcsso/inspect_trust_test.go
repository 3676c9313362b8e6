package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// inspect --metadata says, on stderr, when the metadata gives less to trust
// than it lists: past the engine's bound, or nothing usable at all. The
// report still follows (the signature is then not verified).
func TestInspectTrustNotes(t *testing.T) {
	dir := inspectFixtures(t, 0, samltest.ResponseOptions{})
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	bad := "not*base64"
	for _, tc := range []struct {
		name string
		doc  []byte
		note string
	}{
		{"over the bound", samltest.CertBombMetadata(t, kp, samltest.DecoyCerts(t, 40, nil), false), "lists 41 signing certificates; only the first 16 are trusted"},
		{"nothing usable", samltest.Metadata(kp, samltest.MetadataOptions{CertBase64: &bad}), "gave no usable signing certificate; run `jcsso check"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := filepath.Join(t.TempDir(), "metadata.xml")
			if err := os.WriteFile(md, tc.doc, 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCmd(t, "", "inspect", filepath.Join(dir, "response.b64"), "--metadata", md, "--now", inspectNow)
			if !strings.Contains(errOut, "note: --metadata "+md+" ") || !strings.Contains(errOut, tc.note) {
				t.Errorf("stderr %q lacks the note %q", errOut, tc.note)
			}
			if code == 0 || !strings.Contains(out, "signature.invalid") {
				t.Errorf("exit %d; the report should follow and refuse the response:\n%s", code, out)
			}
		})
	}
}
