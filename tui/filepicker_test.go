package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// The picker lists the wanted files newest first (a fresh export is the
// newest), with their size and date, then folders with no size, then
// other files, which cannot be picked (item 22).
func TestFilePickerNewestXMLFirst(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	files := map[string]time.Duration{
		"JumpCloud-a-metadata.xml": -72 * time.Hour,
		"JumpCloud-b-metadata.xml": -time.Minute,
		"Z-older.xml":              -24 * 400 * time.Hour,
		"notes.txt":                0,
		".hidden.xml":              0,
	}
	for name, age := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", 4100)), 0o600); err != nil {
			t.Fatal(err)
		}
		at := now.Add(age)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "Archive"), 0o700); err != nil {
		t.Fatal(err)
	}
	p := &FilePicker{Allowed: []string{".xml"}}
	msg := p.Open(dir)().(DirMsg)
	if !p.Loaded(msg) {
		t.Fatal("listing dropped")
	}
	var names []string
	for _, e := range p.Entries {
		names = append(names, e.Name)
	}
	want := []string{"JumpCloud-b-metadata.xml", "JumpCloud-a-metadata.xml", "Z-older.xml", "Archive", "notes.txt"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("order %v, want %v", names, want)
	}
	ctx := &Context{Styles: NewStyles(true)}
	view := ansi.Strip(p.View(ctx, 78, 10))
	lines := strings.Split(view, "\n")
	if !strings.Contains(lines[0], "4.1 kB") || !strings.Contains(lines[0], "today ") {
		t.Errorf("newest file line %q lacks its size and date", lines[0])
	}
	if !strings.Contains(lines[2], now.Add(-24*400*time.Hour).Format("2 Jan 2006")) {
		t.Errorf("an old file shows its year: %q", lines[2])
	}
	if arch := lines[3]; !strings.Contains(arch, "Archive/") || strings.Contains(arch, "kB") || strings.Contains(arch, " B ") {
		t.Errorf("a folder shows a size: %q", arch)
	}
	p.Cursor = 4
	if path, refused, _ := p.Choose(); path != "" || !strings.Contains(refused, "notes.txt is not a .xml file") {
		t.Errorf("picked a .txt: %q %q", path, refused)
	}
	p.Cursor = 0
	if path, _, _ := p.Choose(); path != filepath.Join(dir, "JumpCloud-b-metadata.xml") {
		t.Errorf("picked %q", path)
	}
	p.Cursor = 3
	if _, _, cmd := p.Choose(); cmd == nil {
		t.Error("a folder does not open")
	} else if m := cmd().(DirMsg); !p.Loaded(m) || p.Dir != filepath.Join(dir, "Archive") || len(p.Entries) != 0 {
		t.Errorf("opened %q with %d entries", p.Dir, len(p.Entries))
	}
	if !p.CanGoUp() {
		t.Error("no way up")
	}
	// A listing that arrives after another was asked for is dropped.
	stale := p.Open(dir)
	_ = p.Open(filepath.Join(dir, "Archive"))
	if p.Loaded(stale().(DirMsg)) {
		t.Error("a stale listing was taken")
	}
}
