package setup

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/jcsso/jcsso/internal/profile"
)

// TestGoldenScreens keeps every screen of every built-in profile at 80×24,
// escapes stripped, under testdata/. Regenerate with -update after a
// deliberate change and read the diff.
func TestGoldenScreens(t *testing.T) {
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			type shot struct{ name, screen string }
			var shots []shot
			f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
			h := walk(t, id, f, func(label, screen string) {
				shots = append(shots, shot{fileName(label), screen})
			})
			h.dump("step 9, written")
			for _, s := range shots {
				t.Run(s.name, func(t *testing.T) {
					lines := strings.Split(s.screen, "\n")
					if len(lines) != 24 {
						t.Errorf("screen has %d lines, want 24", len(lines))
					}
					// The way to every other key (? or, while typing,
					// ctrl+g) and the way out always fit.
					if help := lines[len(lines)-1]; !strings.HasSuffix(help, "? more keys • ctrl+c quit") && !strings.HasSuffix(help, "ctrl+g more keys • ctrl+c quit") {
						t.Errorf("help line %q does not end with the all-keys key and ctrl+c", help)
					}
					golden.RequireEqual(t, s.screen)
				})
			}
		})
	}
}

func fileName(label string) string {
	r := strings.NewReplacer(" ", "-", ",", "")
	return r.Replace(label)
}
