package ssoconfig

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// WriteFileAtomic writes data to path so that a reader, or a crash, sees
// the old file or the new one and never a part of either: a temp file
// beside it, fsync, rename over path (renameio), then an fsync of the
// folder so the rename itself survives a crash. The file gets exactly mode.
// Only a regular file is replaced: a symbolic link is followed (the link
// kept, the file it names replaced), and a folder, device, named pipe,
// socket or a link to nothing is refused before anything is written.
// Every single file jcsso writes goes through here (the setup session,
// doctor's metrics file, by WriteFileAtomicFrom); the output folder, which
// replaces several files as one change, is WriteBundle's (write.go).
func WriteFileAtomic(path string, data []byte, mode fs.FileMode) error {
	return WriteFileAtomicFrom(path, mode, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileAtomicFrom is WriteFileAtomic for content made as it is written
// (a metrics file of any number of configurations, which is never held in
// memory whole): write fills the temp file, and path is replaced only when
// write returns nil and the file is synced. On an error the temp file is
// removed and path left as it was.
func WriteFileAtomicFrom(path string, mode fs.FileMode, write func(io.Writer) error) error {
	// Refused before anything is written: renameio would write the whole
	// file first, then rename it over a folder (failing) or a device, pipe
	// or link (destroying it).
	target, err := writeTarget(path)
	if err != nil {
		return writeError(path, err)
	}
	pf, err := renameio.NewPendingFile(target, renameio.WithPermissions(mode))
	if err != nil {
		return writeErrorAt(path, target, err)
	}
	defer pf.Cleanup() //nolint:errcheck // removes the temp file only when the rename did not happen.
	bw := bufio.NewWriter(pf)
	if err := write(bw); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // the temp file's: a full disk, say
			return writeErrorAt(path, target, err)
		}
		return fmt.Errorf("write %s: %w", path, err) // the content's own error
	}
	if err := bw.Flush(); err != nil {
		return writeErrorAt(path, target, err)
	}
	if err := pf.CloseAtomicallyReplace(); err != nil {
		return writeErrorAt(path, target, err)
	}
	return syncDir(filepath.Dir(target))
}
