package logintest

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// TestEveryShownKeyWorks is the help line's promise on every screen and
// state of the live test: each key the help shows acts when pressed there
// (the screen changes, the program ends, a value is copied, the browser
// is opened or the host told), and the key listing all keys is there.
func TestEveryShownKeyWorks(t *testing.T) {
	demo := func(c *Config) {
		c.Services.SignInAs = "alice@acmecorp.com"
		c.Services.SignIn = func(context.Context, string) (acs.BrowserOutcome, error) {
			return acs.BrowserOutcome{NoResponse: true}, nil
		}
	}
	hosted := func(c *Config) { c.DoneLabel = "next" }
	checkpoints := []struct {
		name string
		o    rigOptions
		do   func(r *rig)
	}{
		{"waiting", rigOptions{}, nil},
		{"waiting, no opener", rigOptions{noOpener: true}, nil},
		{"waiting, no browser", rigOptions{openErr: ErrNoBrowser}, func(r *rig) { r.Keys("o") }},
		{"waiting, demo", rigOptions{cfg: demo}, nil},
		{"passed", rigOptions{}, func(r *rig) { r.finish(fakeResult(true), nil) }},
		{"rejected, hosted", rigOptions{cfg: hosted}, func(r *rig) { r.finish(fakeResult(false), nil) }},
		{"timed out", rigOptions{timeout: -1}, func(r *rig) { r.AwaitUntil(func() bool { return r.step.mode == modeNoResponse }) }},
		{"timed out, small", rigOptions{timeout: -1}, func(r *rig) {
			r.Send(tea.WindowSizeMsg{Width: 80, Height: 14})
			r.AwaitUntil(func() bool { return r.step.mode == modeNoResponse })
		}},
		{"cancelled", rigOptions{}, func(r *rig) { r.Keys("esc") }},
		{"skipped", rigOptions{cfg: func(c *Config) {
			done := c.OnDone
			c.OnDone = func(o Outcome) tea.Cmd { done(o); return nil } // stays, as the wizard's step does when come back to
		}}, func(r *rig) { r.Keys("s") }},
		{"could not start", rigOptions{startErr: acs.ErrPortBusy}, nil},
		{"paste, empty", rigOptions{}, func(r *rig) { r.Keys("p") }},
		{"paste, typed", rigOptions{}, func(r *rig) { r.Keys("p"); r.Type("login.har") }},
		{"paste, unreadable", rigOptions{}, func(r *rig) { r.Keys("p"); r.Type("missing.har"); r.Keys("enter") }},
		{"pasted, inspected", rigOptions{}, func(r *rig) { r.Keys("p"); r.Type("good.har"); r.Keys("enter") }},
	}
	for _, cp := range checkpoints {
		t.Run(cp.name, func(t *testing.T) {
			tuitest.CheckShownKeys(t, cp.name, func() (*tuitest.Harness, func() string) {
				r := newRig(t, cp.o)
				if cp.do != nil {
					cp.do(r)
				}
				return r.Harness, r.extra
			})
		})
	}
}
