package setup

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
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
			rec := &recorder{Model: m}
			tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
			wait := func(s string) {
				t.Helper()
				deadline := time.Now().Add(5 * time.Second)
				for !strings.Contains(rec.screen(), s) {
					if time.Now().After(deadline) {
						t.Fatalf("screen never showed %q; last:\n%s", s, rec.screen())
					}
					time.Sleep(2 * time.Millisecond)
				}
			}
			press := func(keys ...string) {
				for _, k := range keys {
					tm.Send(keyMsg(k))
				}
			}
			wait("Before you begin")
			for range i {
				press("down")
			}
			press("tab")
			tm.Type("acmecorp")
			press("enter")
			wait("Step 2 of 8")
			p, _ := profile.Builtin(id)
			if p.ServiceProvider.Generated {
				tm.Type("https://acme.example/sp")
				press("tab")
				tm.Type("https://acme.example/acs")
			}
			press("enter")
			wait("Step 3 of 8")
			press("a", "enter")
			wait("Step 4 of 8")
			press("enter")
			wait("Step 5 of 8")
			press("enter")
			wait("Step 6 of 8")
			press("3")
			wait("Waiting for the pasted XML")
			tm.Send(tea.PasteMsg{Content: string(f.metadata)})
			wait("The metadata is ready")
			press("enter")
			if p.Handoff.Method == profile.HandoffSupport {
				wait("receives the Metadata URL")
				tm.Type("https://sso.jumpcloud.example/md")
				press("enter")
			}
			wait("Step 7 of 8")
			if p.Rollout.Mode == profile.RolloutSessionsEnd {
				press("space")
			}
			press("enter")
			wait("Step 8 of 8")
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

// recorder keeps the last frame the program rendered. The terminal output
// holds only the cells that changed between frames, so tests read whole
// frames here instead.
type recorder struct {
	tea.Model
	mu   sync.Mutex
	last string
}

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.Model.Update(msg)
	return r, cmd
}

func (r *recorder) View() tea.View {
	v := r.Model.View()
	r.mu.Lock()
	r.last = ansi.Strip(v.Content)
	r.mu.Unlock()
	return v
}

func (r *recorder) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
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
	down, up := keyMsg("down"), keyMsg("up")
	for i := 0; b.Loop(); i++ {
		k := down
		if i%30 >= 15 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}
