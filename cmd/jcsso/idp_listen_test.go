package main

import (
	"encoding/json"
	"net"
	"strings"
	"testing"
)

// TestIdPAddressInUse (review item 8): --addr naming a port another
// process holds is one line in words naming the address and what to do,
// exit 2, as text and as JSON; never Go's "listen tcp …: bind: …".
func TestIdPAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	want := addr + " is already in use: give another --addr, or 127.0.0.1:0 for any free port"
	args := []string{"idp", "--http", "--profile", "avoma", "--key-bits", "2048", "--addr", addr}
	code, _, errOut := runCmd(t, "", args...)
	if code != exitUsage || !strings.HasSuffix(errOut, "\n"+want+"\n") {
		t.Errorf("exit %d, stderr %q; want 2 ending %q", code, errOut, want)
	}
	code, out, _ := runCmd(t, "", append(args, "--json")...)
	var e jsonError
	if err := json.Unmarshal([]byte(out), &e); err != nil || code != exitUsage || e.Error.Kind != kindInput || e.Error.Message != want {
		t.Errorf("--json: exit %d, %s; want %q", code, out, want)
	}
	if strings.Contains(errOut+out, "bind:") || strings.Contains(errOut+out, "listen tcp") {
		t.Errorf("Go's error text reached the user: %s%s", errOut, out)
	}
}
