package steps

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// testNow is inside the generated certificate's validity.
var testNow = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

// jumpcloudMetadata is a JumpCloud-shaped export whose entityID is idp.
func jumpcloudMetadata(t testing.TB, idp string) []byte {
	t.Helper()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	return samltest.Metadata(kp, samltest.MetadataOptions{EntityID: idp})
}

// fakes records what the wizard asked of the outside world.
type fakes struct {
	mu       sync.Mutex
	sessions []ssoconfig.Answers
	copied   []string
	wrote    []string
	cleared  int
	exists   bool // the first write finds the folder existing
	metadata []byte
}

func (f *fakes) services() Services {
	return Services{
		Load: func(_ context.Context, source string, _ samlcheck.LoadOptions) ([]byte, error) {
			if strings.Contains(source, "missing") {
				return nil, &samlcheck.SourceError{Source: source, Reason: "no such file"}
			}
			return f.metadata, nil
		},
		Check: func(data []byte, o samlcheck.MetadataOptions) *samlcheck.MetadataReport {
			return fakeCheck(data, o)
		},
		MetadataOptions: ssoconfig.MetadataOptions,
		SPValues:        ssoconfig.SPValues,
		Build: func(p *profile.Profile, a ssoconfig.Answers, md []byte, rep *samlcheck.MetadataReport, now time.Time) (*ssoconfig.Bundle, error) {
			return &ssoconfig.Bundle{Config: &ssoconfig.Config{}, Metadata: md, NextSteps: []byte("# Send two values to " + p.Name + "\n")}, nil
		},
		Write: func(_ context.Context, dir string, b *ssoconfig.Bundle, o ssoconfig.WriteOptions) (ssoconfig.Written, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.exists && !o.Force {
				return ssoconfig.Written{}, ssoconfig.ErrFolderExists
			}
			f.wrote = append(f.wrote, dir)
			return ssoconfig.Written{Dir: dir, Paths: []string{filepath.Join(dir, ssoconfig.ConfigYAML), filepath.Join(dir, ssoconfig.NextStepsMD)}}, nil
		},
		SaveSession: func(a ssoconfig.Answers) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.sessions = append(f.sessions, a)
			return nil
		},
		LoadSession: func() (ssoconfig.Answers, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.sessions) == 0 {
				return ssoconfig.Answers{}, ErrNoSession
			}
			return f.sessions[len(f.sessions)-1], nil
		},
		ClearSession: func() error { f.mu.Lock(); f.cleared++; f.mu.Unlock(); return nil },
		Clipboard: func(s string) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.copied = append(f.copied, s)
			return errors.New("no clipboard here")
		},
		PickerDir: func() string { return os.TempDir() },
	}
}

// fakeCheck fails when the metadata's entityID is not the expected IdP
// Entity ID, the one check the flows below rely on.
func fakeCheck(data []byte, o samlcheck.MetadataOptions) *samlcheck.MetadataReport {
	rep := &samlcheck.MetadataReport{OK: true}
	if o.IdPEntityID != "" && !strings.Contains(string(data), `entityID="`+o.IdPEntityID+`"`) {
		rep.OK = false
		rep.Findings = append(rep.Findings, samlcheck.Finding{ID: "idp.entity_id", Severity: samlcheck.SeverityFail,
			Message: "entityID differs from the IdP Entity ID you typed", Fix: "save the app in JumpCloud and export again"})
	}
	rep.Findings = append(rep.Findings, samlcheck.Finding{ID: "cert.valid", Severity: samlcheck.SeverityPass, Message: "the signing certificate is valid"})
	return rep
}

// harness drives the root model synchronously: each message is handled,
// and the commands it returns are run and their messages fed back, except
// timers, so a test sees the screen after everything settled.
type harness struct {
	onDump func(label, screen string)
	t      *testing.T
	m      *tui.Model
	w      *wizard
	// pending are commands still running after the harness stopped
	// waiting: timers, or real I/O slowed by a busy machine. wantScreen
	// and wantStep deliver their results while they wait for the screen.
	pending []chan tea.Msg
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	m, w, err := newModel(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, m: m, w: w}
	h.run(m.Init())
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

func (h *harness) send(msg tea.Msg) {
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// run executes cmd and feeds back its messages; a command that takes
// longer than a moment (a tick: spinner, status timeout) is left pending,
// so the harness never waits for timers.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		h.deliver(msg)
	case <-time.After(150 * time.Millisecond):
		// Most likely a timer, not needed for the screen under test; if
		// it is slow I/O, wantScreen picks its result up.
		h.pending = append(h.pending, done)
	}
}

// deliver feeds a command's message back to the model.
func (h *harness) deliver(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			h.run(c)
		}
	default:
		if isInternalTea(msg) {
			return
		}
		h.send(msg)
	}
}

// isInternalTea drops messages meant for the program itself (clipboard,
// background-colour query: unexported tea types) and spinner frames, which
// a synchronous harness cannot wait for.
func isInternalTea(msg tea.Msg) bool {
	if _, ok := msg.(spinner.TickMsg); ok {
		return true
	}
	name := fmt.Sprintf("%T", msg)
	rest, ok := strings.CutPrefix(name, "tea.")
	return ok && rest != "" && unicode.IsLower(rune(rest[0]))
}

func (h *harness) key(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (h *harness) screen() string { return ansi.Strip(h.m.Render()) }

// settle waits until ok holds, delivering the results of pending commands
// as they finish; it gives up after a few seconds (timers never finish in
// time, which is fine: ok is then simply false).
func (h *harness) settle(ok func() bool) {
	deadline := time.After(5 * time.Second)
	for !ok() {
		cases := make([]reflect.SelectCase, 0, len(h.pending)+1)
		for _, ch := range h.pending {
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)})
		}
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(deadline)})
		i, v, _ := reflect.Select(cases)
		if i == len(h.pending) {
			return
		}
		h.pending = append(h.pending[:i], h.pending[i+1:]...)
		if msg := v.Interface(); msg != nil {
			h.deliver(msg.(tea.Msg))
		}
	}
}

func (h *harness) step() int { return h.m.Active() + 1 }

// wantStep fails unless the wizard shows step n.
func (h *harness) wantStep(n int) {
	h.t.Helper()
	h.settle(func() bool { return h.step() == n })
	if h.step() != n {
		h.t.Fatalf("on step %d, want %d; screen:\n%s", h.step(), n, h.screen())
	}
}

func (h *harness) wantScreen(parts ...string) {
	h.t.Helper()
	all := func() bool {
		for _, p := range parts {
			if !strings.Contains(h.screen(), p) {
				return false
			}
		}
		return true
	}
	h.settle(all)
	s := h.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}
