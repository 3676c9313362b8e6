package setup

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	samlsource "github.com/jcsso/jcsso/samlcheck/source"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/rules"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/findings"
)

// ShortHelp lists only keys that do something on the screen as it is.
func (s *importStep) ShortHelp() []key.Binding {
	k := s.w.keys()
	switch s.mode {
	case modeChoose:
		pick := k.Number
		pick.SetKeys("1", "2", "3")
		pick.SetHelp("1-3", "pick")
		return []key.Binding{tui.With(k.Next, "choose"), pick, k.Move, k.Back}
	case modeSource:
		var b []key.Binding
		if s.source.verdict() == nil {
			b = append(b, tui.With(k.Next, "check"))
		}
		return append(b, tui.With(k.Back, "other ways"))
	case modePicker:
		var b []key.Binding
		if e, ok := s.picker.Selected(); ok {
			switch {
			case e.Dir:
				b = append(b, tui.With(k.Next, "open"))
			case s.picker.Pickable(e):
				b = append(b, tui.With(k.Next, "check it"))
			}
		}
		if len(s.picker.Entries) > 1 {
			b = append(b, k.Move)
		}
		if s.picker.CanGoUp() {
			b = append(b, tui.UpKey)
		}
		return append(b, tui.With(k.Back, "other ways"))
	case modePaste:
		if s.pasted.Len() > 0 {
			return []key.Binding{tui.With(k.Done, "check what arrived"), tui.With(k.Back, "start over")}
		}
		return []key.Binding{tui.With(k.Back, "other ways")}
	case modeLoading, modeCheckURL:
		return []key.Binding{tui.With(k.Back, "cancel")}
	case modeConfirm:
		return []key.Binding{tui.With(k.Yes, "continue anyway"), tui.With(k.No, "back to the findings")}
	case modeAskURL:
		// Enter says what it will do: check the URL, or, once it could
		// not be fetched, take it unchecked (the line above says so).
		var b []key.Binding
		switch v := strings.TrimSpace(s.url.value()); {
		case v != "" && v == s.urlUnchecked:
			b = append(b, tui.With(k.Next, "use it unchecked"))
		case s.url.verdict() == nil:
			b = append(b, tui.With(k.Next, "check it"))
		}
		return append(b, tui.With(k.Back, "the findings"))
	}
	// Most needed first: at 80 columns the last ones give way to the key
	// that lists them all. After a failure, that is importing again or
	// overriding; enter shows only once it leads on.
	var b []key.Binding
	blocked := s.w.report != nil && !s.w.report.OK && len(s.w.ans.Overridden) == 0
	if blocked {
		b = append(b, k.Reimport, k.Override)
	} else {
		b = append(b, k.Next, k.Reimport)
	}
	if s.maxScroll() > 0 {
		b = append(b, tui.With(k.Move, "scroll"))
	}
	return append(b, k.Back)
}

func (s *importStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *importStep) Update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case appSavedMsg:
		s.prefill() // the wizard has the URL already (its update runs first)
		return nil
	case pickerDirMsg:
		if s.picker.Dir != "" {
			return nil
		}
		return s.picker.Open(m.dir)
	case tui.DirMsg:
		s.picker.Loaded(m)
		return nil
	case loadedMsg:
		if m.seq != s.seq {
			return nil
		}
		s.loaded(m)
		if m.err != nil {
			return nil
		}
		// Save as the admin goes: a resumed session re-imports from here.
		return s.w.saveSession(s.Key())
	case urlComparedMsg:
		if m.seq != s.seq {
			return nil
		}
		return s.compared(m)
	case spinner.TickMsg:
		if s.mode != modeLoading && s.mode != modeCheckURL {
			return nil
		}
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return cmd
	case tea.WindowSizeMsg:
		s.width, s.height = m.Width, m.Height
		return nil
	case pasteSettledMsg:
		if m.seq == s.settleSeq {
			s.settling = false
		}
		return nil
	case tea.PasteMsg:
		return s.paste(m.Content)
	case tea.KeyPressMsg:
		if s.settling && trailing(m) {
			return nil // the rest of the paste, not the admin's enter
		}
		s.settling = false
		return s.key(m)
	}
	// Anything else (cursor blinks) goes to the field that may be waiting.
	if s.mode == modeAskURL {
		return s.url.update(msg)
	}
	return s.source.update(msg)
}

// pastedTooLarge is the status for pasted text over the metadata cap, the
// limit worded as every limit is.
var pastedTooLarge = "the pasted text is over " + rules.SizeLimit(samlsource.MaxInputBytes) + "; that is not JumpCloud metadata"

func (s *importStep) paste(content string) tea.Cmd {
	text := strings.TrimSpace(content)
	switch {
	case s.mode == modeSource:
		return s.source.update(tea.PasteMsg{Content: content})
	case s.mode == modeAskURL:
		return s.url.update(tea.PasteMsg{Content: content})
	case strings.HasPrefix(text, "<") && (s.mode == modePaste || s.mode == modeChoose || s.mode == modeResults):
		if len(text) > samlsource.MaxInputBytes {
			return tui.Status(pastedTooLarge, tui.KindFail)
		}
		s.pasted.Reset()
		return s.check([]byte(content), sourcePasted)
	case ssoconfig.IsURL(text) && (s.mode == modeChoose || s.mode == modeResults):
		s.source.setValue(text)
		return s.load(text, false)
	case s.mode == modePaste:
		return tui.Status("that does not look like XML; paste the whole metadata file, starting with <", tui.KindWarn)
	}
	return nil
}

