package ssoconfig

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Two writes into one folder: the second waits for the lock, then says
// who holds it; once the first is done the folder exists, and the second
// is refused without Force as it would be after any write.
func TestConcurrentWritesTakeTurns(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "jcsso-acmecorp")
	inside, hold := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		o := osOps()
		o.step = func(name string) {
			if name == "synced the temp folder" {
				close(inside)
				<-hold
			}
		}
		_, err := writeBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{}, o)
		first <- err
	}()
	<-inside

	start := time.Now()
	_, err := WriteBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{LockWait: 150 * time.Millisecond})
	if !errors.Is(err, ErrFolderBusy) || !strings.Contains(err.Error(), fmt.Sprintf("another jcsso (pid %d on ", os.Getpid())) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("second write: %v, want ErrFolderBusy naming the holder", err)
	}
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Errorf("gave up after %s, before LockWait", waited)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder appeared while the first write was held: %v", err)
	}

	close(hold)
	if err := <-first; err != nil {
		t.Fatalf("first write: %v", err)
	}
	if _, err := WriteBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{}); !errors.Is(err, ErrFolderExists) {
		t.Fatalf("second write after the first: %v, want ErrFolderExists", err)
	}
	// A wait that outlasts the first write simply goes ahead.
	inside, hold = make(chan struct{}), make(chan struct{})
	go func() {
		o := osOps()
		o.step = func(name string) {
			if name == "locked" {
				close(inside)
				<-hold
			}
		}
		_, err := writeBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{Force: true}, o)
		first <- err
	}()
	<-inside
	second := make(chan error, 1)
	go func() {
		_, err := WriteBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true, LockWait: time.Minute})
		second <- err
	}()
	close(hold)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatalf("a write that waited for the lock: %v", err)
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, NextStepsMD)), "Avoma") {
		t.Error("the waiting write did not write its set")
	}
	assertNoSiblings(t, dir)
}

// A forced write that is refused touches nothing: not the files, not the
// .bak copies of an earlier write.
func TestRefusedForceTouchesNothing(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "out")
	for _, b := range []*Bundle{build(t, "vome", vomeAnswers()), build(t, "avoma", avomaAnswers())} {
		if _, err := WriteBundle(ctx, dir, b, WriteOptions{Force: true}); err != nil {
			t.Fatal(err)
		}
	}
	// idp-signing.pem replaced by a folder: not a file jcsso may replace.
	pem := filepath.Join(dir, SigningPEM)
	if err := os.Remove(pem); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(pem, 0o700); err != nil {
		t.Fatal(err)
	}
	type fileState struct {
		data  string
		mtime time.Time
	}
	state := func() map[string]fileState {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]fileState{}
		for _, e := range entries {
			info, _ := e.Info()
			data := ""
			if e.Type().IsRegular() {
				data = readFile(t, filepath.Join(dir, e.Name()))
			}
			out[e.Name()] = fileState{data, info.ModTime()}
		}
		return out
	}
	before := state()
	_, err := WriteBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{Force: true})
	if err == nil || !strings.Contains(err.Error(), pem+" is not a regular file") {
		t.Fatalf("err = %v, want the folder named as not a regular file", err)
	}
	after := state()
	for name, st := range before {
		if after[name] != st {
			t.Errorf("%s changed", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("the folder holds %d entries, was %d", len(after), len(before))
	}
	assertNoSiblings(t, dir)
}

// A symbolic link at --out is refused, naming where it points (and that
// it points nowhere); with Force the folder is written where it points,
// and the link stays a link.
func TestWriteOutIsASymbolicLink(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	real := filepath.Join(root, "real")
	link := filepath.Join(root, "jcsso-acmecorp")
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	b := build(t, "avoma", avomaAnswers())

	// Dangling.
	_, err := WriteBundle(ctx, link, b, WriteOptions{})
	if !errors.Is(err, ErrOutIsLink) || !strings.Contains(err.Error(), link+" points to real, which does not exist") {
		t.Fatalf("dangling link: %v", err)
	}
	res, err := WriteBundle(ctx, link, b, WriteOptions{Force: true})
	if err != nil {
		t.Fatalf("dangling link with Force: %v", err)
	}
	if res.Dir != real || filepath.Dir(res.Paths[0]) != real {
		t.Errorf("wrote %s (%v), want %s", res.Dir, res.Paths, real)
	}
	assertFolder(t, real, []string{ConfigYAML, MetadataFile, SigningPEM, NextStepsMD})

	// To an existing folder.
	_, err = WriteBundle(ctx, link, b, WriteOptions{})
	if !errors.Is(err, ErrOutIsLink) || !strings.Contains(err.Error(), link+" points to real;") {
		t.Fatalf("link to a folder: %v", err)
	}
	if _, err := WriteBundle(ctx, link, build(t, "vome", vomeAnswers()), WriteOptions{Force: true}); err != nil {
		t.Fatalf("link to a folder with Force: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", fi, err)
	}
	if !strings.Contains(readFile(t, filepath.Join(link, NextStepsMD)), "Vome") {
		t.Error("the folder behind the link was not rewritten")
	}
}

// What an earlier write left when it was killed is cleaned up, and the
// write says so: a temp folder beside the folder, and the temp files of
// the writer of earlier versions inside it.
func TestWriteCleansUpAfterAKilledRun(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "jcsso-acmecorp")
	if _, err := WriteBundle(ctx, dir, build(t, "vome", vomeAnswers()), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(filepath.Dir(dir), ".jcsso-acmecorp"+newInfix+"123")
	if err := os.MkdirAll(stale, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, ConfigYAML), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	oldTemp := filepath.Join(dir, ".idp-metadata.xml.tmp-4242")
	if err := os.WriteFile(oldTemp, []byte("<md:Entity"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := WriteBundle(ctx, dir, build(t, "avoma", avomaAnswers()), WriteOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "removed "+stale+", left by an earlier write that was interrupted") || !strings.Contains(notes, "removed "+oldTemp) {
		t.Errorf("notes:\n%s", notes)
	}
	assertNoSiblings(t, dir)
	if _, err := os.Stat(oldTemp); !errors.Is(err, os.ErrNotExist) {
		t.Error("the old temp file is still there")
	}
}
