package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A file that is not there is worded one way by every command ("no such
// file", source.FileReason), and the message names the flag that gave it
// (review item 17: "no such file or directory", "no such file or folder",
// and troubleshoot's --response not named).
func TestMissingFileWordedOneWay(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	nosuch := filepath.Join(t.TempDir(), "nosuch")
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"check", nosuch}, "cannot read " + nosuch + ": no such file"},
		{[]string{"inspect", nosuch}, "cannot read " + nosuch + ": no such file"},
		{[]string{"inspect", nosuch, "--metadata", md}, "cannot read " + nosuch + ": no such file"},
		{[]string{"inspect", md, "--cert", nosuch}, "cannot read --cert " + nosuch + ": no such file"},
		{[]string{"troubleshoot", "--symptom", "unknown", "--response", nosuch}, "cannot read --response " + nosuch + ": no such file"},
		{[]string{"troubleshoot", "--symptom", "unknown", "--metadata", nosuch}, "cannot read --metadata " + nosuch + ": no such file"},
		{[]string{"doctor", nosuch}, nosuch + ": no such file"},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		all := out + errOut
		if code != exitUsage || !strings.Contains(all, tc.say) || strings.Contains(all, "or directory") || strings.Contains(all, "or folder") {
			t.Errorf("jcsso %s: exit %d\n%s\nwant 2 and %q", strings.Join(tc.args, " "), code, all, tc.say)
		}
	}
}
