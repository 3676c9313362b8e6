package main

import (
	"runtime/debug"
	"strings"
)

// version and commit are set by a release build:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=$(git rev-parse HEAD)" ./cmd/jcsso
//
// commit may be left out when the build runs in the git checkout: Go records
// the revision itself (vcs.revision).
var commit = ""

// versionString is what --version prints (with releaseCommit) and the
// User-Agent carries: the -ldflags version when set; else the module
// version of a `go install`; else "dev" with the commit a source build was
// made from, so a support engineer can tell which code an admin ran.
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
	rev, dirty := buildRevision(info)
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "dev"
	}
	if dirty {
		return "dev-" + rev + "-dirty"
	}
	return "dev-" + rev
}

// releaseCommit is the commit --version names beside a release's version
// ("jcsso version v1.2.0 (0a1b2c3)"): -ldflags main.commit, else the
// revision Go recorded. A dev build's version names its commit already, so
// it gets none here.
func releaseCommit() string {
	if version == "" {
		return ""
	}
	if commit != "" {
		return commit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		rev, _ := buildRevision(info)
		return rev
	}
	return ""
}

// buildRevision is the commit Go recorded for a build in a git checkout,
// and whether the tree had uncommitted changes.
func buildRevision(info *debug.BuildInfo) (rev string, dirty bool) {
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	return rev, dirty
}

// userAgent names the tool and its version in requests.
func userAgent() string {
	return "jcsso/" + strings.TrimPrefix(versionString(), "v")
}
