package setup

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/tui"
)

// importMode is what step 6 shows.
type importMode int

const (
	modeChoose   importMode = iota // pick how to bring the metadata
	modeSource                     // type or paste the metadata URL or a path
	modePicker                     // browse for the exported .xml
	modePaste                      // waiting for pasted XML
	modeLoading                    // fetching or checking, with a spinner
	modeResults                    // the findings
	modeConfirm                    // continue past the failures? (names them)
	modeAskURL                     // the SP's support needs the URL, not the file
	modeCheckURL                   // fetching that URL to compare it with the file
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
	w       *wizard
	mode    importMode
	method  int
	source  input
	url     input // the Metadata URL, asked when the source was a file
	picker  tui.FilePicker
	spin    spinner.Model
	seq     int
	cancel  context.CancelFunc
	loading string
	loadErr error
	// pasted collects XML that arrives as key presses, from a terminal
	// without bracketed paste; settling is set for a moment after its root
	// closed, while the rest of that paste (a final newline) still arrives
	// and must not be taken as the admin's enter.
	pasted    strings.Builder
	settling  bool
	settleSeq int
	scroll    int
	width     int
	height    int
	autoLoad  bool // a resumed session's source was loaded once already
	// urlChecked is the Metadata URL last fetched and compared, and
	// urlUnchecked one that could not be fetched, which a second enter
	// takes as it is.
	urlChecked, urlUnchecked string
	// left is set once the admin went on, which ends the resume note.
	left bool
}

// pickerDirMsg carries the folder the file picker starts in.
type pickerDirMsg struct{ dir string }

// loadedMsg is the outcome of a fetch or read and its check.
type loadedMsg struct {
	seq    int
	source string
	// fromField says the source was typed in the source field, which then
	// keeps what was typed and shows the error as its verdict.
	fromField bool
	data      []byte
	report    *metadata.Report
	err       error
}

// urlComparedMsg is the Metadata URL fetched, compared with the metadata
// imported from a file or a paste.
type urlComparedMsg struct {
	seq  int
	url  string
	diff string // "" when it serves the same metadata
	err  error  // it could not be fetched or read
}

func newImport(w *wizard) *importStep {
	s := &importStep{w: w, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	s.source = newInput("Metadata URL or file path", "https://… or ~/Downloads/JumpCloud-…-metadata.xml", w.ans.MetadataURL, checkSource)
	s.url = newInput("Metadata URL", "https://…", sentURLPrefill(w.ans.MetadataURL), profile.CheckSentMetadataURL)
	s.picker = tui.FilePicker{Allowed: []string{".xml"}}
	return s
}

// reset rebuilds the fields from the answers (a resumed session).
func (s *importStep) reset() {
	*s = *newImport(s.w)
}

func checkSource(s string) error {
	switch t := strings.TrimSpace(s); {
	case t == "":
		return errEmpty
	case t == "-":
		// Standard input is the terminal the wizard is reading keys from.
		return errStdinSource
	case strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://"):
		return profile.CheckMetadataURL(t)
	}
	return nil
}

var errStdinSource = errors.New(`cannot be "-": standard input is this terminal; paste the XML with option 3 instead`)

func (s *importStep) Key() string   { return keyImport }
func (s *importStep) Title() string { return "Import the metadata" }
func (s *importStep) Typing() bool {
	// The paste box takes XML typed out key by key, ? included.
	return s.mode == modeSource || s.mode == modeAskURL || s.mode == modePaste
}
func (s *importStep) Modal() bool {
	switch s.mode {
	case modeChoose, modeResults:
		return false
	}
	return true
}

// needsURL reports a profile whose SP's support is sent the Metadata URL
// while the metadata came from a file or a paste, or from a URL that
// cannot be sent (one with a password: profile.CheckSentMetadataURL).
func (s *importStep) needsURL() bool {
	if s.w.prof == nil || s.w.prof.Handoff.Method != profile.HandoffSupport {
		return false
	}
	return !ssoconfig.IsURL(s.w.ans.MetadataSource) || profile.CheckSentMetadataURL(s.w.ans.MetadataURL) != nil
}

// sentURLPrefill is the Metadata URL known so far as the field for the URL
// to send starts with: never one with a password, which is not shown and
// cannot be sent.
func sentURLPrefill(url string) string {
	if samlcheck.RedactURL(url) != url {
		return ""
	}
	return url
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
		return s.load(w.ans.MetadataSource, false)
	}
	s.prefill()
	if s.mode == modeSource {
		return s.source.focus()
	}
	return nil
}

// prefill puts the Metadata URL known so far (a flag, or the IdP itself
// once the app was saved: Services.SaveApp) in the empty field, for the
// first import.
func (s *importStep) prefill() {
	if s.w.metadata == nil && s.source.value() == "" && s.w.ans.MetadataURL != "" {
		s.source.setValue(s.w.ans.MetadataURL)
	}
}

// load fetches or reads source (a URL, or a path as typed or pasted) and
// checks it, in the background.
func (s *importStep) load(typed string, fromField bool) tea.Cmd {
	w := s.w
	source, err := userpath.Clean(typed)
	if err != nil {
		if fromField {
			s.source.fail(err)
			return nil
		}
		s.loadErr = err
		return nil
	}
	ctx, cancel := context.WithCancel(w.ctx)
	s.begin(cancel, "Reading "+source)
	seq, loadFn, check, lo := s.seq, w.svc.Load, w.svc.Check, w.opts.Load
	opts := w.svc.MetadataOptions(w.prof, w.ans, w.now())
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		defer cancel()
		data, err := loadFn(ctx, source, lo)
		if err != nil {
			return loadedMsg{seq: seq, source: source, fromField: fromField, err: err}
		}
		return loadedMsg{seq: seq, source: source, fromField: fromField, data: data, report: check(data, opts)}
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
		s.mode = modeChoose
		switch {
		case m.fromField:
			// The field keeps what was typed; the error is its verdict.
			s.mode = modeSource
			s.source.fail(m.err)
		case m.source != sourcePasted:
			s.mode = modeSource
			s.source.setValue(m.source)
			s.source.fail(m.err)
		default:
			s.loadErr = m.err
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

// findings are the report's findings in the profile's words.
func (s *importStep) findings() samlcheck.Findings {
	if s.w.report == nil {
		return nil
	}
	return ssoconfig.Explain(s.w.prof, s.w.ans, s.w.report)
}

// compareURL fetches the Metadata URL the admin gave and compares what it
// serves with the metadata imported from a file or a paste: the message
// for the SP's support carries that URL, so it must serve the same thing.
func (s *importStep) compareURL(url string) tea.Cmd {
	w := s.w
	ctx, cancel := context.WithCancel(w.ctx)
	s.begin(cancel, "Fetching "+url+" to compare it with the imported metadata")
	s.mode = modeCheckURL
	seq, loadFn, lo := s.seq, w.svc.Load, w.opts.Load
	opts := w.svc.MetadataOptions(w.prof, w.ans, w.now())
	imported := w.report.IdP
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		defer cancel()
		data, err := loadFn(ctx, url, lo)
		served := drift.ServedFrom(ctx, imported, data, err, opts)
		if served.Unchecked != "" {
			return urlComparedMsg{seq: seq, url: url, err: errors.New(served.Unchecked)}
		}
		return urlComparedMsg{seq: seq, url: url, diff: served.Differs()}
	})
}
