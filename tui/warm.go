package tui

import "github.com/charmbracelet/x/ansi"

// WarmUp builds, in the background, the cell-width table the terminal
// renderer needs for the first frame. Until a terminal says it measures
// grapheme clusters, Bubble Tea's renderer counts cells with wcwidth, and
// go-runewidth fills its 2 MB table on the first rune past U+02FF (the
// progress bar's █): about 9 ms, spent inside the first frame's flush.
// Started as the program starts, it overlaps with building the model and
// setting up the terminal instead; the table is built once, behind a
// sync.Once, so the renderer simply waits for whatever is left.
func WarmUp() {
	go ansi.StringWidthWc("█")
}

// FPS is the renderer's frame rate. Bubble Tea writes a frame only on its
// ticker, so the first frame waits one tick after the program starts:
// 17 ms at the default 60, 8 ms at 120. A tick with nothing new costs
// one comparison of the last frame's text.
const FPS = 120
