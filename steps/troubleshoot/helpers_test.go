package troubleshoot

import (
	tea "charm.land/bubbletea/v2"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/casefiles"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// testClock is the session's clock in tests: the day the cases' logins happened.
var testClock = func() time.Time { return testidp.DefaultIssueInstant.Add(time.Minute) }

// fakes record what the session asked of the outside world; files are
// read for real (from the case's folder).
type fakes struct {
	mu     sync.Mutex
	copied []string
	wrote  map[string][]byte
	writes int
}

func (f *fakes) services(real bool) Services {
	s := Services{Clipboard: func(text string) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.copied = append(f.copied, text)
		return nil
	}}
	if !real {
		s.WriteReport = func(path string, data []byte) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.wrote == nil {
				f.wrote = map[string][]byte{}
			}
			f.wrote[path] = data
			f.writes++
			return nil
		}
	}
	return s
}

// harness is the session driven synchronously at 80×24 unless resized.
type harness struct {
	*tuitest.Harness
	t *session
	f *fakes
}

func start(tb testing.TB, opts Options, w, h int) *harness {
	tb.Helper()
	f := &fakes{}
	if opts.Services.Clipboard == nil {
		opts.Services = f.services(false)
	}
	if opts.Clock == nil {
		opts.Clock = testClock
	}
	m, t := newModel(context.Background(), opts)
	return &harness{Harness: tuitest.New(tb, m, w, h), t: t, f: f}
}

func builtin(tb testing.TB, id string) *profile.Profile {
	tb.Helper()
	p, ok := profile.Builtin(id)
	if !ok {
		tb.Fatalf("no profile %s", id)
	}
	return p
}

// caseOpts start a session on a case's files: the ones named.
func caseOpts(f *casefiles.Files, files ...string) Options {
	o := Options{Profile: f.Profile, ProfileFixed: true, ReportPath: filepath.Join(f.Dir, "report.md")}
	for _, name := range files {
		switch name {
		case "har":
			o.Response = f.HAR
		case "no-access":
			o.Response = f.NoResponseHAR
		case "response":
			o.Response = f.Response
		case "metadata":
			o.Metadata = f.Metadata
		case "fresh":
			o.Metadata = f.FreshMetadata
		case "config":
			o.Config = f.Config
		}
	}
	return o
}

// pickSymptom chooses the symptom with id on the first screen.
func (h *harness) pickSymptom(tb testing.TB, id string) {
	tb.Helper()
	for i, s := range symptomIDs() {
		if s == id {
			h.Keys(string(rune('1' + i)))
			return
		}
	}
	tb.Fatalf("no symptom %s", id)
}

func (h *harness) wantStep(tb testing.TB, key string) {
	tb.Helper()
	if got := h.M.Active(); got != key {
		tb.Fatalf("on %s, want %s:\n%s", got, key, h.Screen())
	}
}

// screenFlat is the screen with its lines joined, so wrapped text is found.
func (h *harness) screenFlat() string {
	return strings.Join(strings.Fields(h.Screen()), " ")
}

func tuitestResize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
