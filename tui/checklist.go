package tui

import "strings"

// CheckItem is one line an admin ticks off.
type CheckItem struct {
	// Key identifies the item in saved answers.
	Key string
	// Text is what to do.
	Text string
	// Done is ticked.
	Done bool
}

// Checklist is a list of items ticked off with space.
type Checklist struct {
	Items  []CheckItem
	Cursor int
}

// Move moves the cursor by d, staying within the list.
func (c *Checklist) Move(d int) {
	c.Cursor = min(max(c.Cursor+d, 0), max(len(c.Items)-1, 0))
}

// Toggle ticks or unticks the item under the cursor.
func (c *Checklist) Toggle() {
	if c.Cursor >= 0 && c.Cursor < len(c.Items) {
		c.Items[c.Cursor].Done = !c.Items[c.Cursor].Done
	}
}

// SetAll ticks (or unticks) every item.
func (c *Checklist) SetAll(done bool) {
	for i := range c.Items {
		c.Items[i].Done = done
	}
}

// Remaining counts the items not ticked yet.
func (c Checklist) Remaining() int {
	n := 0
	for _, it := range c.Items {
		if !it.Done {
			n++
		}
	}
	return n
}

// View renders the list in w×h; long items wrap with a hanging indent.
func (c Checklist) View(ctx *Context, w, h int) string {
	st := ctx.Styles
	var rows []string
	cursorRow := 0
	for i, it := range c.Items {
		box := "[ ]"
		if it.Done {
			box = st.OK.Render("[✓]")
		}
		marker := "  "
		text := st.Text.Render
		if i == c.Cursor {
			marker = st.Cursor.Render("› ")
			text = st.SelectedLabel.Render
			cursorRow = len(rows)
		}
		wrapped := strings.Split(Wrap(it.Text, w-6), "\n")
		for j, line := range wrapped {
			if j == 0 {
				rows = append(rows, marker+box+" "+text(line))
			} else {
				rows = append(rows, "      "+text(line))
			}
		}
	}
	start, end := Window(len(rows), cursorRow, h)
	return ScrollHints(ctx, strings.Join(rows[start:end], "\n"), start, end, len(rows), w)
}
