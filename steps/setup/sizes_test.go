package setup

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/internal/profile"
)

// Every screen of every profile is laid out at 80×20 and 100×20, and at
// 79×24 (a column under the full layout) with a line saying what was cut
// (item 21): as many lines as the terminal, none wider, the header and the
// key that lists all keys on screen, the field being typed in visible.
func TestEveryScreenLaysOutDownTo80x20(t *testing.T) {
	sizes := [][2]int{{80, 20}, {100, 20}, {79, 24}, {120, 40}}
	for _, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
			walkWith(t, id, f, nil, func(h *harness, label string) {
				for _, sz := range sizes {
					h.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
					checkLayout(t, label, h.Screen(), sz[0], sz[1], h.w, h.M.Active())
				}
				h.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
			})
		})
	}
}

// checkLayout fails unless screen is laid out in w×h as promised.
func checkLayout(t *testing.T, label, screen string, w, h int, wz *wizard, active string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines", label, w, h, len(lines))
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("%s at %dx%d: a line of %d columns: %q", label, w, h, ansi.StringWidth(l), l)
		}
	}
	if !strings.Contains(lines[0], "Step ") {
		t.Errorf("%s at %dx%d: no header: %q", label, w, h, lines[0])
	}
	last := lines[len(lines)-1]
	if !strings.Contains(last, "more keys") || !strings.Contains(last, "ctrl+c quit") {
		t.Errorf("%s at %dx%d: help line %q", label, w, h, last)
	}
	small := w < 80 || h < 20
	if notice := strings.Contains(screen, " is under 80×20"); notice != small {
		t.Errorf("%s at %dx%d: notice shown %v\n%s", label, w, h, notice, screen)
	}
	for _, s := range wz.steps {
		if s.Key() == active && s.Typing() && !strings.Contains(screen, "› ") {
			t.Errorf("%s at %dx%d: the field being typed in is not on the screen\n%s", label, w, h, screen)
		}
	}
	if strings.Contains(screen, " lines cut at the bottom") && w >= 80 {
		t.Errorf("%s at %dx%d: lines cut\n%s", label, w, h, screen)
	}
}
