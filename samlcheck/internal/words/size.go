package words

import "github.com/jcsso/jcsso/samlcheck/rules"

// Limit words a size limit the way every message says one, "the 5 MiB
// limit" (rules.SizeLimit, the one wording, shared with the layers that
// cannot import this package).
func Limit(limit int64) string { return rules.SizeLimit(limit) }
