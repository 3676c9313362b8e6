package setup

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/findings"
)

func (s *importStep) ShortHelp() []key.Binding {
	k := s.w.keys()
	switch s.mode {
	case modeChoose:
		return []key.Binding{k.Move, tui.With(k.Next, "choose"), k.Back}
	case modeSource:
		return []key.Binding{tui.With(k.Next, "check"), tui.With(k.Back, "other ways")}
	case modePicker:
		return []key.Binding{k.Move, tui.With(k.Next, "open"), tui.With(s.picker.KeyMap.Back, "up a folder"), tui.With(k.Back, "other ways")}
	case modePaste:
		return []key.Binding{tui.With(k.Back, "other ways")}
	case modeLoading:
		return []key.Binding{tui.With(k.Back, "cancel")}
	case modeAskURL:
		return []key.Binding{k.Next, tui.With(k.Back, "the findings")}
	}
	// Most needed first: at 80 columns the last ones give way to "? more
	// keys". After a failure, that is importing again or overriding.
	if s.w.report != nil && !s.w.report.OK {
		return []key.Binding{k.Reimport, k.Override, tui.With(k.Move, "scroll"), k.Next, k.Back}
	}
	return []key.Binding{k.Next, k.Reimport, tui.With(k.Move, "scroll"), k.Back}
}

func (s *importStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *importStep) Update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case pickerDirMsg:
		if s.picker.CurrentDirectory != "" {
			return nil
		}
		s.picker.CurrentDirectory = m.dir
		return s.picker.Init()
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
	case spinner.TickMsg:
		if s.mode != modeLoading {
			return nil
		}
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return cmd
	case tea.WindowSizeMsg:
		s.width, s.height = m.Width, m.Height
		s.picker.SetHeight(max(m.Height-12, 3))
		return nil
	case tea.PasteMsg:
		return s.paste(m)
	case tea.KeyPressMsg:
		return s.key(m)
	}
	// Anything else (directory listings, cursor blinks) goes to the
	// widget that may be waiting for it.
	var cmd tea.Cmd
	s.picker, cmd = s.picker.Update(msg)
	return tea.Batch(cmd, s.source.update(msg))
}

func (s *importStep) paste(m tea.PasteMsg) tea.Cmd {
	text := strings.TrimSpace(m.Content)
	switch {
	case s.mode == modeSource:
		return s.source.update(m)
	case s.mode == modeAskURL:
		return s.url.update(m)
	case strings.HasPrefix(text, "<") && (s.mode == modePaste || s.mode == modeChoose || s.mode == modeResults):
		if len(text) > source.MaxInputBytes {
			return tui.Status("the pasted text is larger than 5 MiB; that is not JumpCloud metadata", tui.KindFail)
		}
		return s.check([]byte(m.Content), sourcePasted)
	case ssoconfig.IsURL(text) && (s.mode == modeChoose || s.mode == modeResults):
		s.source.setValue(text)
		return s.load(text)
	case s.mode == modePaste:
		return tui.Status("that does not look like XML; paste the whole metadata file, starting with <", tui.KindWarn)
	}
	return nil
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
			if s.source.err != nil {
				return tui.Status("paste the Metadata URL or type the file's path first", tui.KindFail)
			}
			return s.load(strings.TrimSpace(s.source.value()))
		}
		return s.source.update(km)
	case modePicker:
		if key.Matches(km, k.Back) {
			s.mode = modeChoose
			return nil
		}
		var cmd tea.Cmd
		s.picker, cmd = s.picker.Update(km)
		if ok, path := s.picker.DidSelectFile(km); ok {
			return s.load(path)
		}
		if ok, path := s.picker.DidSelectDisabledFile(km); ok {
			return tui.Status(path+" is not an .xml file", tui.KindWarn)
		}
		return cmd
	case modePaste:
		if key.Matches(km, k.Back) {
			s.mode = modeChoose
		}
		return nil
	case modeAskURL:
		switch {
		case key.Matches(km, k.Back):
			s.mode = modeResults
			s.url.blur()
			return nil
		case key.Matches(km, k.Next):
			if s.url.err != nil {
				return tui.Status("Metadata URL "+samlcheck.Printable(s.url.err.Error()), tui.KindFail)
			}
			s.w.ans.MetadataURL = strings.TrimSpace(s.url.value())
			s.url.blur()
			s.mode = modeResults
			return s.w.next()
		}
		return s.url.update(km)
	case modeLoading:
		if key.Matches(km, k.Back) {
			if s.cancel != nil {
				s.cancel()
			}
			s.seq++ // ignore the result still on its way
			s.mode = modeChoose
		}
		return nil
	}
	return s.keyResults(km)
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
		if s.picker.CurrentDirectory == "" {
			// Finding Downloads touches the disk: a command, not Update.
			dir := s.w.svc.PickerDir
			return func() tea.Msg { return pickerDirMsg{dir: dir()} }
		}
		return s.picker.Init()
	}
	s.mode = modePaste
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
		s.w.ans.Overridden = ssoconfig.FailedIDs(rep.Findings)
		return tea.Batch(tui.Status("continuing past "+plural(len(s.w.ans.Overridden), "failure", "failures")+"; recorded in the configuration", tui.KindWarn), s.next())
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
	rows := findings.Rows(&tui.Context{}, s.w.report.Findings, w)
	return max(len(rows)-resultsListHeight(h, "x\nx"), 0)
}

// next leaves the step, first asking for the Metadata URL when the SP's
// support needs it and the metadata came from a file or a paste.
func (s *importStep) next() tea.Cmd {
	if s.needsURL() {
		s.mode = modeAskURL
		if s.url.value() == "" && s.w.ans.MetadataURL != "" {
			s.url.setValue(s.w.ans.MetadataURL)
		}
		return s.url.focus()
	}
	return s.w.next()
}
