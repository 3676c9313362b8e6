package setup

import (
	"context"
	"errors"
	"fmt"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui"
)

// The setup flow's steps by key, in order. A saved session names one.
const (
	keyBegin    = "begin"
	keySPValues = "spvalues"
	keyCreate   = "create"
	keySSOTab   = "ssotab"
	keyAssign   = "assign"
	keyImport   = "import"
	keyRollout  = "rollout"
	keyReview   = "review"
	// keyLiveTest is the optional live login test (steps/logintest).
	keyLiveTest = "livetest"
)

// legacySteps are the steps in the order sessions saved before steps had
// keys numbered them (1-based). Frozen: new steps never change it.
var legacySteps = []string{keyBegin, keySPValues, keyCreate, keySSOTab, keyAssign, keyImport, keyRollout, keyReview}

// newModel builds the wizard: its shared state, its steps and the shell.
func newModel(ctx context.Context, opts Options) (*tui.Model, *wizard, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	w := &wizard{opts: opts, svc: opts.Services.withDefaults(), ctx: ctx}
	w.ans = cloneAnswers(opts.Answers)
	if opts.Resume {
		saved, err := w.svc.LoadSession()
		if err != nil {
			if errors.Is(err, ssoconfig.ErrNoSession) {
				return nil, nil, fmt.Errorf("nothing to resume: %w", err)
			}
			return nil, nil, err
		}
		if !sameProfile(opts.Profile, saved) {
			return nil, nil, errOtherProfile(opts.Profile, saved, profileName(saved))
		}
		w.ans = saved
	}
	if err := w.pickProfile(opts); err != nil {
		return nil, nil, err
	}
	live := newLiveTest(w)
	steps := []tui.Step{
		newBegin(w), newSPValues(w), newCreate(w), newSSOTab(w),
		newAssign(w), newImport(w), live, newRollout(w), newReview(w),
	}
	if opts.Guide != nil {
		for i, st := range steps {
			steps[i] = guided{Step: st, guide: opts.Guide}
		}
	}
	w.steps = steps
	for _, st := range steps {
		w.order = append(w.order, st.Key())
	}
	w.ans.Step = ssoconfig.StepKey(w.stepKey(w.ans.Step))
	start := w.startKey(opts.Resume)
	if opts.Resume {
		w.resumedFrom = w.position(string(w.ans.Step))
	} else {
		w.findSession(opts)
	}
	w.saved = w.snapshot()

	m := tui.New(tui.Config{
		Flow:         w.flow(),
		Steps:        steps,
		Start:        start,
		OnStepChange: w.saveSession,
		Unsaved:      w.unsaved,
		Clipboard:    w.svc.Clipboard,
		OnMsg:        w.update,
	})
	w.ui = m.Context()
	live.Bind(w.ui)
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

// stepKey reads a saved step: a key, or the 1-based number sessions saved
// before steps had keys. Anything else is "" (the start).
func (w *wizard) stepKey(saved ssoconfig.StepKey) string {
	if n, ok := saved.Number(); ok {
		if n >= 1 && n <= len(legacySteps) {
			return legacySteps[n-1]
		}
		return ""
	}
	if w.position(string(saved)) == 0 {
		return ""
	}
	return string(saved)
}

// startKey is where a resumed session continues: its saved step, but no
// further than the import (metadata is not kept between runs) and back at
// the start when step 1's answers are missing.
func (w *wizard) startKey(resume bool) string {
	key := string(w.ans.Step)
	switch {
	case !resume || key == "" || w.prof == nil || w.ans.Org == "":
		return keyBegin
	case w.position(key) > w.position(keyImport):
		return keyImport
	}
	return key
}
