package ssoconfig

import (
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// WriteFileAtomic writes data to path so that a reader, or a crash, sees
// the old file or the new one and never a part of either: a temp file
// beside it, fsync, rename over path (renameio), then an fsync of the
// folder so the rename itself survives a crash. The file gets exactly mode.
// Every single file jcsso writes goes through here (the setup session, and
// reports to come); the output folder, which replaces several files as one
// change, is WriteBundle's (write.go).
func WriteFileAtomic(path string, data []byte, mode fs.FileMode) error {
	pf, err := renameio.NewPendingFile(path, renameio.WithPermissions(mode))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer pf.Cleanup() //nolint:errcheck // removes the temp file only when the rename did not happen.
	if _, err := pf.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := pf.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}
