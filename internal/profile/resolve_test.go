package profile

import (
	"strings"
	"testing"
)

// A mistyped built-in id names the nearest one; a name near none lists them.
func TestResolveSuggestsTheNearestProfile(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"avomaa", `unknown profile "avomaa": did you mean avoma? (built-in: `},
		{"Vome", `unknown profile "Vome": did you mean vome?`},
		{"generc", `did you mean generic?`},
		{"salesforce", `unknown profile "salesforce" (built-in: vome, avoma, generic; or give the path of a profile file)`},
	} {
		_, err := Resolve(tc.typed)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Resolve(%q) = %v, want it to say %q", tc.typed, err, tc.want)
		}
	}
}
