package userpath

import (
	"errors"
	"strings"
	"testing"
)

func fakeHome() (string, error) { return "/home/ann", nil }

// The forms an admin types and terminals paste after a drag and drop,
// each read as the file it names.
func TestClean(t *testing.T) {
	for typed, want := range map[string]string{
		"~/Downloads/JumpCloud-vome-metadata.xml": "/home/ann/Downloads/JumpCloud-vome-metadata.xml",
		"~":                                  "/home/ann",
		"~/jcsso-vome":                       "/home/ann/jcsso-vome",
		"  ~/x.xml\n":                        "/home/ann/x.xml",
		"'/path/My File.xml'":                "/path/My File.xml",
		`"/path/My File.xml"`:                "/path/My File.xml",
		`/path/My\ File.xml`:                 "/path/My File.xml",
		`'/path/It'\''s here.xml'`:           "/path/It's here.xml",
		`"/path/a \"b\".xml"`:                `/path/a "b".xml`,
		"'~/quoted.xml'":                     "/home/ann/quoted.xml",
		"file:///Users/ann/My%20File.xml":    "/Users/ann/My File.xml",
		"file://localhost/tmp/x.xml":         "/tmp/x.xml",
		"'file:///tmp/a%20b.xml'":            "/tmp/a b.xml",
		"/tmp/O'Brien.xml":                   "/tmp/O'Brien.xml",
		"https://sso.jumpcloud.com/md?x=~/y": "https://sso.jumpcloud.com/md?x=~/y",
		"-":                                  "-",
		"":                                   "",
		"~ann/x.xml":                         "~ann/x.xml",
		"./jcsso-acmecorp":                   "./jcsso-acmecorp",
	} {
		got, err := clean(typed, fakeHome)
		if err != nil || got != want {
			t.Errorf("Clean(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
}

func TestCleanRefusals(t *testing.T) {
	if _, err := clean("file://fileserver/share/x.xml", fakeHome); !errors.Is(err, errRemoteFile) {
		t.Errorf("a file URL of another host: %v", err)
	}
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	if _, err := clean("~/x.xml", noHome); err == nil || !strings.Contains(err.Error(), "no home folder") {
		t.Errorf("~ without a home folder: %v", err)
	}
}

func TestCleanUsesTheHomeFolder(t *testing.T) {
	t.Setenv("HOME", "/home/bob")
	if got, err := Clean("~/a.xml"); err != nil || got != "/home/bob/a.xml" {
		t.Errorf("Clean = %q, %v", got, err)
	}
	if got := MustClean("file://elsewhere/x"); got != "file://elsewhere/x" {
		t.Errorf("MustClean of a refused path = %q, want it as typed", got)
	}
}

// Clean never panics, leaves "-" and http(s) URLs alone, and never keeps
// the quotes of a well-formed quoted path.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"~/x", "'a b'", `a\ b`, "file:///x%20y", "https://a/b", "-", `"a\"b"`, "'", `\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := clean(s, fakeHome)
		if err != nil {
			return
		}
		trimmed := strings.TrimSpace(s)
		if trimmed == "-" && got != "-" {
			t.Fatalf("Clean(%q) = %q", s, got)
		}
		if (strings.HasPrefix(trimmed, "https://") || strings.HasPrefix(trimmed, "http://")) && !strings.ContainsAny(trimmed, `'"\`) && got != trimmed {
			t.Fatalf("Clean(%q) = %q, want the URL as it is", s, got)
		}
	})
}
