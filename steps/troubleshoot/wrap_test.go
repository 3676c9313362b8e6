package troubleshoot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapKeepsFingerprintsReadable: a fingerprint too long for the line
// breaks only between pairs, SHA-256 never at its hyphen, URLs and other
// colons as tui.Wrap leaves them; nothing is lost.
func TestWrapKeepsFingerprintsReadable(t *testing.T) {
	fp := "55:F3:56:E5:62:F2:8D:4A:38:5A:2B:31:44:CF:21:E0:91:EC:F9:6A:47:EA:70:18:31:9B:66:BD:C8:24:2B:0D"
	text := "Avoma still trusts the old certificate (SHA-256 " + fp + "); see https://sso.jumpcloud.com/saml2/avoma: now"
	out := wrap(text, 40)
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line over 40 cells: %q", l)
		}
		if strings.HasSuffix(l, "SHA-") || strings.HasPrefix(l, "256") {
			t.Errorf("SHA-256 broken: %q", l)
		}
		for _, f := range strings.Fields(l) {
			if strings.Count(f, ":") > 2 && !strings.HasPrefix(f, "https") {
				for _, pair := range strings.Split(strings.Trim(f, ":);"), ":") {
					if len(pair) != 2 {
						t.Errorf("a pair broken: %q", l)
					}
				}
			}
		}
	}
	rejoined := regexp.MustCompile(`:\n([0-9A-F]{2})`).ReplaceAllString(out, ":$1")
	if strings.Join(strings.Fields(rejoined), " ") != text {
		t.Errorf("text changed:\n%s", out)
	}
	if !strings.Contains(out, "https://sso.jumpcloud.com/saml2/avoma:") {
		t.Errorf("the URL was broken:\n%s", out)
	}
}
