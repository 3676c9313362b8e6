package setup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
)

// A path is read the way it is typed or pasted (~, quotes, escapes,
// file://) by the real loader, and the output folder's ~ becomes the home
// folder, never a folder named "~" (items 1 and 2).
func TestTypedAndPastedPaths(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Chdir(t.TempDir()) // a wrong write would land here, not in the package
	md := jumpcloudMetadata(t, "jumpcloud-acmecorp")
	dl := filepath.Join(home, "Downloads")
	if err := os.MkdirAll(dl, 0o700); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dl, "My Export.xml")
	if err := os.WriteFile(file, md, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{
		"~/Downloads/My Export.xml",
		"'" + file + "'",
		strings.ReplaceAll(file, " ", `\ `),
		"file://" + strings.ReplaceAll(file, " ", "%20"),
	} {
		t.Run(typed, func(t *testing.T) {
			f := &fakes{metadata: md}
			svc := f.services()
			var asked string
			svc.Load = func(ctx context.Context, source string, o samlsource.LoadOptions) ([]byte, error) {
				asked = source
				return samlsource.Load(ctx, source, o)
			}
			h := toImportWith(t, svc)
			h.Keys("enter")
			h.Send(pasteMsg(typed))
			h.Keys("enter")
			h.WantScreen("The metadata is ready")
			if asked != file || h.w.ans.MetadataSource != file {
				t.Errorf("loaded %q, source %q; want %q", asked, h.w.ans.MetadataSource, file)
			}
		})
	}

	// The output folder ~/jcsso-vome is written under the home folder and
	// the last screen says where.
	f := &fakes{metadata: md}
	svc := f.services()
	svc.WriteSetup, svc.Check = ssoconfig.WriteSetup, metadata.Check
	h := toImportWith(t, svc)
	h.Keys("3")
	h.Send(pasteMsg(string(md)))
	h.Keys("enter", "s", "enter")
	h.WantPosition(9)
	for range len("./jcsso-acmecorp") {
		h.Keys("backspace")
	}
	h.Type("~/jcsso-vome")
	h.Keys("enter")
	want := filepath.Join(home, "jcsso-vome")
	h.WantScreen("Written to " + want)
	if _, err := os.Stat(filepath.Join(want, ssoconfig.ConfigYAML)); err != nil {
		t.Errorf("not written under the home folder: %v", err)
	}
	if _, err := os.Stat("~"); err == nil {
		t.Error("a folder named ~ was created")
	}
}
