package suggest

import "testing"

func TestClosest(t *testing.T) {
	commands := []string{"setup", "check", "inspect", "profiles", "idp", "man", "completion", "help"}
	for _, tc := range []struct {
		typed string
		from  []string
		want  string
	}{
		{"chek", commands, "check"},
		{"CHECK", commands, "check"},
		{"inpsect", commands, "inspect"},
		{"ins", commands, "inspect"}, // the one command it starts
		{"i", commands, ""},          // too short to guess from
		{"x", commands, ""},
		{"deploy", commands, ""},
		{"shw", []string{"show"}, "show"},
		{"jsn", []string{"config", "json", "now", "timeout"}, "json"},
		{"avomaa", []string{"vome", "avoma", "generic"}, "avoma"},
		{"Avoma", []string{"vome", "avoma", "generic"}, "avoma"},
		{"vom", []string{"vome", "avoma", "generic"}, "vome"},
		{"nameid_fromat", []string{"nameid", "nameid_format", "sign"}, "nameid_format"},
		{"sp-entity", []string{"sp-entity-id", "idp-entity-id"}, "sp-entity-id"},
		{"", commands, ""},
	} {
		if got := Closest(tc.typed, tc.from); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"fromat", "format", 1}, {"chek", "check", 1},
		{"kitten", "sitting", 3}, {"", "abc", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
