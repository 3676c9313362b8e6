package setup

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// A saved session, the three ways it meets a new run: --resume continues
// it (refusing another --profile than the one it was made with); a plain
// run offers to resume it instead of silently starting afresh; and
// quitting says exactly where --resume will continue.

// resetter is a step that caches answers in its widgets and rebuilds them
// when a saved session replaces the answers.
type resetter interface{ reset() }

// sessionProfile names the profile a session was made with, as --profile
// would ("vome", or a file's path).
func sessionProfile(a ssoconfig.Answers) string {
	if a.ProfilePath != "" {
		return a.ProfilePath
	}
	return a.ProfileID
}

// sameProfile reports whether the profile given on the command line is the
// one the session was made with.
func sameProfile(given *profile.Profile, a ssoconfig.Answers) bool {
	switch {
	case given == nil || sessionProfile(a) == "":
		return true
	case a.ProfileID != "":
		return given.ID == a.ProfileID
	}
	p, err := profile.Resolve(a.ProfilePath)
	return err == nil && p.ID == given.ID
}

// errOtherProfile refuses --resume with another --profile: switching would
// carry answers made for one service provider into another's setup.
func errOtherProfile(given *profile.Profile, saved ssoconfig.Answers, savedName string) error {
	return fmt.Errorf("the saved setup is for %s (%s), not %s: continue it with `jcsso setup --resume`, or start afresh with `jcsso setup --profile %s`",
		savedName, saved.Org, given.Name, given.ID)
}

// profileName is a session's service provider as people call it: the
// app's name when one was given (a generic app), else the profile's.
func profileName(a ssoconfig.Answers) string {
	p, ok := profile.Builtin(a.ProfileID)
	if !ok {
		var err error
		if p, err = profile.Resolve(sessionProfile(a)); err != nil {
			return sessionProfile(a)
		}
	}
	return a.App(p)
}

// findSession looks for a session a plain run could resume: one with an
// organisation, made with the profile given (or with none given). One made
// with another profile is only mentioned, since this run replaces it.
func (w *wizard) findSession(opts Options) {
	saved, err := w.svc.LoadSession()
	if err != nil || saved.Org == "" {
		return
	}
	if !sameProfile(opts.Profile, saved) {
		w.replaceNote = fmt.Sprintf("A setup for %s (%s) is saved; it is replaced once you go on. To continue it instead, quit (ctrl+c) and run `jcsso setup --resume`.", profileName(saved), saved.Org)
		return
	}
	w.offer = &saved
}

// answerOffer is the admin's answer to "resume the saved setup?".
func (w *wizard) answerOffer(km tea.KeyPressMsg) tea.Cmd {
	k := w.keys()
	switch {
	case key.Matches(km, k.Yes):
		saved := *w.offer
		w.offer = nil
		if err := w.resume(saved); err != nil {
			return tui.Status("cannot resume: "+err.Error(), tui.KindFail)
		}
		w.ui.Nav.Restart(w.startKey(true))
		return nil
	case key.Matches(km, k.No):
		w.offer = nil
	}
	return nil
}

// resume replaces the answers with a saved session's and rebuilds the
// steps from them.
func (w *wizard) resume(saved ssoconfig.Answers) error {
	prof, fixed := w.prof, w.fixedProfile
	w.ans = saved
	w.ans.Step = ssoconfig.StepKey(w.stepKey(saved.Step))
	if err := w.pickProfile(w.opts); err != nil {
		w.prof, w.fixedProfile = prof, fixed
		return err
	}
	w.resumedFrom = w.position(string(w.ans.Step))
	for _, s := range w.steps {
		if r, ok := s.(resetter); ok {
			r.reset()
		}
	}
	w.saved = w.snapshot()
	return nil
}

func (w *wizard) offerView(ctx *tui.Context, width int) string {
	st := ctx.Styles
	a := w.offer
	at := w.stepKey(a.Step)
	where := "at the start"
	if pos := w.position(at); pos > 0 {
		where = fmt.Sprintf("on step %d, %s", pos, w.title(at))
	}
	text := st.Heading.Render("Continue the setup you started?") + "\n\n" +
		st.Text.Render(tui.Wrap(fmt.Sprintf("A setup for %s (%s) is saved, %s.", profileName(*a), a.Org, where), width)) + "\n"
	if note := w.resumeNote(at); note != "" {
		text += st.Muted.Render(tui.Wrap(note, width)) + "\n"
	}
	text += "\n" + st.Strong.Render("y") + st.Text.Render(" resume it    ") + st.Strong.Render("n") + st.Text.Render(" start afresh (the saved answers are replaced as you go)")
	return text
}

// resumeNote says why a session saved after the import continues at the
// import: the metadata is never saved, so it is read again there.
func (w *wizard) resumeNote(saved string) string {
	if w.position(saved) <= w.position(keyImport) {
		return ""
	}
	return fmt.Sprintf("It continues on step %d, %s: the metadata is not kept between runs, so it is read again there; your answers for the later steps are kept.", w.position(keyImport), w.title(keyImport))
}

// quitError is what Run returns when the admin quit: where --resume will
// really continue, wrapped for an 80-column terminal.
func (w *wizard) quitError() error {
	saved := string(w.ans.Step)
	pos := w.position(saved)
	if pos <= 1 {
		return ErrQuit
	}
	at := saved
	if w.position(saved) > w.position(keyImport) {
		at = keyImport
	}
	msg := fmt.Sprintf("%s.\n`jcsso setup --resume` continues from step %d, %s", ErrQuit.Error(), w.position(at), w.title(at))
	if at != saved {
		msg += " (the metadata is read again there; your later answers are kept)"
	}
	return &quitErr{msg: tui.Wrap(msg+".", quitWidth)}
}

// quitWidth is the width the quit message is wrapped to: the narrowest
// terminal the wizard lays out in full.
const quitWidth = tui.MinWidth

type quitErr struct{ msg string }

func (e *quitErr) Error() string        { return e.msg }
func (e *quitErr) Is(target error) bool { return target == ErrQuit }
