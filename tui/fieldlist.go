package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/tui/textwrap"
)

// Field is one line of a copyable field list: a console field and the exact
// value to enter in it.
type Field struct {
	// Label is the console's name for the field.
	Label string
	// Value is what `c` copies; empty means there is nothing to copy.
	Value string
	// Display is shown instead of Value (such as "ticked"); optional.
	Display string
	// Why is one line on why the value matters.
	Why string
	// Warn is a live warning shown with the field (and marked in the list).
	Warn string
}

func (f Field) shown() string {
	if f.Display != "" {
		return f.Display
	}
	return f.Value
}

// FieldList is a selectable list of fields with the selected one's full
// value and reason underneath, so long values never need horizontal room.
type FieldList struct {
	Fields []Field
	Cursor int
}

// Move moves the selection by d, staying within the list.
func (l *FieldList) Move(d int) {
	l.Cursor = min(max(l.Cursor+d, 0), max(len(l.Fields)-1, 0))
}

// Selected returns the selected field.
func (l FieldList) Selected() Field {
	if l.Cursor < 0 || l.Cursor >= len(l.Fields) {
		return Field{}
	}
	return l.Fields[l.Cursor]
}

// ValueWidth is the width of the value column in a list w cells wide: the
// room an editor drawn in place of a value has.
func (l FieldList) ValueWidth(w int) int {
	_, valueW := l.columns(w)
	return valueW
}

func (l FieldList) columns(w int) (labelW, valueW int) {
	for _, f := range l.Fields {
		labelW = max(labelW, ansi.StringWidth(f.Label))
	}
	labelW = min(labelW, w/2-4)
	return labelW, w - labelW - 5
}

// View renders the list in w×h. editor, when not empty, is drawn in place of
// the selected field's value (an open text input).
func (l FieldList) View(ctx *Context, w, h int, editor string) string {
	st := ctx.Styles
	sel := l.Selected()
	detail := l.detail(ctx, sel, w)
	listH := max(h-strings.Count(detail, "\n")-2, 3)
	labelW, valueW := l.columns(w)

	start, end := Window(len(l.Fields), l.Cursor, listH)
	var b strings.Builder
	for i := start; i < end; i++ {
		f := l.Fields[i]
		marker, label := "  ", st.Label.Render(pad(ansi.Truncate(f.Label, labelW, "…"), labelW))
		if i == l.Cursor {
			marker = st.Cursor.Render("› ")
			label = st.SelectedLabel.Render(pad(ansi.Truncate(f.Label, labelW, "…"), labelW))
		}
		value := st.Value.Render(ansi.Truncate(f.shown(), valueW, "…"))
		if i == l.Cursor && editor != "" {
			value = editor
		}
		flag := " "
		if f.Warn != "" {
			flag = st.Warn.Render("!")
		}
		b.WriteString(marker + label + " " + flag + " " + value)
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	return ScrollHints(ctx, b.String(), start, end, len(l.Fields), w) + "\n\n" + detail
}

func (l FieldList) detail(ctx *Context, f Field, w int) string {
	st := ctx.Styles
	inner := w - st.Box.GetHorizontalFrameSize()
	lines := []string{st.Strong.Render(f.Label)}
	if v := f.shown(); v != "" {
		lines = append(lines, st.Value.Render(Wrap(v, inner)))
	}
	if f.Why != "" {
		lines = append(lines, st.Why.Render(Wrap(f.Why, inner)))
	}
	if f.Warn != "" {
		lines = append(lines, st.Warn.Render(Wrap("! "+f.Warn, inner)))
	}
	return st.Box.Width(w).Render(strings.Join(lines, "\n"))
}

// Window returns the [start, end) slice of n rows that keeps cursor visible
// in h rows, scrolling as little as possible.
func Window(n, cursor, h int) (int, int) {
	if h <= 0 || n <= h {
		return 0, n
	}
	start := min(max(cursor-h/2, 0), n-h)
	return start, start + h
}

// ScrollHints marks a windowed list with "↑ more" / "↓ more" at the right
// edge of its first and last lines, so hidden rows are never a surprise.
func ScrollHints(ctx *Context, list string, start, end, n, w int) string {
	if start == 0 && end == n {
		return list
	}
	lines := strings.Split(list, "\n")
	mark := func(i int, hint string) {
		room := w - ansi.StringWidth(hint) - 2
		l := lines[i]
		if ansi.StringWidth(l) > room {
			l = ansi.Truncate(l, room, "…")
		}
		lines[i] = pad(l, room) + "  " + ctx.Styles.Muted.Render(hint)
	}
	if start > 0 {
		mark(0, "↑ more")
	}
	if end < n {
		mark(len(lines)-1, "↓ more")
	}
	return strings.Join(lines, "\n")
}

func pad(s string, w int) string {
	if d := w - ansi.StringWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// Wrap wraps text to w cells at its spaces only, never inside a word (a
// value such as jumpcloud-acmecorp, an id, a flag, a URL), splitting a word
// longer than a line (a path, a fingerprint) instead of letting it run
// past the edge, where Fit would cut it: nothing wrapped is ever lost. It
// is the product's one wrapping rule (tui/textwrap), which the command
// line's reports follow too.
func Wrap(text string, w int) string { return textwrap.Wrap(text, w) }
