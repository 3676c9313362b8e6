package profile

import (
	"errors"
	"strings"
	"testing"
)

// A profile whose text carries a terminal escape (YAML's "\e", "\x1b" or a
// C1 control) is refused at its line, the character shown, never printed.
func TestParseRefusesControlCharacters(t *testing.T) {
	for _, tc := range []struct {
		old, repl, needle, want string
	}{
		{"name: Avoma\n", "name: \"Avoma\\e]52;c;aGk=\\a\"\n", "name:", `name holds the control character "\x1b"`},
		{"name: Avoma\n", "name: \"Avo\\x9bma\"\n", "name:", `name holds the control character "\u009b"`},
		{"description: ", "description: \"tab\\tis fine, CR\\r is not\" # ", "description:", `description holds the control character "\r"`},
	} {
		data := avomaWith(t, tc.old, tc.repl)
		_, err := Parse(data, "avoma.yaml")
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.repl, err, tc.want)
			continue
		}
		if want := lineNo(t, data, tc.needle); pe.Line != want {
			t.Errorf("%s: line %d, want %d", tc.repl, pe.Line, want)
		}
	}
	// Tabs and newlines are text.
	if _, err := Parse(avomaWith(t, "name: Avoma\n", "name: \"Avoma\\tCRM\"\n"), "avoma.yaml"); err != nil {
		t.Errorf("a tab: %v", err)
	}
}
