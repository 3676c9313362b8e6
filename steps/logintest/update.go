package logintest

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/tui"
)

// Every result names the test it belongs to (seq); one from an abandoned
// test is dropped.
type (
	startedMsg struct {
		seq      int
		sess     Session
		err      error
		deadline time.Time
		now      time.Time
	}
	eventMsg struct {
		seq int
		ev  acs.Event
		ok  bool
	}
	doneMsg struct {
		seq int
		res *acs.Result
		err error
	}
	tickMsg struct {
		seq int
		at  time.Time
	}
	openedMsg struct {
		seq int
		err error
	}
	addedMsg struct {
		seq int
		err error
	}
	signedInMsg struct {
		seq int
		out acs.BrowserOutcome
		err error
	}
	inspectedMsg struct {
		seq    int
		report *response.Report
		source string
		err    error
	}
)

// start begins a new test: the plan, then the listener in a command.
func (s *Step) start() tea.Cmd {
	s.stopWaiting()
	s.seq++
	s.sess, s.opened, s.refused, s.received = nil, false, nil, false
	s.noBrowser, s.launched, s.acsAdded, s.signing, s.browserDone, s.browserErr = false, false, false, false, false, nil
	s.browser, s.scroll = acs.BrowserOutcome{}, 0
	s.startedAt, s.cancelledAfter = time.Time{}, 0
	plan, err := s.cfg.Plan()
	if err != nil {
		s.mode = modeFailed
		s.outcome = Outcome{Kind: OutcomeFailed, Err: err}
		return nil
	}
	s.plan = plan
	s.mode = modeStarting
	seq, startFn, opts, timeout := s.seq, s.svc.Start, plan.Options, s.timeout()
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		sess, err := startFn(opts)
		now := time.Now()
		return startedMsg{seq: seq, sess: sess, err: err, now: now, deadline: now.Add(timeout)}
	})
}

// stopWaiting ends the current wait, if any: the command waiting closes
// the listener.
func (s *Step) stopWaiting() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// Update implements tui.Step.
func (s *Step) Update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = m.Width, m.Height
		s.input.SetWidth(max(m.Width-8, 10))
	case startedMsg:
		return s.started(m)
	case eventMsg:
		return s.event(m)
	case doneMsg:
		if m.seq == s.seq {
			s.done(m)
		}
	case tickMsg:
		if m.seq == s.seq && s.mode == modeWaiting {
			s.now = m.at
			return s.tick()
		}
	case openedMsg:
		if m.seq == s.seq && m.err == nil {
			s.launched = true
		}
		if m.seq == s.seq && m.err != nil {
			if errors.Is(m.err, ErrNoBrowser) {
				s.noBrowser = true
				return nil
			}
			return tui.Status("the browser did not open: "+samlcheck.Printable(m.err.Error()), tui.KindWarn)
		}
	case addedMsg:
		if m.seq == s.seq {
			if m.err != nil {
				return tui.Status("the test ACS URL could not be added: "+samlcheck.Printable(m.err.Error()), tui.KindFail)
			}
			s.acsAdded = true
		}
	case signedInMsg:
		if m.seq == s.seq {
			// The browser is done: a response it delivered is in already
			// (the listener answers only after taking it), so the wait
			// ends now either way, with what the browser saw as evidence.
			s.signing, s.browserDone, s.browser, s.browserErr = false, true, m.out, m.err
			s.stopWaiting()
		}
	case inspectedMsg:
		if m.seq == s.seq {
			s.inspected(m)
		}
	case spinner.TickMsg:
		if s.mode == modeStarting || s.mode == modeWaiting || s.mode == modeInspecting {
			var cmd tea.Cmd
			s.spin, cmd = s.spin.Update(msg)
			return cmd
		}
	case tea.PasteMsg:
		return s.paste(m.Content)
	case tea.KeyPressMsg:
		return s.key(m)
	default:
		if s.mode == modePaste {
			var cmd tea.Cmd
			s.input, cmd = s.input.Update(msg)
			return cmd
		}
	}
	return nil
}

