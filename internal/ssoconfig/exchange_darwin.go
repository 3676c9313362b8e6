package ssoconfig

import "golang.org/x/sys/unix"

// exchange swaps the folders at a and b in one step (renamex_np with
// RENAME_SWAP), so that each path names a whole folder at every moment.
// errNoExchange when the file system cannot.
func exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if err == unix.EINVAL || err == unix.ENOTSUP {
		return errNoExchange
	}
	return err
}
