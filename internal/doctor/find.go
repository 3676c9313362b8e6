package doctor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Target is one configuration to examine, as Find found it, or a path
// that could not be searched (Err set): a PATH that does not exist, a
// folder that cannot be read, a folder holding no configuration.
type Target struct {
	Path string
	Err  error
}

// ErrNoConfigs is the Err of a folder in which Find found no configuration.
var ErrNoConfigs = errors.New("no " + ssoconfig.ConfigYAML + " or " + ssoconfig.ConfigJSON + " found in this folder (hidden folders and symbolic links to folders are not searched)")

// Find calls yield with each configuration under paths, in order: a path
// that is a file is taken as it is, whatever its name; a folder is
// searched at every depth for files named sso-config.yaml or
// sso-config.json (what jcsso setup writes), in lexical order. The search
// skips hidden folders (a name starting with a dot: .git, and the
// .jcsso-ORG.jcsso-new-* and -old-* folders a killed setup leaves beside
// its output, which hold copies) and does not follow symbolic links to
// folders, so it cannot loop or leave the tree it was given; a symbolic
// link named like a configuration is read (it is one, put there on
// purpose), and so is a PATH that is itself a link to a folder. Anything
// but a regular file under a configuration's name (a named pipe, a
// device) is an unreadable Target, never opened: its read could wait for
// ever, out of reach of the command's context.
//
// It stops when yield returns an error or ctx ends, returning that error.
// Nothing is kept between paths: memory does not grow with the tree.
func Find(ctx context.Context, paths []string, yield func(Target) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
			err = yield(Target{Path: p, Err: statError(err)})
		case !st.IsDir() && !st.Mode().IsRegular():
			err = yield(Target{Path: p, Err: errNotRegular})
		case !st.IsDir():
			err = yield(Target{Path: p})
		default:
			err = findIn(ctx, p, yield)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// findIn walks one folder.
func findIn(ctx context.Context, root string, yield func(Target) error) error {
	// WalkDir does not follow a root that is a symbolic link; with a
	// separator at its end the link is resolved (the paths found still
	// start with root as it was given).
	walkRoot := root
	if !strings.HasSuffix(walkRoot, string(filepath.Separator)) {
		walkRoot += string(filepath.Separator)
	}
	found := false
	err := filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		path = filepath.Clean(path)
		if err != nil {
			// An unreadable folder is reported and skipped; the walk goes on.
			found = true
			if yerr := yield(Target{Path: path, Err: statError(err)}); yerr != nil {
				return yerr
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != filepath.Clean(root) && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if name != ssoconfig.ConfigYAML && name != ssoconfig.ConfigJSON {
			return nil
		}
		t := Target{Path: path}
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return nil // a link to a folder, named like a file: not followed
		} else if err == nil && !st.Mode().IsRegular() {
			t.Err = errNotRegular
		}
		found = true
		return yield(t)
	})
	if err != nil {
		return err
	}
	if !found {
		return yield(Target{Path: root, Err: ErrNoConfigs})
	}
	return nil
}

// errNotRegular is a configuration's name on something that is not a
// file: a named pipe or a device, whose read could wait for ever.
var errNotRegular = errors.New("not a regular file")

// statError is a path's problem in words, without Go's "lstat" prefix.
func statError(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return errors.New(source.FileReason(err)) // as every command words them
	case errors.As(err, &pe):
		return fmt.Errorf("cannot read it: %w", pe.Err)
	}
	return err
}
