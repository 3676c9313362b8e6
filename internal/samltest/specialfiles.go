package samltest

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// SpecialFiles makes, in a temp folder, a FIFO and (where mknod is
// allowed, as root) a character device with /dev/null's numbers, and
// returns them with what a refusal to write them calls them ("a named
// pipe (FIFO)", "a device"). Never a system path: the device made here is
// a copy whose destruction harms nothing.
func SpecialFiles(t testing.TB) map[string]string {
	t.Helper()
	dir := t.TempDir()
	kinds := map[string]string{}
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o666); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	kinds[fifo] = "a named pipe (FIFO)"
	dev := filepath.Join(dir, "mynull")
	if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err == nil {
		kinds[dev] = "a device"
	} else {
		t.Logf("mknod not allowed (%v): the device case is skipped", err)
	}
	return kinds
}
