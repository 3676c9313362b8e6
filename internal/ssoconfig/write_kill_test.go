package ssoconfig

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// killWriter is the child side of TestWriteKilledAtEveryStep: it writes
// the bundle saved in JCSSO_KILL_BUNDLE into JCSSO_KILL_DIR and SIGKILLs
// itself at the JCSSO_KILL_AT-th point of the write (every step, and the
// middle of every file written), as a closed terminal or the OOM killer
// would, with nothing to clean up after it.
func killWriter(t *testing.T) {
	at, _ := strconv.Atoi(os.Getenv("JCSSO_KILL_AT"))
	b := bundleFromFolder(t, os.Getenv("JCSSO_KILL_BUNDLE"))
	o := killOps(func() bool { at--; return at < 0 }, os.Getenv("JCSSO_KILL_RENAMES") == "1")
	if _, err := writeBundle(context.Background(), os.Getenv("JCSSO_KILL_DIR"), b, WriteOptions{Force: true}, o); err != nil {
		fmt.Println("child:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// killOps are the real steps with a kill point after each step and in the
// middle of each file: kill is asked at each point whether to die there.
// With renames the folders are swapped with two renames.
func killOps(kill func() bool, renames bool) ops {
	o := osOps()
	point := func() {
		if kill() {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal arrives
		}
	}
	o.step = func(string) { point() }
	o.write = func(f *os.File, data []byte) error {
		if _, err := f.Write(data[:len(data)/2]); err != nil {
			return err
		}
		point()
		_, err := f.Write(data[len(data)/2:])
		return err
	}
	if renames {
		o.exchange = func(a, b string) error { return errNoExchange }
	}
	return o
}

// bundleFromFolder reads a written folder back into the bundle that wrote it.
func bundleFromFolder(t *testing.T, dir string) *Bundle {
	t.Helper()
	cfg, err := Read(filepath.Join(dir, ConfigYAML))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	return &Bundle{Config: cfg, Metadata: read(MetadataFile), SigningPEM: read(SigningPEM), NextSteps: read(NextStepsMD)}
}

// The folder is all old or all new whatever moment the writer dies at:
// a child process writes it and SIGKILLs itself at each point of the
// write in turn (after every step, in the middle of every file), for a
// new folder and for one being replaced, with the folders exchanged in
// one step and with the two-rename fallback. After each death the folder
// is checked, then a normal run must succeed, say what it cleaned up, and
// leave nothing beside the folder.
func TestWriteKilledAtEveryStep(t *testing.T) {
	if os.Getenv("JCSSO_KILL_AT") != "" {
		killWriter(t)
		return
	}
	if testing.Short() {
		t.Skip("runs the writer in a child process for each kill point")
	}
	ctx := context.Background()
	ref := filepath.Join(t.TempDir(), "new")
	if _, err := WriteBundle(ctx, ref, build(t, "avoma", avomaAnswers()), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	newSet := snapshot(t, ref)
	b := bundleFromFolder(t, ref)

	// How many kill points a whole write has, counted in process.
	points := func(replace, renames bool) int {
		dir := filepath.Join(t.TempDir(), "count")
		if replace {
			if _, err := WriteBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		n := 0
		if _, err := writeBundle(ctx, dir, b, WriteOptions{Force: true}, killOps(func() bool { n++; return false }, renames)); err != nil {
			t.Fatal(err)
		}
		return n
	}

	for _, tc := range []struct {
		name             string
		replace, renames bool
	}{
		{"new folder", false, false},
		{"replaced folder", true, false},
		{"replaced folder, two renames", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := points(tc.replace, tc.renames)
			seen := map[string]int{}
			defer func() { t.Logf("%d kill points; the folder was found %v", n, seen) }()
			for at := range n {
				dir := filepath.Join(t.TempDir(), "jcsso-acmecorp")
				var oldSet map[string]string
				if tc.replace {
					if _, err := WriteBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
						t.Fatal(err)
					}
					oldSet = snapshot(t, dir)
				}
				cmd := exec.Command(os.Args[0], "-test.run", "^TestWriteKilledAtEveryStep$")
				renames := "0"
				if tc.renames {
					renames = "1"
				}
				cmd.Env = append(os.Environ(), "JCSSO_KILL_AT="+strconv.Itoa(at), "JCSSO_KILL_DIR="+dir, "JCSSO_KILL_BUNDLE="+ref, "JCSSO_KILL_RENAMES="+renames)
				out, err := cmd.CombinedOutput()
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
					t.Fatalf("kill point %d of %d: the child was not killed (%v): %s", at, n, err, out)
				}

				state := folderAfterKill(t, dir, oldSet, newSet)
				seen[state]++
				left := leftoverSiblings(t, dir)
				if state == "missing" && tc.replace && !slices.ContainsFunc(left, func(n string) bool { return strings.Contains(n, oldInfix) }) {
					t.Fatalf("kill point %d: the folder is missing and its old set waits nowhere beside it", at)
				}

				res, err := WriteBundle(ctx, dir, b, WriteOptions{Force: true})
				if err != nil {
					t.Fatalf("kill point %d (%s): the next run failed: %v", at, state, err)
				}
				if got := snapshot(t, dir); !sameSet(got, newSet) {
					t.Fatalf("kill point %d: the next run did not write the new set", at)
				}
				assertNoSiblings(t, dir)
				if (len(left) > 0) != (len(res.Notes) > 0) {
					t.Errorf("kill point %d: left %v, and the next run said %q", at, left, res.Notes)
				}
			}
		})
	}
}

// leftoverSiblings lists the temp and old folders beside dir.
func leftoverSiblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, "."+filepath.Base(dir)+newInfix) || strings.HasPrefix(n, "."+filepath.Base(dir)+oldInfix) {
			out = append(out, n)
		}
	}
	return out
}

// folderAfterKill checks the folder right after the kill: the old set
// whole ("old"), the new set whole ("new"), nothing ("missing", for a new
// folder not yet swapped in, or between two renames); never a mix.
func folderAfterKill(t *testing.T, dir string, oldSet, newSet map[string]string) string {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return "missing"
	}
	got := snapshot(t, dir)
	switch {
	case oldSet != nil && reflect.DeepEqual(got, oldSet):
		return "old"
	case sameSet(got, newSet):
		for name := range oldSet {
			if !strings.HasSuffix(name, ".bak") && got[name+".bak"] != oldSet[name] {
				t.Fatalf("the new set lacks %s.bak, the replaced %s", name, name)
			}
		}
		return "new"
	}
	t.Fatalf("the folder is neither the old set nor the new one: %v", keys(got))
	return ""
}

// sameSet reports whether got holds newSet's files, byte for byte, with
// nothing else but .bak copies.
func sameSet(got, newSet map[string]string) bool {
	for name, data := range newSet {
		if got[name] != data {
			return false
		}
	}
	for name := range got {
		if _, ok := newSet[name]; !ok && !strings.HasSuffix(name, ".bak") {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
