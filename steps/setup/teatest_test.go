package setup

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// TestProgramFlow runs the wizard as a real Bubble Tea program (teatest)
// for each built-in profile, typing as an admin would, and checks that the
// program ends with the configuration written.
func TestProgramFlow(t *testing.T) {
	for i, id := range profile.BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
			m, w, err := newModel(context.Background(), Options{Services: f.services(), Now: func() time.Time { return testNow }})
			if err != nil {
				t.Fatal(err)
			}
			frames := tuitest.NewFrames(m)
			tm := teatest.NewTestModel(t, frames, teatest.WithInitialTermSize(80, 24))
			wait := func(s string) {
				t.Helper()
				frames.WaitFor(t, s, 5*time.Second)
			}
			press := func(keys ...string) {
				for _, k := range keys {
					tm.Send(tuitest.Key(k))
				}
			}
			wait("Before you begin")
			for range i {
				press("down")
			}
			press("tab")
			tm.Type("acmecorp")
			press("enter")
			wait("Step 2 of 9")
			p, _ := profile.Builtin(id)
			if p.ServiceProvider.Generated {
				fillSPValues(p, tm.Type, press, "https://acme.example/sp", "https://acme.example/acs")
			}
			press("enter")
			wait("Step 3 of 9")
			press("a", "enter")
			wait("Step 4 of 9")
			press("enter")
			wait("Step 5 of 9")
			press("enter")
			wait("Step 6 of 9")
			press("3")
			wait("Waiting for the pasted XML")
			tm.Send(tea.PasteMsg{Content: string(f.metadata)})
			wait("The metadata is ready")
			press("enter")
			if p.Handoff.Method == profile.HandoffSupport {
				wait("receives the Metadata URL")
				tm.Type("https://sso.jumpcloud.example/md")
				press("enter") // fetched (the fake serves the same metadata) and compared
			}
			// The live test: the listener (a fake) waits; a login passes.
			wait("Step 7 of 9")
			wait("Waiting for the response")
			f.mu.Lock()
			live := f.lives[len(f.lives)-1]
			f.mu.Unlock()
			live.end <- fakeLiveEnd{res: passedLive()}
			wait("✓ Passed")
			press("enter")
			wait("Step 8 of 9")
			if p.Rollout.Mode == profile.RolloutSessionsEnd {
				press("space")
			}
			press("enter")
			wait("Step 9 of 9")
			press("enter")
			wait("Written to")
			press("enter")
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
			if !w.done || len(f.wrote) != 1 {
				t.Fatalf("done %v, wrote %v", w.done, f.wrote)
			}
		})
	}
}

// BenchmarkUpdateView is one key press handled and the screen rendered at
// 120×40 on the busiest screen (the SSO tab), the work done per keystroke.
func BenchmarkUpdateView(b *testing.B) {
	f := &fakes{sessions: []ssoconfig.Answers{{Step: keySSOTab, ProfileID: "avoma", Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp"}}}
	m, _, err := newModel(context.Background(), Options{Services: f.services(), Resume: true})
	if err != nil {
		b.Fatal(err)
	}
	m.Init() // enters step 4; its commands are not needed here
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.Active() != keySSOTab {
		b.Fatalf("on step %q", m.Active())
	}
	b.ReportAllocs()
	down, up := tuitest.Key("down"), tuitest.Key("up")
	for i := 0; b.Loop(); i++ {
		k := down
		if i%30 >= 15 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}