// typedPaste takes XML that arrives as key presses (a terminal without
// bracketed paste types the clipboard out, newlines as enter) and checks
// it once the root element is closed, or on ctrl+d.
func (s *importStep) typedPaste(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Done):
		if s.pasted.Len() == 0 {
			return nil
		}
		return s.finishTyped()
	case km.Code == tea.KeyEnter || (km.Code == 'j' && km.Mod == tea.ModCtrl):
		s.pasted.WriteByte('\n')
	case km.Code == tea.KeyTab:
		s.pasted.WriteByte('\t')
	case km.Text != "":
		s.pasted.WriteString(km.Text)
	default:
		return nil
	}
	text := strings.TrimSpace(s.pasted.String())
	switch {
	case text != "" && !strings.HasPrefix(text, "<"):
		s.pasted.Reset()
		return tui.Status("that does not look like XML; paste the whole metadata file, starting with <", tui.KindWarn)
	case s.pasted.Len() > samlsource.MaxInputBytes:
		s.pasted.Reset()
		return tui.Status(pastedTooLarge, tui.KindFail)
	case rootClosed(text):
		return s.finishTyped()
	}
	return nil
}

func (s *importStep) finishTyped() tea.Cmd {
	data := []byte(s.pasted.String())
	s.pasted.Reset()
	s.settling = true
	s.settleSeq++
	seq := s.settleSeq
	settled := s.w.ui.Tick(pasteSettle, func(time.Time) tea.Msg { return pasteSettledMsg{seq: seq} })
	return tea.Batch(s.check(data, sourcePasted), settled)
}

// pasteSettle is how long after a typed-out paste's root closed the keys
// that may still belong to it (whitespace) are dropped: a terminal types
// a whole clipboard out in far less.
const pasteSettle = 300 * time.Millisecond

// pasteSettledMsg ends the moment after a typed-out paste.
type pasteSettledMsg struct{ seq int }

// trailing reports a key that may be the end of a typed-out paste.
func trailing(km tea.KeyPressMsg) bool {
	return km.Code == tea.KeyEnter || km.Code == tea.KeyTab || km.Code == tea.KeySpace || (km.Code == 'j' && km.Mod == tea.ModCtrl)
}

// rootStart finds the document's first element name, after any XML
// declaration and comments.
var rootStart = regexp.MustCompile(`<([A-Za-z_][A-Za-z0-9_.:-]*)`)

// rootClosed reports whether text holds its root element's end tag.
func rootClosed(text string) bool {
	m := rootStart.FindStringSubmatch(text)
	if m == nil {
		return false
	}
	return strings.Contains(text, "</"+m[1]+">")
}

func (s *importStep) key(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	switch s.mode {
	case modeChoose:
		return s.keyChoose(km)
	case modeSource:
		switch {
		case key.Matches(km, k.Back):
			s.mode = modeChoose
			s.source.blur()
			return nil
		case key.Matches(km, k.Next):
			if err := s.source.verdict(); err != nil {
				return tui.Status("Metadata URL or file path "+err.Error(), tui.KindFail)
			}
			return s.load(s.source.value(), true)
		}
		return s.source.update(km)
	case modePicker:
		return s.keyPicker(km)
	case modePaste:
		if key.Matches(km, k.Back) {
			s.pasted.Reset()
			s.mode = modeChoose
			return nil
		}
		return s.typedPaste(km)
	case modeConfirm:
		switch {
		case key.Matches(km, k.Yes):
			s.w.ans.Overridden = ssoconfig.FailedIDs(s.w.report.Findings)
			s.mode = modeResults
			return tea.Batch(tui.Status("continuing past "+strings.Join(s.w.ans.Overridden, ", ")+": recorded, and first in NEXT-STEPS.md", tui.KindWarn), s.next())
		case key.Matches(km, k.No), key.Matches(km, k.Back):
			s.mode = modeResults
		}
		return nil
	case modeAskURL:
		return s.keyAskURL(km)
	case modeLoading, modeCheckURL:
		if key.Matches(km, k.Back) {
			if s.cancel != nil {
				s.cancel()
			}
			s.seq++ // ignore the result still on its way
			if s.mode == modeCheckURL {
				s.mode = modeAskURL
				return s.url.focus()
			}
			s.mode = modeChoose
		}
		return nil
	}
	return s.keyResults(km)
}

func (s *importStep) keyPicker(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Back):
		s.mode = modeChoose
	case key.Matches(km, k.Up):
		s.picker.Move(-1)
	case key.Matches(km, k.Down):
		s.picker.Move(1)
	case key.Matches(km, tui.UpKey):
		return s.picker.Up()
	case key.Matches(km, k.Next):
		path, refused, cmd := s.picker.Choose()
		switch {
		case refused != "":
			return tui.Status(refused, tui.KindWarn)
		case path != "":
			return s.load(path, false)
		}
		return cmd
	}
	return nil
}

