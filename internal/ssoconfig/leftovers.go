package ssoconfig

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// The siblings a write makes beside the output folder NAME, in its parent:
// the new set is built in .NAME.jcsso-new-*, and, where the folders cannot
// be exchanged in one step, the old set waits in .NAME.jcsso-old-* between
// the two renames. A run killed at any moment leaves at most these, and
// the folder itself always complete (or, between the two renames, absent
// with the old set whole in its .jcsso-old- sibling).
const (
	newInfix = ".jcsso-new-"
	oldInfix = ".jcsso-old-"
)

// oldTempFile matches the temp files the writer of earlier versions left
// inside the folder when it was killed (.sso-config.yaml.tmp-123).
var oldTempFile = regexp.MustCompile(`^\.(sso-config\.yaml|sso-config\.json|idp-metadata\.xml|idp-signing\.pem|NEXT-STEPS\.md)(\.bak)?\.tmp-[0-9]+$`)

// cleanLeftovers puts right what an earlier run, killed while writing
// target, left behind, and says what it did, one note each. It runs under
// the folder's lock, so no write is under way.
//
//   - .NAME.jcsso-new-*: a new set that was not swapped in (the run died
//     first), or, after the swap, the old set (it died before removing it,
//     and the new folder keeps it as .bak): removed either way.
//   - .NAME.jcsso-old-* with no folder at target: the run died between the
//     two renames; the old folder is put back. With a folder at target
//     the swap was done, and the old set is removed.
//   - temp files of earlier versions' writer inside the folder: removed.
func cleanLeftovers(target string) ([]string, error) {
	parent, name := filepath.Dir(target), filepath.Base(target)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", parent, err)
	}
	var notes []string
	var olds []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case !e.IsDir():
		case strings.HasPrefix(n, "."+name+newInfix):
			if err := os.RemoveAll(filepath.Join(parent, n)); err != nil {
				return notes, fmt.Errorf("remove %s, left by an interrupted write: %w", filepath.Join(parent, n), err)
			}
			notes = append(notes, fmt.Sprintf("removed %s, left by an earlier write that was interrupted", filepath.Join(parent, n)))
		case strings.HasPrefix(n, "."+name+oldInfix):
			olds = append(olds, filepath.Join(parent, n))
		}
	}
	_, err = os.Lstat(target)
	targetMissing := os.IsNotExist(err)
	for i, old := range olds {
		if targetMissing && i == len(olds)-1 {
			if err := os.Rename(old, target); err != nil {
				return notes, fmt.Errorf("put back %s from %s, left by an interrupted write: %w", target, old, err)
			}
			notes = append(notes, fmt.Sprintf("put %s back as it was before an earlier write that was interrupted", target))
			continue
		}
		if err := os.RemoveAll(old); err != nil {
			return notes, fmt.Errorf("remove %s, left by an interrupted write: %w", old, err)
		}
		notes = append(notes, fmt.Sprintf("removed %s, left by an earlier write that was interrupted", old))
	}
	if inside, err := os.ReadDir(target); err == nil {
		for _, e := range inside {
			if oldTempFile.MatchString(e.Name()) && e.Type().IsRegular() {
				p := filepath.Join(target, e.Name())
				if err := os.Remove(p); err != nil {
					return notes, fmt.Errorf("remove %s, left by an interrupted write: %w", p, err)
				}
				notes = append(notes, fmt.Sprintf("removed %s, left by an earlier write that was interrupted", p))
			}
		}
	}
	if len(notes) > 0 {
		if err := syncDir(parent); err != nil {
			return notes, err
		}
	}
	return notes, nil
}
