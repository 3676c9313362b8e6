package profile

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// controlProblems refuses every text of a profile that holds a character a
// terminal acts on instead of showing (ESC, the other controls below 0x20
// but tab and newline, DEL, the C1 controls): profile text comes from a
// vendor's file and is shown in the wizard, printed by the commands and
// written into NEXT-STEPS.md, so a profile could otherwise write to the
// admin's clipboard or retitle their terminal. YAML's "\e" escape is how
// such a character gets in.
func controlProblems(p *Profile) []problem {
	var probs []problem
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			if r, ok := controlRune(v.String()); ok {
				probs = append(probs, problem{path, fmt.Sprintf("%s holds the control character %q, which a terminal would act on; profile text must be plain text", path, string(r))})
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
				if name == "" || name == "-" {
					continue
				}
				if path != "" {
					name = path + "." + name
				}
				walk(v.Field(i), name)
			}
		}
	}
	walk(reflect.ValueOf(p).Elem(), "")
	return probs
}

// controlRune returns the first control character in s (not tab or
// newline), or false; bytes that are not UTF-8 count as one.
func controlRune(s string) (rune, bool) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd"):
			return rune(s[i]), true
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f:
			return r, true
		}
	}
	return 0, false
}
