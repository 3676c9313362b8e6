package ssoconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Modes of what WriteBundle creates: the folder holds the organisation's
// SSO settings, so only the admin's own account may read it.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// ops are the file-system steps a write can fail at; tests replace them
// to fail midway and check that nothing partial is left.
type ops struct {
	// write fills a temp file; the file is synced and closed by the caller.
	write  func(f *os.File, data []byte) error
	rename func(from, to string) error
}

func osOps() ops {
	return ops{
		write: func(f *os.File, data []byte) error {
			_, err := f.Write(data)
			return err
		},
		rename: os.Rename,
	}
}

type namedFile struct {
	name string
	data []byte
}

// bundleFiles lists the bundle's files in the order their paths are
// returned: configuration, metadata, certificates, next steps.
func bundleFiles(b *Bundle, format string) ([]namedFile, string, error) {
	if b == nil || b.Config == nil {
		return nil, "", errors.New("write the configuration: the bundle is empty")
	}
	cfgName, err := configName(format)
	if err != nil {
		return nil, "", err
	}
	cfg := *b.Config
	cfg.IdentityProvider.MetadataFile = MetadataFile
	data, err := Encode(&cfg, format)
	if err != nil {
		return nil, "", err
	}
	other := ConfigJSON
	nextSteps := b.NextSteps
	if cfgName == ConfigJSON {
		other = ConfigYAML
		// NextSteps names the configuration file as written by default.
		nextSteps = bytes.ReplaceAll(nextSteps, []byte(ConfigYAML), []byte(ConfigJSON))
	}
	return []namedFile{
		{cfgName, data},
		{MetadataFile, b.Metadata},
		{SigningPEM, b.SigningPEM},
		{NextStepsMD, nextSteps},
	}, other, nil
}

// writeBundle writes in three phases so a failure never leaves a partial
// file and, before the last phase, never touches an old one:
//
//  1. every new file goes to a temp file in the folder, synced;
//  2. with Force, each file about to be replaced is copied to FILE.bak
//     (itself written atomically);
//  3. the temp files are renamed over their targets, a configuration in
//     the other format is moved to its .bak so the folder holds one
//     configuration, and the folder is synced.
//
// A failure in phase 1 or 2 leaves every old file as it was and removes the
// temp files (and the folder, when this call created it). A failure in
// phase 3, which is only renames within one folder, can leave some files
// new and some old, each whole, with the .bak copies beside them.
//
// An existing empty folder counts as new (its mode is set to 0700); an
// existing folder with anything in it is refused with ErrFolderExists
// unless opts.Force.
func writeBundle(dir string, b *Bundle, opts WriteOptions, o ops) ([]string, error) {
	files, otherConfig, err := bundleFiles(b, opts.Format)
	if err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	created, err := prepareDir(dir, opts.Force)
	if err != nil {
		return nil, err
	}

	temps := make([]string, 0, len(files))
	fail := func(err error) ([]string, error) {
		for _, t := range temps {
			os.Remove(t)
		}
		if created {
			os.Remove(dir) // only succeeds if empty, which it is by now
		}
		return nil, err
	}

	// Phase 1.
	for _, f := range files {
		tmp, err := writeTemp(dir, f.name, f.data, o)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			return fail(err)
		}
	}

	// Phase 2.
	for _, f := range files {
		target := filepath.Join(dir, f.name)
		ok, err := isRegular(target)
		if err != nil {
			return fail(err)
		}
		if !ok {
			continue
		}
		if _, err := backup(target, o); err != nil {
			return fail(err)
		}
	}
	otherPath := filepath.Join(dir, otherConfig)
	moveOther, err := isRegular(otherPath)
	if err != nil {
		return fail(err)
	}

	// Phase 3.
	paths := make([]string, 0, len(files))
	for i, f := range files {
		target := filepath.Join(dir, f.name)
		if err := o.rename(temps[i], target); err != nil {
			for _, t := range temps[i:] {
				os.Remove(t)
			}
			return nil, fmt.Errorf("replace %s: %w (files already replaced have their old version beside them as .bak)", target, err)
		}
		paths = append(paths, target)
	}
	if moveOther {
		// Only now, so a failure above leaves the old configuration usable.
		if err := o.rename(otherPath, otherPath+".bak"); err != nil {
			return nil, fmt.Errorf("keep the old %s as %s.bak: %w", otherConfig, otherConfig, err)
		}
	}
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	return paths, nil
}

// prepareDir makes sure dir exists with mode 0700, refusing a folder with
// content unless force. It reports whether it created the folder.
func prepareDir(dir string, force bool) (bool, error) {
	fi, err := os.Stat(dir)
	switch {
	case err == nil:
		if !fi.IsDir() {
			return false, fmt.Errorf("%s exists and is not a folder; choose another --out", dir)
		}
		empty, err := isEmptyDir(dir)
		if err != nil {
			return false, fmt.Errorf("read the output folder: %w", err)
		}
		if !empty && !force {
			return false, fmt.Errorf("%w: %s", ErrFolderExists, dir)
		}
		// An empty folder becomes the output folder and is locked down; a
		// forced folder with other content keeps its mode, so `--out .
		// --force` cannot lock the admin out of their working or home
		// folder (the files written are 0600 either way).
		if empty {
			if err := os.Chmod(dir, DirMode); err != nil {
				return false, fmt.Errorf("restrict the output folder to its owner: %w", err)
			}
		}
		return false, nil
	case errors.Is(err, fs.ErrNotExist):
		parent := filepath.Dir(dir)
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return false, fmt.Errorf("create the output folder's parent: %w", err)
		}
		if err := os.Mkdir(dir, DirMode); err != nil {
			return false, fmt.Errorf("create the output folder: %w", err)
		}
		// Mkdir's mode passes through the umask; make it exact.
		if err := os.Chmod(dir, DirMode); err != nil {
			return false, fmt.Errorf("restrict the output folder to its owner: %w", err)
		}
		// The new folder's entry must survive a crash too.
		if err := syncDir(parent); err != nil {
			return true, err
		}
		return true, nil
	default:
		return false, fmt.Errorf("check the output folder: %w", err)
	}
}

// writeTemp writes data to a new temp file beside name, synced and closed,
// and returns its path (also on failure, so the caller can remove it).
func writeTemp(dir, name string, data []byte, o ops) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	tmp := f.Name()
	err = o.write(f, data)
	if err == nil {
		err = f.Chmod(FileMode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return tmp, fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	return tmp, nil
}

// backup copies target to target.bak atomically and returns the .bak path.
// A copy rather than a rename keeps target in place until phase 3.
func backup(target string, o ops) (string, error) {
	data, err := os.ReadFile(target)
	if err != nil {
		return "", fmt.Errorf("keep a copy of %s: %w", target, err)
	}
	dir, name := filepath.Split(target)
	bak := target + ".bak"
	tmp, err := writeTemp(filepath.Clean(dir), name+".bak", data, o)
	if err != nil {
		if tmp != "" {
			os.Remove(tmp)
		}
		return "", err
	}
	if err := o.rename(tmp, bak); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("keep a copy of %s: %w", target, err)
	}
	return bak, nil
}

// isRegular reports whether path is an existing regular file; anything
// else at that name (a folder, a link) is refused rather than replaced.
func isRegular(path string) (bool, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("check %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("%s is not a regular file; move it away or choose another --out", path)
	}
	return true, nil
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}

// syncDir makes renames and creations in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
