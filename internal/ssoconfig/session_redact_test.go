package ssoconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// session.json never holds a metadata URL's password.
func TestSessionRedactsURLPasswords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "session.json")
	a := Answers{Org: "acmecorp", MetadataSource: "https://me:s3cr3t@console.jumpcloud.example/md", MetadataURL: "https://tok3n@console.jumpcloud.example/md"}
	if err := SaveSession(path, a); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "s3cr3t") || strings.Contains(string(data), "tok3n") || !strings.Contains(string(data), "https://me:xxxxx@console.jumpcloud.example/md") {
		t.Errorf("session.json:\n%s", data)
	}
	back, err := LoadSession(path)
	if err != nil || back.Org != "acmecorp" || back.MetadataURL != "https://xxxxx@console.jumpcloud.example/md" {
		t.Errorf("read back %+v, %v", back, err)
	}
}
