package words

import "fmt"

// Limit words a size limit the way every message says one, "the 5 MiB
// limit": in MiB or KiB when it is a whole number of them, else in bytes
// ("the 512-byte limit").
func Limit(limit int64) string {
	switch {
	case limit >= 1<<20 && limit%(1<<20) == 0:
		return fmt.Sprintf("the %d MiB limit", limit>>20)
	case limit >= 1<<10 && limit%(1<<10) == 0:
		return fmt.Sprintf("the %d KiB limit", limit>>10)
	}
	return fmt.Sprintf("the %d-byte limit", limit)
}
