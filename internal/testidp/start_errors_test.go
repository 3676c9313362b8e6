package testidp_test

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/jcsso/jcsso/internal/ssoconfig"
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

// The TLS certificate goes through the one atomic writer: a FIFO at
// TLSCertFile is refused, and left a FIFO (review item 1).
func TestTLSCertFileIsNeverAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "tls-cert.pem")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	idp, err := testidp.New(testidp.Options{KeyBits: 2048, TLSCertFile: fifo,
		SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acsURL}}})
	if err != nil {
		t.Fatal(err)
	}
	defer idp.Close()
	if err := idp.Start(); !errors.Is(err, ssoconfig.ErrNotRegular) {
		t.Errorf("Start: %v, want the FIFO refused", err)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi, err)
	}
}
