package profile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Resolve returns the built-in profile named nameOrPath, or loads it as a
// profile file. A name that is neither gets an error listing the built-in
// ids. A file's problems are *Error values (FILE:LINE: reason).
func Resolve(nameOrPath string) (*Profile, error) {
	if nameOrPath == "" {
		return nil, fmt.Errorf("no profile given: use one of %s, or a profile file", strings.Join(builtinIDs, ", "))
	}
	if p, ok := Builtin(nameOrPath); ok {
		return p, nil
	}
	if _, err := os.Stat(nameOrPath); err != nil {
		if errors.Is(err, fs.ErrNotExist) && !looksLikePath(nameOrPath) {
			return nil, fmt.Errorf("unknown profile %q: use one of %s, or the path of a profile file", nameOrPath, strings.Join(builtinIDs, ", "))
		}
		return nil, fmt.Errorf("read profile: %w", err)
	}
	return Load(nameOrPath)
}

// looksLikePath tells a mistyped built-in id ("avona") from a missing file
// ("./acme.yaml"), so the error names the right mistake.
func looksLikePath(s string) bool {
	return strings.ContainsAny(s, `/\`) || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")
}
