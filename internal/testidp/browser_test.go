package testidp_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
)

// acsStandIn records the SAMLResponse values posted to it.
func acsStandIn(t *testing.T) (*httptest.Server, func() int) {
	t.Helper()
	var mu sync.Mutex
	posts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		if r.PostForm.Get("SAMLResponse") != "" {
			posts++
		}
		mu.Unlock()
		_, _ = io.WriteString(w, "received")
	}))
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return posts }
}

// TestBrowserLogIn is the product browser `jcsso demo` signs its demo user
// in with, alone: from the IdP-initiated URL through the login form to the
// ACS, the response delivered; for a user bound to no group, the IdP's
// no-access page, nothing delivered; a page with no login form, an error.
func TestBrowserLogIn(t *testing.T) {
	acs, posts := acsStandIn(t)
	for _, tc := range []struct {
		name      string
		faults    []testidp.Fault
		delivered bool
	}{
		{"bound", nil, true},
		{"unbound", []testidp.Fault{testidp.FaultUnboundUser}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := posts()
			idp := samltest.StartIdP(t, testidp.Options{Faults: tc.faults, SSO: testidp.SSOSettings{SPEntityID: spEntityID, ACSURLs: []string{acs.URL + "/acs"}}})
			b := testidp.NewBrowser(idp.CertPool())
			defer b.CloseIdleConnections()
			login, err := b.LogIn(context.Background(), idp.IdPInitiatedURL(), testidp.DefaultEmail, "pw")
			if err != nil {
				t.Fatal(err)
			}
			if login.Delivered != tc.delivered || posts()-before != map[bool]int{true: 1, false: 0}[tc.delivered] {
				t.Fatalf("delivered %v (%d posts), want %v; last page %d:\n%s", login.Delivered, posts()-before, tc.delivered, login.Page.Status, login.Page.Body)
			}
			if tc.delivered && (login.PostedTo != acs.URL+"/acs" || login.Page.Body != "received") {
				t.Errorf("posted to %q, landed on %q", login.PostedTo, login.Page.Body)
			}
			if !tc.delivered && login.Page.Status != http.StatusForbidden {
				t.Errorf("no-access page status %d", login.Page.Status)
			}
		})
	}
	t.Run("no login form", func(t *testing.T) {
		b := testidp.NewBrowser(nil)
		if _, err := b.LogIn(context.Background(), acs.URL+"/elsewhere", testidp.DefaultEmail, "pw"); !errors.Is(err, testidp.ErrNoLoginForm) {
			t.Fatalf("err = %v, want ErrNoLoginForm", err)
		}
	})
}
