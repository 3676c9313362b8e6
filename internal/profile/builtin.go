package profile

import (
	"embed"
	"fmt"
)

// builtinFS holds the built-in profiles; they go through Parse like any
// vendor's file, so a mistake in one fails the tests, not a user.
//
//go:embed builtin/*.yaml
var builtinFS embed.FS

// builtinIDs is the order `jcsso profiles` and the wizard list them in.
var builtinIDs = []string{"vome", "avoma", "generic"}

// BuiltinIDs returns the built-in profile ids in their listing order.
func BuiltinIDs() []string {
	return append([]string(nil), builtinIDs...)
}

// Builtin returns a fresh copy of the built-in profile with the given id.
func Builtin(id string) (*Profile, bool) {
	data, ok := BuiltinYAML(id)
	if !ok {
		return nil, false
	}
	p, err := Parse(data, "builtin/"+id+".yaml")
	if err != nil {
		// The embedded files are tested; reaching this is a build defect.
		panic(fmt.Sprintf("built-in profile %s is invalid: %v", id, err))
	}
	return p, true
}

// Builtins returns every built-in profile in a stable order (vome, avoma,
// generic). Each call returns fresh copies the caller may change.
func Builtins() []*Profile {
	out := make([]*Profile, 0, len(builtinIDs))
	for _, id := range builtinIDs {
		p, _ := Builtin(id)
		out = append(out, p)
	}
	return out
}

// BuiltinYAML returns a built-in profile's YAML source, comments included,
// so a vendor can start their own profile from it.
func BuiltinYAML(id string) ([]byte, bool) {
	for _, b := range builtinIDs {
		if b == id {
			data, err := builtinFS.ReadFile("builtin/" + id + ".yaml")
			return data, err == nil
		}
	}
	return nil, false
}
