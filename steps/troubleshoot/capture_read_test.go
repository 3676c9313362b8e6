package troubleshoot

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// TestUnreadableCaptureWordedAsInspect: a capture the session cannot read
// is said as `jcsso inspect` says it (response.ReadCapture, the one
// reader): "no such file", "is a directory, not a file", never os's "no
// such file or directory" (review items 17, C3).
func TestUnreadableCaptureWordedAsInspect(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.har")
	for path, want := range map[string]string{
		gone: "cannot read " + gone + ": no such file",
		dir:  "cannot read " + dir + ": is a directory, not a file",
	} {
		h := start(t, Options{Profile: builtin(t, "avoma"), ProfileFixed: true, Response: path}, 100, 30)
		h.pickSymptom(t, diagnose.SymptomUnknown)
		h.wantStep(t, keyEvidence)
		if got := h.screenFlat(); !strings.Contains(got, want) || strings.Contains(got, "or directory") {
			t.Errorf("the screen lacks %q:\n%s", want, h.Screen())
		}
	}
}
