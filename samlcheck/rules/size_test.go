package rules

import "testing"

// SizeLimit words every cap one way: MiB and KiB when whole, else bytes.
func TestSizeLimit(t *testing.T) {
	for limit, want := range map[int64]string{
		1 << 20:   "the 1 MiB limit",
		5 << 20:   "the 5 MiB limit",
		256 << 10: "the 256 KiB limit",
		5<<20 + 1: "the 5242881-byte limit",
		4:         "the 4-byte limit",
	} {
		if got := SizeLimit(limit); got != want {
			t.Errorf("SizeLimit(%d) = %q, want %q", limit, got, want)
		}
	}
}
