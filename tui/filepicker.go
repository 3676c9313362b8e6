package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// FileEntry is one line of a FilePicker: a file or a folder.
type FileEntry struct {
	Name    string
	Dir     bool
	Size    int64
	ModTime time.Time
}

// FilePicker lists one folder for picking a file: the files it wants
// (Allowed extensions) newest first, since the file a browser has just
// saved is the one wanted; then the folders by name; then the other files,
// shown but not pickable, so a folder never looks empty when it is not.
// Each file has its size and modification date, folders a slash and no
// size. The folder is read by a command (ReadDir), never in Update.
type FilePicker struct {
	Dir     string
	Allowed []string
	Entries []FileEntry
	Cursor  int
	// Err is why the folder could not be read.
	Err error
	// read is when the folder was read, the clock dates are shown against.
	read time.Time
	seq  int
}

// DirMsg is a folder's listing, for the picker that asked (Seq).
type DirMsg struct {
	Seq     int
	Dir     string
	Entries []FileEntry
	Err     error
	Read    time.Time
}

// Open starts reading dir.
func (p *FilePicker) Open(dir string) tea.Cmd {
	p.seq++
	seq := p.seq
	return func() tea.Msg {
		entries, err := ReadDir(dir)
		return DirMsg{Seq: seq, Dir: dir, Entries: entries, Err: err, Read: time.Now()}
	}
}

// ReadDir lists dir without its hidden entries.
func ReadDir(dir string) ([]FileEntry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := make([]FileEntry, 0, len(des))
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".") {
			continue
		}
		e := FileEntry{Name: de.Name(), Dir: de.IsDir()}
		if fi, err := de.Info(); err == nil {
			e.ModTime = fi.ModTime()
			if fi.Mode()&os.ModeSymlink != 0 {
				if st, err := os.Stat(filepath.Join(dir, de.Name())); err == nil {
					fi = st
					e.Dir = st.IsDir()
				}
			}
			if !e.Dir {
				e.Size = fi.Size()
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// Loaded takes a listing; it reports false for a stale one.
func (p *FilePicker) Loaded(m DirMsg) bool {
	if m.Seq != p.seq {
		return false
	}
	p.Dir, p.Err, p.read, p.Cursor = m.Dir, m.Err, m.Read, 0
	p.Entries = slices.Clone(m.Entries)
	slices.SortStableFunc(p.Entries, func(a, b FileEntry) int {
		ra, rb := p.rank(a), p.rank(b)
		switch {
		case ra != rb:
			return ra - rb
		case ra == 0 && !a.ModTime.Equal(b.ModTime):
			return b.ModTime.Compare(a.ModTime) // newest first
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return true
}

// rank orders wanted files, then folders, then the rest.
func (p *FilePicker) rank(e FileEntry) int {
	switch {
	case e.Dir:
		return 1
	case p.Pickable(e):
		return 0
	}
	return 2
}

// Pickable reports a file of an allowed extension.
func (p *FilePicker) Pickable(e FileEntry) bool {
	if e.Dir {
		return false
	}
	if len(p.Allowed) == 0 {
		return true
	}
	ext := strings.ToLower(filepath.Ext(e.Name))
	return slices.Contains(p.Allowed, ext)
}

// Selected is the entry under the cursor.
func (p *FilePicker) Selected() (FileEntry, bool) {
	if p.Cursor < 0 || p.Cursor >= len(p.Entries) {
		return FileEntry{}, false
	}
	return p.Entries[p.Cursor], true
}

// CanGoUp reports a parent folder to go to.
func (p *FilePicker) CanGoUp() bool {
	return p.Dir != "" && filepath.Dir(p.Dir) != p.Dir
}

// Move moves the cursor by d.
func (p *FilePicker) Move(d int) {
	p.Cursor = min(max(p.Cursor+d, 0), max(len(p.Entries)-1, 0))
}

// Choose acts on the entry under the cursor: a folder is opened (cmd), a
// pickable file is returned as path; another file says why it cannot be
// picked (refused).
func (p *FilePicker) Choose() (path string, refused string, cmd tea.Cmd) {
	e, ok := p.Selected()
	switch {
	case !ok:
		return "", "", nil
	case e.Dir:
		return "", "", p.Open(filepath.Join(p.Dir, e.Name))
	case !p.Pickable(e):
		return "", e.Name + " is not a " + strings.Join(p.Allowed, " or ") + " file", nil
	}
	return filepath.Join(p.Dir, e.Name), "", nil
}

// Up opens the parent folder.
func (p *FilePicker) Up() tea.Cmd {
	if !p.CanGoUp() {
		return nil
	}
	return p.Open(filepath.Dir(p.Dir))
}

// UpKey is the key that opens the parent folder.
var UpKey = key.NewBinding(key.WithKeys("left", "backspace", "h"), key.WithHelp("←", "up a folder"))

// View renders the listing in w×h.
func (p *FilePicker) View(ctx *Context, w, h int) string {
	st := ctx.Styles
	if p.Err != nil {
		return st.Fail.Render(Wrap("✗ cannot list "+p.Dir+": "+p.Err.Error(), w))
	}
	if p.Dir == "" {
		return st.Muted.Render("Reading the folder…")
	}
	if len(p.Entries) == 0 {
		return st.Muted.Render("This folder is empty. ← goes up a folder.")
	}
	const sizeW, dateW = 8, 12
	nameW := max(w-2-sizeW-2-dateW-1, 8)
	start, end := Window(len(p.Entries), p.Cursor, h)
	rows := make([]string, 0, end-start)
	for i := start; i < end; i++ {
		e := p.Entries[i]
		name, size := e.Name, humanSize(e.Size)
		if e.Dir {
			name, size = name+"/", ""
		}
		style := st.Text
		switch {
		case e.Dir:
			style = st.Strong
		case !p.Pickable(e):
			style = st.Muted
		}
		marker := "  "
		if i == p.Cursor {
			marker = st.Cursor.Render("› ")
			if p.Pickable(e) || e.Dir {
				style = st.SelectedLabel
			}
		}
		cell := pad(ansi.Truncate(name, nameW, "…"), nameW)
		rows = append(rows, marker+style.Render(cell)+" "+st.Muted.Render(fmt.Sprintf("%*s  %-*s", sizeW, size, dateW, p.date(e.ModTime))))
	}
	return ScrollHints(ctx, strings.Join(rows, "\n"), start, end, len(p.Entries), w)
}

// date is a modification time in words a person scans: the time today,
// the day and time this year, else the date.
func (p *FilePicker) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	now := p.read
	t = t.In(now.Location())
	switch {
	case sameDay(t, now):
		return "today " + t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("2 Jan 15:04")
	}
	return t.Format("2 Jan 2006")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// humanSize is a size in bytes as kB, MB (powers of 1000, as file managers show).
func humanSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
