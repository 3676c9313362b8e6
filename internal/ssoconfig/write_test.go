package ssoconfig

import (
	"bytes"
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
			paths, err := WriteBundle(dir, b, WriteOptions{Format: format})
			if err != nil {
				t.Fatal(err)
			}
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
	if _, err := WriteBundle(dir, first, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	oldCfg := readFile(t, filepath.Join(dir, ConfigYAML))

	a := vomeAnswers()
	a.ExcludedAdmins = []string{"someone-else@acme.test"}
	second := build(t, "vome", a)
	if _, err := WriteBundle(dir, second, WriteOptions{}); !errors.Is(err, ErrFolderExists) {
		t.Fatalf("second write without Force = %v, want ErrFolderExists", err)
	}
	if readFile(t, filepath.Join(dir, ConfigYAML)) != oldCfg {
		t.Fatal("the refused write changed the configuration")
	}

	if _, err := WriteBundle(dir, second, WriteOptions{Force: true}); err != nil {
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
	if _, err := WriteBundle(dir, second, WriteOptions{Force: true, Format: "json"}); err != nil {
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
	if _, err := WriteBundle(dir, build(t, "avoma", avomaAnswers()), WriteOptions{}); err != nil {
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

	t.Run("new folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		_, err := writeBundle(dir, build(t, "avoma", avomaAnswers()), WriteOptions{}, failingWrite(2))
		if !errors.Is(err, injected) {
			t.Fatalf("err = %v, want the injected failure", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the folder was left behind: %v", err)
		}
	})

	t.Run("existing folder with Force", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := WriteBundle(dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		for _, after := range []int{0, 3, 5} { // while writing new files, or their .bak copies
			_, err := writeBundle(dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true}, failingWrite(after))
			if !errors.Is(err, injected) {
				t.Fatalf("after %d writes: err = %v, want the injected failure", after, err)
			}
			got := snapshot(t, dir)
			for name, data := range before {
				if got[name] != data {
					t.Errorf("after %d writes: %s changed", after, name)
				}
			}
			for name := range got {
				if strings.Contains(name, ".tmp-") {
					t.Errorf("after %d writes: temp file %s left behind", after, name)
				}
			}
		}
	})

	t.Run("rename fails midway", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := WriteBundle(dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		next := build(t, "avoma", avomaAnswers())
		o := osOps()
		n := 0
		o.rename = func(from, to string) error {
			if !strings.HasSuffix(to, ".bak") {
				n++
				if n == 2 {
					return injected
				}
			}
			return os.Rename(from, to)
		}
		if _, err := writeBundle(dir, next, WriteOptions{Force: true}, o); !errors.Is(err, injected) {
			t.Fatalf("err = %v, want the injected failure", err)
		}
		got := snapshot(t, dir)
		nextFiles, _, _ := bundleFiles(next, "yaml")
		for _, f := range nextFiles {
			if got[f.name] != before[f.name] && got[f.name] != string(f.data) {
				t.Errorf("%s is neither the old nor the new file", f.name)
			}
			if got[f.name+".bak"] != before[f.name] {
				t.Errorf("%s.bak is not the old file", f.name)
			}
		}
		for name := range got {
			if strings.Contains(name, ".tmp-") {
				t.Errorf("temp file %s left behind", name)
			}
		}
	})
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
	if _, err := WriteBundle(path, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("err = %v, want not a folder", err)
	}
}

// --force into a folder that holds other things (the working or home
// folder, say) writes the files 0600 but leaves the folder's mode alone, so
// it cannot lock its owner's other programs out of it.
func TestForceIntoBusyFolderKeepsItsMode(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteBundle(dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("folder mode %v, want it left at 0755", fi.Mode().Perm())
	}
	fi, err = os.Stat(filepath.Join(dir, ConfigYAML))
	if err != nil || fi.Mode().Perm() != FileMode {
		t.Errorf("config mode %v (err %v), want %v", fi.Mode().Perm(), err, FileMode)
	}
}
