package ssoconfig

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestWriteReadRoundTrip(t *testing.T) {
	for _, format := range []string{"yaml", "json"} {
		t.Run(format, func(t *testing.T) {
			b := build(t, "vome", vomeAnswers())
			dir := filepath.Join(t.TempDir(), "jcsso-acmecorp")
			res, err := WriteBundle(context.Background(), dir, b, WriteOptions{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			paths := res.Paths
			cfgName := ConfigYAML
			if format == "json" {
				cfgName = ConfigJSON
			}
			want := []string{cfgName, MetadataFile, SigningPEM, NextStepsMD}
			for i, p := range paths {
				if filepath.Base(p) != want[i] || filepath.Dir(p) != dir {
					t.Errorf("path %d = %s, want %s in %s", i, p, want[i], dir)
				}
			}
			assertFolder(t, dir, want)

			c, err := Read(paths[0])
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(c, b.Config) {
				t.Errorf("read back differs:\n got %+v\nwant %+v", c, b.Config)
			}
			md, err := os.ReadFile(c.MetadataPath(paths[0]))
			if err != nil || !bytes.Equal(md, b.Metadata) {
				t.Errorf("metadata via MetadataPath differs from the validated bytes (%v)", err)
			}
			certs, err := c.TrustedCerts()
			if err != nil || len(certs) != 1 {
				t.Fatalf("TrustedCerts = %d, %v", len(certs), err)
			}
			if got := readFile(t, filepath.Join(dir, NextStepsMD)); !strings.Contains(got, "--config "+cfgName) {
				t.Errorf("NEXT-STEPS does not name %s", cfgName)
			}
		})
	}
}

// assertFolder checks the folder holds exactly the files, 0600, in a 0700 folder.
func assertFolder(t *testing.T, dir string, files []string) {
	t.Helper()
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %o, want 700", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %o, want 600", e.Name(), info.Mode().Perm())
		}
	}
	sorted := slices.Sorted(slices.Values(files))
	if !slices.Equal(names, sorted) {
		t.Errorf("folder holds %v, want %v", names, sorted)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWriteExistingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	first := build(t, "vome", vomeAnswers())
	if _, err := WriteBundle(context.Background(), dir, first, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	oldCfg := readFile(t, filepath.Join(dir, ConfigYAML))

	a := vomeAnswers()
	a.ExcludedAdmins = []string{"someone-else@acme.test"}
	second := build(t, "vome", a)
	if _, err := WriteBundle(context.Background(), dir, second, WriteOptions{}); !errors.Is(err, ErrFolderExists) {
		t.Fatalf("second write without Force = %v, want ErrFolderExists", err)
	}
	if readFile(t, filepath.Join(dir, ConfigYAML)) != oldCfg {
		t.Fatal("the refused write changed the configuration")
	}

	if _, err := WriteBundle(context.Background(), dir, second, WriteOptions{Force: true}); err != nil {
		t.Fatalf("write with Force: %v", err)
	}
	if got := readFile(t, filepath.Join(dir, ConfigYAML+".bak")); got != oldCfg {
		t.Error("sso-config.yaml.bak is not the replaced configuration")
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, ConfigYAML)), "someone-else@acme.test") {
		t.Error("the new configuration was not written")
	}
	all := []string{ConfigYAML, MetadataFile, SigningPEM, NextStepsMD}
	withBak := slices.Clone(all)
	for _, f := range all {
		withBak = append(withBak, f+".bak")
	}
	assertFolder(t, dir, withBak)

	// Switching format leaves one configuration, the old one kept as .bak.
	if _, err := WriteBundle(context.Background(), dir, second, WriteOptions{Force: true, Format: "json"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigYAML)); !errors.Is(err, os.ErrNotExist) {
		t.Error("sso-config.yaml is still there beside sso-config.json")
	}
}

func TestWriteIntoEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteBundle(context.Background(), dir, build(t, "avoma", avomaAnswers()), WriteOptions{}); err != nil {
		t.Fatalf("write into an empty folder: %v", err)
	}
	assertFolder(t, dir, []string{ConfigYAML, MetadataFile, SigningPEM, NextStepsMD})
}

