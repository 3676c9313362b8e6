package testidp_test

import (
	"errors"
	"net"
	"syscall"
	"testing"

	"github.com/jcsso/jcsso/internal/testidp"
)

// Start on an address in use says so in words, naming the address once
// (not "listen tcp ADDR: bind: …"), and keeps the errno for callers that
// word it for their flag (review item 8).
func TestStartOnAnAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	idp, err := testidp.New(testidp.Options{KeyBits: 2048, PlainHTTP: true, Addr: addr,
		SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}}})
	if err != nil {
		t.Fatal(err)
	}
	defer idp.Close()
	want := "test IdP: cannot listen on " + addr + ": address already in use"
	if err := idp.Start(); err == nil || err.Error() != want || !errors.Is(err, syscall.EADDRINUSE) {
		t.Errorf("got %v, want %q", err, want)
	}
}
