package ssoconfig

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/sys/unix"
)

// Modes of what WriteBundle creates: the folder holds the organisation's
// SSO settings, so only the admin's own account may read it.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// ops are the file-system steps a write takes; tests replace them to fail
// midway, or to stop the process between two steps, and check that the
// folder is whole.
type ops struct {
	// write fills a new file; the file is synced and closed by the caller.
	write    func(f *os.File, data []byte) error
	rename   func(from, to string) error
	exchange func(a, b string) error
	// step is called after each step with its name.
	step func(name string)
}

func osOps() ops {
	return ops{
		write: func(f *os.File, data []byte) error {
			_, err := f.Write(data)
			return err
		},
		rename:   renameDir,
		exchange: exchange,
		step:     func(string) {},
	}
}

// renameDir renames a folder onto a path that is free or an empty folder,
// which rename(2) replaces in one step; os.Rename refuses an existing
// folder as the destination, whatever it holds.
func renameDir(from, to string) error {
	if err := unix.Rename(from, to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// errNoExchange says the file system cannot exchange two folders in one
// step; they are then swapped with two renames.
var errNoExchange = errors.New("the file system cannot exchange two folders")

type namedFile struct {
	name string
	data []byte
}

// bundleFiles lists the bundle's files in the order their paths are
// returned: configuration, metadata, certificates, next steps; and the
// bundle they are, its next steps naming the configuration as written.
func bundleFiles(b *Bundle, format string) ([]namedFile, *Bundle, error) {
	if b == nil || b.Config == nil {
		return nil, nil, errors.New("write the configuration: the bundle is empty")
	}
	cfgName, err := configName(format)
	if err != nil {
		return nil, nil, err
	}
	cfg := *b.Config
	cfg.IdentityProvider.MetadataFile = MetadataFile
	data, err := Encode(&cfg, format)
	if err != nil {
		return nil, nil, err
	}
	b = b.as(cfgName)
	return []namedFile{
		{cfgName, data},
		{MetadataFile, b.Metadata},
		{SigningPEM, b.SigningPEM},
		{NextStepsMD, b.NextSteps},
	}, b, nil
}

// Written is what WriteBundle (or a whole setup, WriteSetup) wrote.
type Written struct {
	// Dir is the folder written: --out, or where it points when it is a
	// symbolic link followed with Force.
	Dir string
	// Paths are the files of the set, in bundleFiles' order.
	Paths []string
	// Notes say what was left by an earlier write that was interrupted,
	// and what this one did about it, one line each.
	Notes []string
	// Bundle is what was written, its next steps naming the configuration
	// file in the format written.
	Bundle *Bundle
}

// writeBundle writes the folder so that, whatever moment the process dies
// at (SIGKILL, a closed SSH session, a full disk), the folder holds either
// the whole old set or the whole new one, never a mix:
//
//  1. the folder's lock is taken (lockFolder), leftovers of an earlier
//     interrupted write are put right (cleanLeftovers), and everything a
//     write may not replace is refused (readFolder) before anything is
//     written;
//  2. the new set is written into a sibling temp folder, .NAME.jcsso-new-*,
//     with a FILE.bak copy of each file it replaces and the .bak copies
//     already there, every file and the folder synced;
//  3. the temp folder is swapped in: renamed to the folder's name when
//     there is none (or an empty one), else exchanged with the old folder
//     in one step (renameat2 RENAME_EXCHANGE, renamex_np RENAME_SWAP) or,
//     where the file system cannot, with two renames whose gap leaves the
//     old set whole beside it, for the next run to put back;
//  4. the old folder, now in the sibling, is removed.
//
// A failure before step 3, or a cancelled ctx, removes the temp folder
// and leaves the folder as it was. Only the bundle's files (and their
// .bak copies) may be in an existing folder; with anything else in it the
// write is refused, since replacing the folder would lose them.
func writeBundle(ctx context.Context, dir string, b *Bundle, opts WriteOptions, o ops) (Written, error) {
	// A configuration in the other format is one of the set's names, so
	// it is kept as its .bak and not carried over: one configuration.
	files, written, err := bundleFiles(b, opts.Format)
	if err != nil {
		return Written{}, err
	}
	target, err := resolveOut(filepath.Clean(dir), opts.Force)
	if err != nil {
		return Written{}, err
	}
	parent, name := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Written{}, createError(target, err)
	}
	wait := opts.LockWait
	if wait == 0 {
		wait = DefaultLockWait
	}
	lock, err := lockFolder(ctx, target, wait)
	if err != nil {
		return Written{}, err
	}
	defer lock.release()
	o.step("locked")

	notes, err := cleanLeftovers(target)
	res := Written{Dir: target, Notes: notes, Bundle: written}
	if err != nil {
		return res, err
	}
	state, err := readFolder(target, opts.Force)
	if err != nil {
		return res, err
	}

	// Step 2.
	tmp, err := os.MkdirTemp(parent, "."+name+newInfix)
	if err != nil {
		return res, writeInError(parent, err)
	}
	o.step("made the temp folder")
	abandon := func(err error) (Written, error) {
		os.RemoveAll(tmp)
		return res, err
	}
	for _, f := range files {
		if err := writeFile(tmp, f.name, f.data, filepath.Join(target, f.name), o); err != nil {
			return abandon(err)
		}
		o.step("wrote " + f.name)
	}
	for _, n := range state.set {
		if err := copyFile(filepath.Join(target, n), tmp, n+".bak", o); err != nil {
			return abandon(err)
		}
		o.step("kept " + n + ".bak")
	}
	for _, n := range state.baks {
		if !slices.Contains(state.set, n) {
			if err := copyFile(filepath.Join(target, n+".bak"), tmp, n+".bak", o); err != nil {
				return abandon(err)
			}
		}
	}
	if err := os.Chmod(tmp, DirMode); err != nil {
		return abandon(fmt.Errorf("restrict the output folder to its owner: %w", err))
	}
	if err := syncDir(tmp); err != nil {
		return abandon(err)
	}
	o.step("synced the temp folder")
	if err := ctx.Err(); err != nil {
		return abandon(err)
	}

	// Step 3.
	old := ""
	if len(state.set)+len(state.baks) == 0 {
		if err := o.rename(tmp, target); err != nil {
			return abandon(fmt.Errorf("create %s: %w", target, err))
		}
	} else {
		old = tmp
		err := o.exchange(tmp, target)
		if errors.Is(err, errNoExchange) {
			old, err = swapByRenames(tmp, target, o)
		}
		if err != nil {
			return abandon(fmt.Errorf("replace %s: %w (it is as it was)", target, err))
		}
	}
	o.step("swapped")
	if err := syncDir(parent); err != nil {
		return res, err
	}

	// Step 4.
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("could not remove %s, the replaced folder (its files are kept as .bak in the new one): %v", old, err))
		}
		o.step("removed the old folder")
		_ = syncDir(parent)
	}
	shown := filepath.Clean(dir)
	if target != shown {
		shown = target
	}
	for _, f := range files {
		res.Paths = append(res.Paths, filepath.Join(shown, f.name))
	}
	return res, nil
}