func (s *importStep) keyAskURL(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Back):
		s.mode = modeResults
		s.url.blur()
		return nil
	case key.Matches(km, k.Next):
		v := strings.TrimSpace(s.url.value())
		if v != "" && v == s.urlUnchecked {
			// Asked once, could not be fetched: the admin takes it as it is.
			s.w.urlUnchecked = v
			return s.takeURL(v)
		}
		if err := s.url.verdict(); err != nil {
			return tui.Status("Metadata URL "+samlcheck.Printable(err.Error()), tui.KindFail)
		}
		return s.compareURL(v)
	}
	return s.url.update(km)
}

// compared shows how the URL compared: the same metadata goes on; other
// metadata is refused; a fetch that failed is said plainly, and a second
// enter takes the URL unchecked.
func (s *importStep) compared(m urlComparedMsg) tea.Cmd {
	s.cancel = nil
	s.mode = modeAskURL
	cmd := s.url.focus()
	switch {
	case m.err != nil:
		s.urlUnchecked = m.url
		s.url.fail(fmt.Errorf("the Metadata URL could not be checked: %v. enter again uses it unchecked", m.err))
		return cmd
	case m.diff != "":
		s.url.fail(fmt.Errorf("the Metadata URL serves other metadata than the imported file: %s. Copy this app's URL again; or, if you changed the app in JumpCloud since the export, import again from the URL (esc, then r)", m.diff))
		return cmd
	}
	s.urlChecked = m.url
	s.w.urlUnchecked = ""
	return tea.Batch(cmd, tui.Status("the Metadata URL serves the same metadata as the imported file", tui.KindOK), s.takeURL(m.url))
}

func (s *importStep) takeURL(url string) tea.Cmd {
	s.w.ans.MetadataURL = url
	s.url.blur()
	s.mode = modeResults
	s.left = true
	return s.w.next()
}

func (s *importStep) keyChoose(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	switch {
	case key.Matches(km, k.Up), key.Matches(km, k.PrevField):
		s.method = max(s.method-1, 0)
	case key.Matches(km, k.Down), key.Matches(km, k.NextField):
		s.method = min(s.method+1, len(importMethods)-1)
	case km.Text >= "1" && km.Text <= "3":
		s.method = int(km.Text[0] - '1')
		return s.choose()
	case km.Text == "<":
		// XML typed out by a terminal without bracketed paste.
		s.method, s.mode = 2, modePaste
		return s.typedPaste(km)
	case key.Matches(km, k.Next):
		return s.choose()
	}
	return nil
}

func (s *importStep) choose() tea.Cmd {
	s.loadErr = nil
	switch s.method {
	case 0:
		s.mode = modeSource
		return s.source.focus()
	case 1:
		s.mode = modePicker
		if s.picker.Dir == "" {
			// Finding Downloads touches the disk: a command, not Update.
			dir := s.w.svc.PickerDir
			return func() tea.Msg { return pickerDirMsg{dir: dir()} }
		}
		return s.picker.Open(s.picker.Dir)
	}
	s.mode = modePaste
	s.pasted.Reset()
	return nil
}

func (s *importStep) keyResults(km tea.KeyPressMsg) tea.Cmd {
	k := s.w.keys()
	rep := s.w.report
	switch {
	case key.Matches(km, k.Up):
		s.scroll = max(s.scroll-1, 0)
	case key.Matches(km, k.Down):
		s.scroll = min(s.scroll+1, s.maxScroll())
	case key.Matches(km, k.Reimport):
		s.mode = modeChoose
	case key.Matches(km, k.Override) && rep != nil && !rep.OK:
		s.mode = modeConfirm
	case key.Matches(km, k.Next):
		switch {
		case rep == nil:
			return tui.Status("import the metadata first", tui.KindFail)
		case !rep.OK && len(s.w.ans.Overridden) == 0:
			return tui.Status("not yet: r imports again after a fix, o continues anyway", tui.KindFail)
		}
		return s.next()
	}
	return nil
}

// maxScroll is how far the findings can scroll at the current size; the
// body is the terminal less the header, footer and side margins.
func (s *importStep) maxScroll() int {
	if s.w.report == nil {
		return 0
	}
	w, h := max(s.width-2, 10), max(s.height-6, 3)
	if s.width < tui.MinWidth || s.height < tui.MinHeight {
		h-- // the shell's line saying what is cut
	}
	rows := findings.Rows(&tui.Context{}, s.findings(), w)
	return max(len(rows)-resultsListHeight(h, s.resultsHead(w), "x\nx"), 0)
}

// next leaves the step, first asking for the Metadata URL when the SP's
// support needs it and the metadata came from a file or a paste.
func (s *importStep) next() tea.Cmd {
	if s.needsURL() {
		s.mode = modeAskURL
		if u := sentURLPrefill(s.w.ans.MetadataURL); s.url.value() == "" && u != "" {
			s.url.setValue(u)
		}
		return s.url.focus()
	}
	s.left = true
	return s.w.next()
}
