package setup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// testNow is the one clock of the wizard's tests, inside the generated
// certificate's validity; cmd/jcsso's tests use the same instant.
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
	// spMetadata is served for a source naming "spmeta"; pickerDir is
	// where the file picker starts (default the system's temp folder).
	spMetadata []byte
	pickerDir  string
	// message is the support message the fake write returns.
	message string
	// lives are the live tests started, liveOpts their options, opened
	// the URLs the browser was opened at.
	lives    []*fakeLive
	liveOpts []acs.Options
	opened   []string
}

func (f *fakes) services() Services {
	return Services{
		Load: func(_ context.Context, source string, _ samlsource.LoadOptions) ([]byte, error) {
			switch {
			case strings.Contains(source, "missing"):
				return nil, &samlsource.Error{Source: source, Reason: "no such file"}
			case strings.Contains(source, "unreachable"):
				return nil, &samlsource.Error{Source: source, Reason: "connection refused"}
			case strings.Contains(source, "spmeta"):
				return f.spMetadata, nil
			}
			return f.metadata, nil
		},
		Check: func(data []byte, o metadata.Options) *metadata.Report {
			return fakeCheck(data, o)
		},
		MetadataOptions: ssoconfig.MetadataOptions,
		SPValues:        ssoconfig.SPValues,
		WriteSetup: func(_ context.Context, p *profile.Profile, a ssoconfig.Answers, md []byte, rep *metadata.Report, now time.Time, o ssoconfig.WriteOptions) (*ssoconfig.Written, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.exists && !o.Force {
				return nil, ssoconfig.ErrFolderExists
			}
			dir := a.Folder()
			f.wrote = append(f.wrote, dir)
			b := &ssoconfig.Bundle{Config: &ssoconfig.Config{}, Metadata: md, Next: &ssoconfig.NextStepsDoc{Title: "Send two values to " + p.Name, Message: f.message, MessageTo: "the support team"}}
			return &ssoconfig.Written{Dir: dir, Paths: []string{filepath.Join(dir, ssoconfig.ConfigYAML), filepath.Join(dir, ssoconfig.NextStepsMD)}, Bundle: b}, nil
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
				return ssoconfig.Answers{}, ssoconfig.ErrNoSession
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
		PickerDir: func() string {
			if f.pickerDir != "" {
				return f.pickerDir
			}
			return os.TempDir()
		},
		LiveTest: f.liveServices(),
	}
}

// fakeCheck fails when the metadata's entityID is not the expected IdP
// Entity ID, the one check the flows below rely on.
func fakeCheck(data []byte, o metadata.Options) *metadata.Report {
	rep := &metadata.Report{OK: true}
	if o.IdPEntityID != "" && !strings.Contains(string(data), `entityID="`+o.IdPEntityID+`"`) {
		rep.OK = false
		rep.Findings = append(rep.Findings, samlcheck.Finding{ID: "idp.entity_id", Severity: samlcheck.SeverityFail,
			Message: "entityID differs from the IdP Entity ID you typed", Fix: "save the app in JumpCloud and export again"})
	}
	rep.Findings = append(rep.Findings, samlcheck.Finding{ID: "cert.valid", Severity: samlcheck.SeverityPass, Message: "the signing certificate is valid"})
	return rep
}

// harness is the shared synchronous harness (tui/tuitest) with the
// wizard's state beside it, for checks on the answers.
type harness struct {
	*tuitest.Harness
	t        *testing.T
	w        *wizard
	onDump   func(label, screen string)
	onScreen func(h *harness, label string)
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
	return &harness{Harness: tuitest.New(t, m, 80, 24), t: t, w: w}
}

// fillSPValues types step 2's values for a profile whose SP generates them,
// through typeText and press (the harness's or teatest's): the app's name
// first for a customizable profile, past the optional SP-metadata field.
func fillSPValues(p *profile.Profile, typeText func(string), press func(...string), sp, acs string) {
	if p.Customizable {
		typeText("Acme CRM")
		press("tab")
	}
	if p.ServiceProvider.SPMetadata {
		press("tab")
	}
	typeText(sp)
	press("tab")
	typeText(acs)
}

// toImportWith walks a vome session up to step 6 with the given services.
func toImportWith(t *testing.T, svc Services) *harness {
	t.Helper()
	h := newHarness(t, Options{Services: svc})
	h.Keys("tab")
	h.Type("acmecorp")
	h.Keys("enter")
	h.Type("https://acme.vome.example/saml")
	h.Keys("tab")
	h.Type("https://acme.vome.example/acs")
	h.Keys("enter", "a", "enter", "enter", "enter")
	h.WantPosition(6)
	return h
}

func pasteMsg(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// tuiKey is a key press by name, for keys the harness's Keys lacks.
func tuiKey(name string) tea.KeyPressMsg {
	switch name {
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	return tuitest.Key(name)
}
