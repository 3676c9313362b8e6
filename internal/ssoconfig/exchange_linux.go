package ssoconfig

import "golang.org/x/sys/unix"

// exchange swaps the folders at a and b in one step (renameat2 with
// RENAME_EXCHANGE), so that each path names a whole folder at every
// moment. errNoExchange when the file system cannot.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.EINVAL || err == unix.ENOSYS || err == unix.ENOTSUP {
		return errNoExchange
	}
	return err
}