// started records the listener, then waits for the response and the
// events, ticks the time left, and adds the URL or opens the browser as
// the plan and the services say.
func (s *Step) started(m startedMsg) tea.Cmd {
	if m.seq != s.seq {
		if m.sess != nil {
			sess := m.sess
			return func() tea.Msg { _ = sess.Close(); return nil }
		}
		return nil
	}
	if m.err != nil {
		s.mode = modeFailed
		s.outcome = Outcome{Kind: OutcomeFailed, Err: m.err}
		return nil
	}
	s.sess, s.mode, s.deadline, s.now = m.sess, modeWaiting, m.deadline, m.now
	ctx, cancel := context.WithDeadline(s.cfg.Context, m.deadline)
	s.cancel = cancel
	seq, sess := s.seq, s.sess
	s.startedAt = m.now
	cmds := []tea.Cmd{
		s.ui.Await(func() tea.Msg { res, err := sess.Wait(ctx); return doneMsg{seq: seq, res: res, err: err} }),
		s.nextEvent(seq, sess.Events()),
		s.tick(),
	}
	if add := s.svc.AddACSURL; add != nil {
		url := sess.ACSURL()
		cmds = append(cmds, func() tea.Msg { return addedMsg{seq: seq, err: add(url)} })
	}
	if s.plan.AutoOpen && s.svc.Open != nil {
		cmds = append(cmds, s.open())
	}
	return tea.Batch(cmds...)
}

func (s *Step) nextEvent(seq int, ch <-chan acs.Event) tea.Cmd {
	return s.ui.Await(func() tea.Msg {
		ev, ok := <-ch
		return eventMsg{seq: seq, ev: ev, ok: ok}
	})
}

func (s *Step) event(m eventMsg) tea.Cmd {
	if m.seq != s.seq || !m.ok || s.sess == nil {
		return nil
	}
	switch m.ev.Kind {
	case acs.EventOpened:
		s.opened = true
	case acs.EventRefused:
		if m.ev.Refusal != nil {
			s.refused = append(s.refused, *m.ev.Refusal)
		}
	case acs.EventReceived:
		s.received = true
	}
	return s.nextEvent(m.seq, s.sess.Events())
}

// tick counts the time left down once a second.
func (s *Step) tick() tea.Cmd {
	seq := s.seq
	return s.ui.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg{seq: seq, at: t} })
}

// done records how the wait ended.
func (s *Step) done(m doneMsg) {
	s.stopWaiting()
	if m.res != nil {
		kind := OutcomeRejected
		if m.res.OK() {
			kind = OutcomePassed
		}
		s.outcome = Outcome{Kind: kind, Result: m.res, Report: m.res.Report}
		s.mode = modeResult
		return
	}
	var we *acs.WaitError
	if !errors.As(m.err, &we) {
		s.mode = modeFailed
		s.outcome = Outcome{Kind: OutcomeFailed, Err: m.err}
		return
	}
	kind := OutcomeCanceled
	switch {
	case s.browserDone:
		// The scripted browser finished and no response came: as good
		// as a timeout, with what it saw as evidence.
		we = we.WithBrowser(s.browser)
		kind = OutcomeNoResponse
	case errors.Is(we, acs.ErrNoResponse):
		kind = OutcomeNoResponse
	}
	s.outcome = Outcome{Kind: kind, Wait: we}
	s.mode = modeNoResponse
}

func (s *Step) open() tea.Cmd {
	seq, open, url := s.seq, s.svc.Open, s.sess.LoginURL()
	return func() tea.Msg { return openedMsg{seq: seq, err: open(url)} }
}

func (s *Step) signIn() tea.Cmd {
	s.signing = true
	seq, sign, url, ctx := s.seq, s.svc.SignIn, s.sess.LoginURL(), s.cfg.Context
	return s.ui.Await(func() tea.Msg {
		out, err := sign(ctx, url)
		return signedInMsg{seq: seq, out: out, err: err}
	})
}

// finish hands the outcome to the host (enter on a finished test, or s).
func (s *Step) finish() tea.Cmd {
	if s.cfg.OnDone == nil {
		return nil
	}
	return s.cfg.OnDone(s.outcome)
}

// cancelTest ends the test at once (esc): the listener closes in the
// background, and what it still sends is dropped.
func (s *Step) cancelTest() {
	if !s.startedAt.IsZero() {
		s.cancelledAfter = s.now.Sub(s.startedAt)
	}
	s.stopWaiting()
	s.seq++
	s.signing = false
	s.mode = modeNoResponse
	s.outcome = Outcome{Kind: OutcomeCanceled}
}

// skip abandons the test: the listener closes, and coming back shows that
// it was skipped (r starts one).
func (s *Step) skip() tea.Cmd {
	s.stopWaiting()
	s.seq++
	s.mode = modeSkipped
	s.outcome = Outcome{Kind: OutcomeSkipped}
	return s.finish()
}

func (s *Step) key(km tea.KeyPressMsg) tea.Cmd {
	k := s.ui.Keys
	if s.mode == modePaste {
		return s.keyPaste(km)
	}
	switch {
	case key.Matches(km, k.Skip) && s.cfg.Skippable && (s.mode == modeStarting || s.mode == modeWaiting || s.mode == modeFailed):
		return s.skip()
	case key.Matches(km, k.Back) && s.Modal():
		if s.mode == modeWaiting || s.mode == modeInspecting {
			s.cancelTest()
		}
		return nil
	}
	switch s.mode {
	case modeWaiting:
		return s.keyWaiting(km)
	case modeResult, modeNoResponse, modeFailed, modeSkipped:
		return s.keyFinished(km)
	}
	return nil
}

