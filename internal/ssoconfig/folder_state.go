package ssoconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrOutIsLink is returned by WriteBundle when --out is a symbolic link
// and WriteOptions.Force is false; the message says where it points.
var ErrOutIsLink = errors.New("the output folder is a symbolic link")

// ErrForeignFiles is returned by WriteBundle when the output folder holds
// files jcsso did not write, which a forced write would not keep.
var ErrForeignFiles = errors.New("the output folder holds files jcsso did not write")

// setNames are the files of a written folder, in both configuration
// formats; with ".bak" after them they are the copies of a replaced set.
var setNames = []string{ConfigYAML, ConfigJSON, MetadataFile, SigningPEM, NextStepsMD}

// resolveOut returns the folder to write for --out dir: dir itself, or
// where it points when it is a symbolic link and force is set. Without
// force a link is refused, saying where it points (and that it points
// nowhere, when it does): following it silently wrote somewhere the admin
// did not say, and a dangling one failed with "mkdir: file exists".
func resolveOut(dir string, force bool) (string, error) {
	fi, err := os.Lstat(dir)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return dir, nil
	}
	dest, err := os.Readlink(dir)
	if err != nil {
		return "", fmt.Errorf("read the link %s: %w", dir, err)
	}
	final, err := followLinks(dir)
	if err != nil {
		return "", err
	}
	_, statErr := os.Stat(final)
	dangling := errors.Is(statErr, fs.ErrNotExist)
	if !force {
		if dangling {
			return "", fmt.Errorf("%w: %s points to %s, which does not exist; pass --force to create the folder there, or choose another --out", ErrOutIsLink, dir, dest)
		}
		return "", fmt.Errorf("%w: %s points to %s; pass --force to write the folder there, or choose another --out", ErrOutIsLink, dir, dest)
	}
	return final, nil
}

// followLinks follows a chain of symbolic links to the path it ends at,
// which need not exist.
func followLinks(path string) (string, error) {
	for range 32 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", fmt.Errorf("read the link %s: %w", path, err)
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// folderState is what an existing output folder holds.
type folderState struct {
	exists bool
	// set are the names of setNames present, and baks those of their
	// .bak copies, each a regular file.
	set, baks []string
}

// readFolder looks at target without changing anything, and refuses what
// a write may not replace, before anything is written: a file or another
// non-folder at target, the current folder, entries named like the set's
// that are not regular files, files jcsso did not write, and (without
// force) a folder holding a set.
func readFolder(target string, force bool) (folderState, error) {
	var st folderState
	fi, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return st, nil
	case err != nil:
		return st, fmt.Errorf("check the output folder: %w", err)
	case !fi.IsDir():
		return st, fmt.Errorf("%s exists and is not a folder; choose another --out", target)
	}
	st.exists = true
	if wd, err := os.Stat("."); err == nil && os.SameFile(wd, fi) {
		return st, fmt.Errorf("%s is the current folder, and jcsso replaces its output folder as a whole (so that it is never half written): choose a folder of its own, such as --out jcsso-ORG", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return st, fmt.Errorf("read the output folder: %w", err)
	}
	var foreign []string
	for _, e := range entries {
		name := e.Name()
		base, isBak := strings.CutSuffix(name, ".bak")
		if !slices.Contains(setNames, base) {
			foreign = append(foreign, name)
			continue
		}
		if !e.Type().IsRegular() {
			return st, fmt.Errorf("%s is not a regular file; move it away or choose another --out", filepath.Join(target, name))
		}
		if isBak {
			st.baks = append(st.baks, base)
		} else {
			st.set = append(st.set, name)
		}
	}
	if len(foreign) > 0 {
		shown := foreign
		if len(shown) > 3 {
			shown = append(slices.Clone(shown[:3]), fmt.Sprintf("and %d more", len(foreign)-3))
		}
		return st, fmt.Errorf("%w: %s holds %s; jcsso replaces its output folder as a whole (so that it is never half written) and would not keep them: move them out, or choose another --out", ErrForeignFiles, target, strings.Join(shown, ", "))
	}
	if len(st.set)+len(st.baks) > 0 && !force {
		return st, fmt.Errorf("%w: %s", ErrFolderExists, target)
	}
	return st, nil
}