// swapByRenames replaces target with tmp in two renames, for a file
// system that cannot exchange them: target goes to an empty sibling
// .NAME.jcsso-old-*, then tmp to target. It returns where the old folder
// went. Killed between the two, target is missing and the old set whole
// in the sibling, which cleanLeftovers puts back.
func swapByRenames(tmp, target string, o ops) (string, error) {
	old, err := os.MkdirTemp(filepath.Dir(target), "."+filepath.Base(target)+oldInfix)
	if err != nil {
		return "", err
	}
	if err := o.rename(target, old); err != nil {
		os.Remove(old)
		return "", err
	}
	o.step("moved the old folder aside")
	if err := o.rename(tmp, target); err != nil {
		if perr := o.rename(old, target); perr != nil {
			return "", fmt.Errorf("%w; the old folder is at %s", err, old)
		}
		return "", err
	}
	return old, nil
}

// writeFile creates dir/name holding data, 0600, synced; shown is how
// errors name it (where it is going, not the temp folder).
func writeFile(dir, name string, data []byte, shown string, o ops) error {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	if err != nil {
		return fileError(shown, err)
	}
	err = o.write(f, data)
	if err == nil {
		err = f.Chmod(FileMode) // the umask may have narrowed it, never widened
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileError(shown, err)
	}
	return nil
}

// copyFile copies the regular file src to dir/name.
func copyFile(src, dir, name string, o ops) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("keep a copy of %s: %w", src, err)
	}
	return writeFile(dir, name, data, src+".bak", o)
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
