package samlcheck

import "testing"

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:secret@sso.example/md?x=1": "https://user:xxxxx@sso.example/md?x=1",
		"https://token@sso.example/md":           "https://xxxxx@sso.example/md",
		"https://sso.example/md":                 "https://sso.example/md",
		"/home/me/user@host.xml":                 "/home/me/user@host.xml",
		"-":                                      "-",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