// A failure while writing never leaves a partial or temp file, and never
// changes the files already there.
func TestWriteFailureLeavesNoPartialFile(t *testing.T) {
	injected := errors.New("disk full (injected)")
	failingWrite := func(after int) ops {
		o := osOps()
		n := 0
		o.write = func(f *os.File, data []byte) error {
			n++
			if n > after {
				f.Write(data[:len(data)/2]) // a partial write, then the failure
				return injected
			}
			_, err := f.Write(data)
			return err
		}
		return o
	}
	ctx := context.Background()

	t.Run("new folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		_, err := writeBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{}, failingWrite(2))
		if !errors.Is(err, injected) {
			t.Fatalf("err = %v, want the injected failure", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the folder was left behind: %v", err)
		}
		assertNoSiblings(t, dir)
	})

	t.Run("existing folder with Force", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := WriteBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		for _, after := range []int{0, 3, 5} { // while writing new files, or their .bak copies
			_, err := writeBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true}, failingWrite(after))
			if !errors.Is(err, injected) {
				t.Fatalf("after %d writes: err = %v, want the injected failure", after, err)
			}
			if got := snapshot(t, dir); !reflect.DeepEqual(got, before) {
				t.Errorf("after %d writes: the folder changed", after)
			}
			assertNoSiblings(t, dir)
		}
	})

	t.Run("swap fails", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := WriteBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		for _, noExchange := range []bool{false, true} {
			o := osOps()
			o.exchange = func(a, b string) error { return injected }
			if noExchange {
				// Two renames; the second fails, and the first is undone.
				o.exchange = func(a, b string) error { return errNoExchange }
				n := 0
				o.rename = func(from, to string) error {
					if n++; n == 2 {
						return injected
					}
					return renameDir(from, to)
				}
			}
			if _, err := writeBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true}, o); !errors.Is(err, injected) {
				t.Fatalf("no exchange %t: err = %v, want the injected failure", noExchange, err)
			}
			if got := snapshot(t, dir); !reflect.DeepEqual(got, before) {
				t.Errorf("no exchange %t: the folder changed", noExchange)
			}
			assertNoSiblings(t, dir)
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := WriteBundle(cctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a cancelled write made the folder: %v", err)
		}
		assertNoSiblings(t, dir)
	})
}

// assertNoSiblings checks that nothing but the folder (if any) is left
// beside it: no temp folder, no old folder, no lock file.
func assertNoSiblings(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			t.Errorf("%s left beside the folder", e.Name())
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		out[e.Name()] = readFile(t, filepath.Join(dir, e.Name()))
	}
	return out
}

func TestWriteRefusesAFileAsFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "file")
	os.WriteFile(path, []byte("x"), 0o600)
	if _, err := WriteBundle(context.Background(), path, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("err = %v, want not a folder", err)
	}
}

// --force into a folder that holds things jcsso did not write (the
// working or home folder, say) is refused, naming them, and changes
// nothing: the folder is replaced as a whole, which would lose them.
func TestForceRefusesAFolderWithOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	_, err := WriteBundle(context.Background(), dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true})
	if !errors.Is(err, ErrForeignFiles) || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("err = %v, want ErrForeignFiles naming notes.txt", err)
	}
	if got := snapshot(t, dir); !reflect.DeepEqual(got, before) {
		t.Error("the refused write changed the folder")
	}
}

// With --format json the next steps are planned for sso-config.json, not
// edited after rendering (review item C7): the file written is the
// document as data (Written.Bundle.Next) rendered, it names the
// configuration beside it, and a value the admin typed stays as typed
// even when it holds the other file's name.
func TestJSONNextStepsArePlannedNotPatched(t *testing.T) {
	a := vomeAnswers()
	a.Org = "sso-config.yaml"
	a.OutDir = filepath.Join(t.TempDir(), "out")
	b := build(t, "vome", a)
	rep, md := report(t, a.IdPEntityID)
	wr, err := WriteSetup(context.Background(), mustProfile(t, "vome"), a, md, rep, testNow, WriteOptions{Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, filepath.Join(wr.Dir, NextStepsMD))
	if next := wr.Bundle.Next; next == nil || next.ConfigFile != ConfigJSON || got != string(next.Markdown()) || got != string(wr.Bundle.NextSteps) {
		t.Errorf("NEXT-STEPS.md is not Written.Bundle.Next, planned for %s, rendered", ConfigJSON)
	}
	if !strings.Contains(got, "--config "+ConfigJSON) || strings.Contains(got, "--config "+ConfigYAML) {
		t.Errorf("NEXT-STEPS.md does not name %s:\n%s", ConfigJSON, got)
	}
	if !strings.Contains(got, "for **sso-config.yaml**") {
		t.Errorf("the organisation's name was rewritten:\n%s", got)
	}
	if b.Next.ConfigFile != ConfigYAML || !strings.Contains(string(b.NextSteps), "--config "+ConfigYAML) {
		t.Error("the bundle built is changed by writing it as json")
	}
}