func (s *Step) keyWaiting(km tea.KeyPressMsg) tea.Cmd {
	k := s.ui.Keys
	switch {
	case key.Matches(km, k.Copy):
		return tui.Copy("test ACS URL", s.sess.ACSURL())
	case key.Matches(km, k.Open) && s.svc.Open != nil:
		return s.open()
	case key.Matches(km, k.Auto) && s.svc.SignIn != nil && !s.signing && !s.received:
		return s.signIn()
	case key.Matches(km, k.Paste):
		return s.toPaste()
	}
	return nil
}

func (s *Step) keyFinished(km tea.KeyPressMsg) tea.Cmd {
	k := s.ui.Keys
	switch {
	case key.Matches(km, k.Next):
		return s.finish()
	case key.Matches(km, k.Again):
		return s.start()
	case key.Matches(km, k.Paste):
		return s.toPaste()
	case key.Matches(km, k.Up):
		s.scroll = max(s.scroll-1, 0)
	case key.Matches(km, k.Down):
		s.scroll = min(s.scroll+1, s.maxScroll())
	}
	return nil
}

// toPaste stops a live test and takes a path or a pasted response instead.
func (s *Step) toPaste() tea.Cmd {
	s.stopWaiting()
	s.seq++
	s.mode, s.inputErr = modePaste, nil
	s.input.SetValue("")
	return s.input.Focus()
}

func (s *Step) keyPaste(km tea.KeyPressMsg) tea.Cmd {
	k := s.ui.Keys
	switch {
	case key.Matches(km, k.Back):
		s.input.Blur()
		s.mode = modeNoResponse
		s.outcome, s.startedAt = Outcome{Kind: OutcomeCanceled}, time.Time{}
		return nil
	case key.Matches(km, k.Next):
		if !s.canInspect() {
			return nil
		}
		return s.inspectText(strings.TrimSpace(s.input.Value()))
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(km)
	if s.input.Value() != s.failedFor {
		s.inputErr = nil
	}
	return cmd
}

// paste takes a pasted response at once; a pasted path goes into the
// field (enter reads it).
func (s *Step) paste(content string) tea.Cmd {
	if s.mode != modePaste {
		if s.mode != modeWaiting && s.mode != modeNoResponse && s.mode != modeResult && s.mode != modeFailed && s.mode != modeSkipped {
			return nil
		}
		s.toPaste()
	}
	if looksLikeResponse(content) {
		return s.inspect([]byte(content), "the pasted response")
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(tea.PasteMsg{Content: strings.TrimSpace(content)})
	return cmd
}

// inspectText inspects what the field holds: a response typed out by a
// terminal without bracketed paste, or a path to read first.
func (s *Step) inspectText(v string) tea.Cmd {
	if looksLikeResponse(v) {
		return s.inspect([]byte(v), "the pasted response")
	}
	path, err := userpath.Clean(v)
	if err != nil {
		s.inputErr, s.failedFor = err, s.input.Value()
		return nil
	}
	s.seq++
	s.mode = modeInspecting
	seq, read, inspect, opts, ctx := s.seq, s.svc.ReadCapture, s.svc.Inspect, s.plan.Capture, s.cfg.Context
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		data, err := read(ctx, path)
		if err != nil {
			return inspectedMsg{seq: seq, source: path, err: err}
		}
		return inspectedMsg{seq: seq, source: path, report: inspect(ctx, data, opts)}
	})
}

func (s *Step) inspect(data []byte, source string) tea.Cmd {
	s.seq++
	s.mode = modeInspecting
	s.input.Blur()
	seq, inspect, opts, ctx := s.seq, s.svc.Inspect, s.plan.Capture, s.cfg.Context
	return tea.Batch(s.spin.Tick, func() tea.Msg {
		return inspectedMsg{seq: seq, source: source, report: inspect(ctx, data, opts)}
	})
}

// canInspect: the field holds something not already refused.
func (s *Step) canInspect() bool {
	v := s.input.Value()
	return strings.TrimSpace(v) != "" && (s.inputErr == nil || v != s.failedFor)
}

func (s *Step) inspected(m inspectedMsg) {
	if m.err != nil {
		s.mode = modePaste
		s.inputErr, s.failedFor = m.err, s.input.Value()
		return
	}
	kind := OutcomeRejected
	if m.report.OK {
		kind = OutcomePassed
	}
	s.outcome = Outcome{Kind: kind, Report: m.report, Source: m.source}
	s.mode, s.scroll = modeResult, 0
	s.input.Blur()
}
