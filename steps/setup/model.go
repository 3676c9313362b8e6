package setup

import (
	"context"
	"errors"
	"fmt"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// importIndex is step 6's index: the first step that needs the metadata,
// which a session does not keep.
const importIndex = 5

// newModel builds the wizard: its shared state, its steps and the shell.
func newModel(ctx context.Context, opts Options) (*tui.Model, *wizard, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	w := &wizard{opts: opts, svc: opts.Services.withDefaults(), keys: tui.DefaultKeyMap(), nav: tui.NewNav(), ctx: ctx}
	w.ans = cloneAnswers(opts.Answers)
	if opts.Resume {
		saved, err := w.svc.LoadSession()
		if err != nil {
			if errors.Is(err, ssoconfig.ErrNoSession) {
				return nil, nil, fmt.Errorf("nothing to resume: %w", err)
			}
			return nil, nil, err
		}
		w.ans = saved
	}
	if err := w.pickProfile(opts); err != nil {
		return nil, nil, err
	}
	start := w.startStep(opts.Resume)
	w.saved = w.snapshot()

	steps := []tui.Step{
		newBegin(w), newSPValues(w), newCreate(w), newSSOTab(w),
		newAssign(w), newImport(w), newRollout(w), newReview(w),
	}
	m := tui.New(tui.Config{
		AppName:      w.appName,
		Steps:        steps,
		Start:        start,
		OnStepChange: w.saveSession,
		Unsaved:      w.unsaved,
		Clipboard:    w.svc.Clipboard,
		OnMsg:        w.update,
		Nav:          w.nav,
	})
	return m, w, nil
}

// pickProfile settles the profile: the one given (fixed), else the one a
// saved session names (pre-selected), else none until step 1.
func (w *wizard) pickProfile(opts Options) error {
	w.profiles = opts.Profiles
	if w.profiles == nil {
		w.profiles = profile.Builtins()
	}
	switch {
	case opts.Profile != nil:
		w.prof, w.fixedProfile = opts.Profile, true
		if w.ans.ProfileID == "" && w.ans.ProfilePath == "" {
			w.ans.ProfileID = opts.Profile.ID
		}
	case w.ans.ProfilePath != "":
		p, err := profile.Resolve(w.ans.ProfilePath)
		if err != nil {
			return fmt.Errorf("profile of the saved session: %w", err)
		}
		w.prof, w.fixedProfile = p, true
	case w.ans.ProfileID != "":
		for _, p := range w.profiles {
			if p.ID == w.ans.ProfileID {
				w.prof = p
			}
		}
		if w.prof == nil {
			p, err := profile.Resolve(w.ans.ProfileID)
			if err != nil {
				return err
			}
			w.prof, w.fixedProfile = p, true
		}
	}
	return nil
}

// startStep is where a resumed session continues: its saved step, but no
// further than the import (metadata is not kept between runs) and back at
// the start when step 1's answers are missing.
func (w *wizard) startStep(resume bool) int {
	if !resume {
		return 0
	}
	i := min(max(w.ans.Step-1, 0), 7)
	if i > importIndex {
		i = importIndex
	}
	if w.prof == nil || w.ans.Org == "" {
		i = 0
	}
	return i
}
