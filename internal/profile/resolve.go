package profile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/jcsso/jcsso/internal/suggest"
)

// Resolve returns the built-in profile named nameOrPath, or loads it as a
// profile file. A name that is neither gets an error naming the nearest
// built-in id ("did you mean avoma?") and listing them all. A file's
// problems are *Error values (FILE:LINE: reason).
func Resolve(nameOrPath string) (*Profile, error) {
	if nameOrPath == "" {
		return nil, fmt.Errorf("no profile given: use one of %s, or a profile file", strings.Join(builtinIDs, ", "))
	}
	if p, ok := Builtin(nameOrPath); ok {
		return p, nil
	}
	if _, err := os.Stat(nameOrPath); err != nil {
		if errors.Is(err, fs.ErrNotExist) && !looksLikePath(nameOrPath) {
			return nil, UnknownError(nameOrPath)
		}
		return nil, fmt.Errorf("read profile: %w", err)
	}
	return Load(nameOrPath)
}

// UnknownError is the error for a profile name that is neither a built-in
// id nor a file: every place a profile name is taken (--profile, jcsso
// profiles show) says it in these words.
func UnknownError(name string) error {
	hint := ""
	if s := Suggest(name); s != "" {
		hint = fmt.Sprintf(": did you mean %s?", s)
	}
	return fmt.Errorf("unknown profile %q%s (built-in: %s; or give the path of a profile file)", name, hint, strings.Join(builtinIDs, ", "))
}

// Suggest returns the built-in id nearest to a mistyped one ("avomaa" ->
// "avoma"), or "" when none is near.
func Suggest(name string) string {
	return suggest.Closest(name, builtinIDs)
}

// looksLikePath tells a mistyped built-in id ("avona") from a missing file
// ("./acme.yaml"), so the error names the right mistake.
func looksLikePath(s string) bool {
	return strings.ContainsAny(s, `/\`) || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")
}
