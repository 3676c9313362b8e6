package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/demo"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/steps/setup"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// demoHarness is the demo's wizard in process, driven key by key, against
// a real test IdP (with a 2048-bit key, so a test starts at once).
func demoHarness(t *testing.T, faults []testidp.Fault, profileID string) (*tuitest.Harness, string) {
	t.Helper()
	d, err := demo.New(demo.Options{Faults: faults, KeyBits: 2048})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	p, _ := profile.Builtin(profileID)
	out := filepath.Join(t.TempDir(), "jcsso-acmecorp")
	opts := demoSetupOptions(d, faults, p, out, io.Discard)
	opts.Services.LiveTest.Open = nil // no browser in a test
	m, err := setup.NewModel(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return tuitest.New(t, m, 100, 40), out
}

// walkDemoToLiveTest walks Avoma's demo from step 1 to the live test: the
// SSO tab saved on the test IdP, its Metadata URL waiting in the import's
// field, the import checked.
func walkDemoToLiveTest(t *testing.T, h *tuitest.Harness) {
	t.Helper()
	h.WantScreen("Step 1 of 9", "jcsso demo · Avoma", "Demo: a test IdP on 127.0.0.1 plays JumpCloud")
	h.Keys("enter") // the organisation is filled in
	h.WantPosition(2)
	h.Keys("enter")
	h.WantScreen("Demo: there is no console to click through")
	h.Keys("a", "enter")
	h.WantPosition(4)
	h.WantScreen("what this step shows is what the test IdP is configured with")
	h.Keys("enter")
	h.WantPosition(5)
	h.Keys("enter")
	h.WantPosition(6)
	h.WantScreen("the test IdP's Metadata URL waits under 1")
	h.Keys("1")
	h.WantScreen("https://127.0.0.1:", "/saml2/avoma/metadata.xml")
	h.Keys("enter")
	h.WantScreen("Checked https://127.0.0.1:")
}

// TestDemoWizardFlow: the newcomer walks every step of the demo and the
// live test passes with the demo user signed in (d); the folder is written
// where the demo said, and a session a real setup saved is left alone.
func TestDemoWizardFlow(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	h, out := demoHarness(t, nil, "avoma")
	walkDemoToLiveTest(t, h)
	h.WantScreen("The metadata is ready")
	h.Keys("enter")
	h.WantPosition(7)
	h.WantScreen("The IdP lists the test ACS URL already, first", "d signs alice@acmecorp.com in")
	h.Keys("d")
	awaitLive(h)
	h.WantScreen("✓ Passed: alice@acmecorp.com logged in, and Avoma would accept this login.", "the test ACS URL (Destination and Recipient)")
	h.Keys("enter")
	h.WantPosition(8)
	h.Keys("space", "enter")
	h.WantPosition(9)
	h.WantScreen("Live login        passed", "Demo: the folder goes to a temporary place")
	h.Keys("enter")
	h.WantScreen("Written to")
	if _, err := ssoconfig.Read(filepath.Join(out, ssoconfig.ConfigYAML)); err != nil {
		t.Errorf("the folder: %v", err)
	}
	if entries, _ := os.ReadDir(state); len(entries) != 0 {
		t.Errorf("the demo saved a session: %v", entries)
	}
}

// TestDemoWizardFault: in training, the fault's finding shows where it
// would: the placeholder at the import and the Issuer in the live test; an
// Audience typo in the live test, with its fix.
func TestDemoWizardFault(t *testing.T) {
	h, _ := demoHarness(t, []testidp.Fault{testidp.FaultPlaceholderEntityID}, "avoma")
	walkDemoToLiveTest(t, h)
	h.WantScreen("1 failed", `the entityID is "IdP Entity ID"`)
	h.Keys("o", "y")
	h.WantPosition(7)
	h.Keys("d")
	awaitLive(h)
	h.WantScreen(`"IdP Entity ID"`, "Fix:")

	h, _ = demoHarness(t, []testidp.Fault{testidp.FaultWrongAudience}, "avoma")
	walkDemoToLiveTest(t, h)
	h.Keys("enter", "d")
	awaitLive(h)
	h.WantScreen("Audience", "https://app.avoma.cmo", "Fix:")
}

// awaitLive delivers the live test's results until it has finished.
func awaitLive(h *tuitest.Harness) {
	h.AwaitUntil(func() bool {
		s := h.Screen()
		return strings.Contains(s, "Passed") || strings.Contains(s, "Rejected") || strings.Contains(s, "No SAML response")
	})
}
