package setup

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/filepicker"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// importMode is what step 6 shows.
type importMode int

const (
	modeChoose  importMode = iota // pick how to bring the metadata
	modeSource                    // type or paste the metadata URL or a path
	modePicker                    // browse for the exported .xml
	modePaste                     // waiting for pasted XML
	modeLoading                   // fetching or checking, with a spinner
	modeResults                   // the findings
	modeAskURL                    // the SP's support needs the URL, not the file
)

// The ways to import, in the order shown.
var importMethods = []struct{ name, hint string }{
	{"Paste the Metadata URL (or type a file path)", "SSO tab → Copy Metadata URL"},
	{"Pick the exported file", "SSO tab → Export Metadata saves JumpCloud-…-metadata.xml"},
	{"Paste the XML", "open the exported file, copy all of it"},
}

// sourcePasted is the MetadataSource of XML pasted into the wizard.
const sourcePasted = "pasted"

// importStep is step 6: bring JumpCloud's metadata in, check it with the
// same engine as `jcsso check`, and show the findings with their fixes.
// Nothing here touches the other answers, so a re-import loses none.
type importStep struct {
	w        *wizard
	mode     importMode
	method   int
	source   input
	url      input // the Metadata URL, asked when the source was a file
	picker   filepicker.Model
	spin     spinner.Model
	seq      int
	cancel   context.CancelFunc
	loading  string
	loadErr  error
	scroll   int
	width    int
	height   int
	autoLoad bool // a resumed session's source was loaded once already
}

// pickerDirMsg carries the folder the file picker starts in.
type pickerDirMsg struct{ dir string }

// loadedMsg is the outcome of a fetch or read and its check.
type loadedMsg struct {
	seq    int
	source string
	data   []byte
	report *metadata.Report
	err    error
}

func newImport(w *wizard) *importStep {
	s := &importStep{w: w, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	s.source = newInput("Metadata URL or file path", "https://… or ~/Downloads/JumpCloud-…-metadata.xml", w.ans.MetadataURL, checkSource)
	s.url = newInput("Metadata URL", "https://…", w.ans.MetadataURL, profile.CheckMetadataURL)
	// The picker's folder is looked up when the admin opens it, not at
	// start, where it would delay the first frame for nothing.
	s.picker = newPicker("")
	return s
}

func newPicker(dir string) filepicker.Model {
	p := filepicker.New()
	p.CurrentDirectory = dir
	p.AllowedTypes = []string{".xml"}
	p.ShowPermissions = false
	p.AutoHeight = false
	p.SetHeight(10)
	p.Cursor = "›"
	// esc belongs to the wizard (leave the picker), not to the picker.
	p.KeyMap.Back = key.NewBinding(key.WithKeys("h", "backspace", "left"), key.WithHelp("←", "parent folder"))
	return p
}

func checkSource(s string) error {
	switch strings.TrimSpace(s) {
	case "":
		return errEmpty
	case "-":
		// Standard input is the terminal the wizard is reading keys from.
		return errStdinSource
	}
	return nil
}

var errStdinSource = errors.New(`cannot be "-": standard input is this terminal; paste the XML with option 3 instead`)

func (s *importStep) Key() string   { return keyImport }
func (s *importStep) Title() string { return "Import the metadata" }
func (s *importStep) Typing() bool  { return s.mode == modeSource || s.mode == modeAskURL }
func (s *importStep) Modal() bool {
	return s.mode == modeSource || s.mode == modePicker || s.mode == modePaste || s.mode == modeLoading || s.mode == modeAskURL
}

// needsURL reports a profile whose SP's support is sent the Metadata URL
// while the metadata came from a file or a paste.
func (s *importStep) needsURL() bool {
	return s.w.prof != nil && s.w.prof.Handoff.Method == profile.HandoffSupport && !ssoconfig.IsURL(s.w.ans.MetadataSource)
}

// Enter re-checks metadata already imported, since answers such as the IdP
// Entity ID may have changed; a resumed session reloads its source.
func (s *importStep) Enter() tea.Cmd {
	w := s.w
	switch {
	case w.metadata != nil:
		return s.check(w.metadata, w.ans.MetadataSource)
	case !s.autoLoad && w.ans.MetadataSource != "" && w.ans.MetadataSource != sourcePasted:
		s.autoLoad = true
		return s.load(w.ans.MetadataSource)
	}
	if s.mode == modeSource {
		return s.source.focus()
	}
	return nil
}

// load fetches or reads source and checks it, in the background.
func (s *importStep) load(source string) tea.Cmd {
	w := s.w
	ctx, cancel := context.WithCancel(w.ctx)
	s.begin(cancel, "Reading "+source)
	seq, loadFn, check, lo := s.seq, w.svc.Load, w.svc.Check, w.opts.Load
	opts := w.svc.MetadataOptions(w.prof, w.ans, w.now())
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		defer cancel()
		data, err := loadFn(ctx, source, lo)
		if err != nil {
			return loadedMsg{seq: seq, source: source, err: err}
		}
		return loadedMsg{seq: seq, source: source, data: data, report: check(data, opts)}
	})
}

// check checks bytes already in memory (pasted, or a re-check).
func (s *importStep) check(data []byte, source string) tea.Cmd {
	w := s.w
	s.begin(func() {}, "Checking the metadata")
	seq, check := s.seq, w.svc.Check
	opts := w.svc.MetadataOptions(w.prof, w.ans, w.now())
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		return loadedMsg{seq: seq, source: source, data: data, report: check(data, opts)}
	})
}

func (s *importStep) begin(cancel context.CancelFunc, what string) {
	if s.cancel != nil {
		s.cancel()
	}
	s.seq++
	s.cancel, s.loading, s.loadErr = cancel, what, nil
	s.mode = modeLoading
}

// loaded records a finished import. Overrides are kept only while the same
// failures remain, so a new problem always needs a new decision.
func (s *importStep) loaded(m loadedMsg) {
	w := s.w
	s.cancel = nil
	if m.err != nil {
		s.loadErr = m.err
		s.mode = modeChoose
		if m.source != sourcePasted {
			s.mode = modeSource
			s.source.setValue(m.source)
		}
		return
	}
	w.metadata, w.report = m.data, m.report
	w.ans.MetadataSource = m.source
	// A file or a paste keeps the URL the admin gave before (or a flag did).
	if ssoconfig.IsURL(m.source) {
		w.ans.MetadataURL = m.source
	}
	if !ssoconfig.OverridesStillHold(m.report.Findings, w.ans.Overridden) {
		w.ans.Overridden = nil
	}
	s.mode, s.scroll = modeResults, 0
}
