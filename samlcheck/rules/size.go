package rules

import "fmt"

// SizeLimit words a size limit the way every message says one, "the 5
// MiB limit": in MiB or KiB when it is a whole number of them, else in
// bytes ("the 512-byte limit"). It lives here, in the leaf every layer may
// import, so the engine's caps (through samlcheck/internal/words.Limit)
// and those of the configuration and profile readers read alike.
func SizeLimit(limit int64) string {
	switch {
	case limit >= 1<<20 && limit%(1<<20) == 0:
		return fmt.Sprintf("the %d MiB limit", limit>>20)
	case limit >= 1<<10 && limit%(1<<10) == 0:
		return fmt.Sprintf("the %d KiB limit", limit>>10)
	}
	return fmt.Sprintf("the %d-byte limit", limit)
}
