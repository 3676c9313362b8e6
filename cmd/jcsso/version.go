package main

import (
	"runtime/debug"
	"strings"
)

// versionString is what --version prints and the User-Agent carries: the
// -ldflags version when set; else the module version of a `go install`;
// else "dev" with the commit a source build was made from, so a support
// engineer can tell which code an admin ran.
func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "dev"
	}
	return "dev-" + rev + dirty
}

// userAgent names the tool and its version in requests.
func userAgent() string {
	return "jcsso/" + strings.TrimPrefix(versionString(), "v")
}
