package setup

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui"
)

// reviewMode is what step 8 shows.
type reviewMode int

const (
	reviewEdit      reviewMode = iota // the summary and the folder input
	reviewOverwrite                   // the folder exists: replace it?
	reviewWriting
	reviewDone
)

// review is step 8: everything decided, the output folder, and the write.
type review struct {
	w    *wizard
	mode reviewMode
	out  input
	err  error
	seq  int
	// link is set when the folder asked about is a symbolic link: the
	// question is then whether to write where it points.
	link error
}

// writtenMsg is the outcome of building and writing the bundle.
type writtenMsg struct {
	seq       int
	dir       string
	paths     []string
	notes     []string
	nextSteps string
	// message is the text for the SP's support, and whom it goes to.
	message, messageTo string
	err                error
}

func newReview(w *wizard) *review {
	return &review{w: w, out: newInput("Output folder", "./jcsso-acmecorp", w.ans.OutDir, checkOutDir)}
}

func checkOutDir(s string) error {
	if strings.TrimSpace(s) == "" {
		return errEmpty
	}
	return nil
}

func (s *review) Key() string   { return keyReview }
func (s *review) Title() string { return "Review and write" }

// reset rebuilds the folder field from the answers (a resumed session).
func (s *review) reset()       { *s = *newReview(s.w) }
func (s *review) Typing() bool { return s.mode == reviewEdit }
func (s *review) Modal() bool  { return s.mode == reviewOverwrite || s.mode == reviewWriting }

func (s *review) Enter() tea.Cmd {
	if s.mode == reviewDone {
		return nil
	}
	s.mode, s.err = reviewEdit, nil
	if s.out.value() == "" && s.w.ans.OutDir != "" {
		s.out.setValue(s.w.ans.OutDir)
	}
	return s.out.focus()
}

func (s *review) ShortHelp() []key.Binding {
	k := s.w.keys()
	switch s.mode {
	case reviewOverwrite:
		return []key.Binding{tui.With(k.Yes, "replace (keeps .bak)"), tui.With(k.No, "choose another folder")}
	case reviewWriting:
		return nil
	case reviewDone:
		if s.w.message != "" {
			return []key.Binding{tui.With(k.Copy, "copy the message"), tui.With(k.Next, "quit")}
		}
		return []key.Binding{tui.With(k.Next, "quit")}
	}
	if s.out.err != nil {
		return []key.Binding{k.Back}
	}
	return []key.Binding{tui.With(k.Next, "write the files"), k.Back}
}

func (s *review) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *review) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(writtenMsg); ok {
		return s.written(m)
	}
	km, isKey := msg.(tea.KeyPressMsg)
	k := s.w.keys()
	switch s.mode {
	case reviewDone:
		switch {
		case isKey && key.Matches(km, k.Next):
			return tui.Quit
		case isKey && key.Matches(km, k.Copy) && s.w.message != "":
			return tui.Copy("the message for "+s.w.prof.SPName()+"'s support", s.w.message)
		}
		return nil
	case reviewOverwrite:
		switch {
		case isKey && key.Matches(km, k.Yes):
			return s.write(true)
		case isKey && (key.Matches(km, k.No) || key.Matches(km, k.Back)):
			s.mode = reviewEdit
			return s.out.focus()
		}
		return nil
	case reviewWriting:
		return nil
	}
	if isKey && key.Matches(km, k.Next) {
		if s.out.err != nil {
			return tui.Status("type the folder to write to", tui.KindFail)
		}
		return s.write(s.w.opts.Force)
	}
	if _, paste := msg.(tea.PasteMsg); paste || isKey {
		cmd := s.out.update(msg)
		s.w.ans.OutDir = strings.TrimSpace(s.out.value())
		return cmd
	}
	return s.out.update(msg)
}

// write builds and writes the folder in the background, through the
// same ssoconfig.WriteSetup as `setup --yes`.
func (s *review) write(force bool) tea.Cmd {
	w := s.w
	if w.metadata == nil || w.report == nil {
		w.ui.Nav.GoTo(keyImport)
		return tui.Status(fmt.Sprintf("import the metadata first (step %d)", w.position(keyImport)), tui.KindFail)
	}
	a := cloneAnswers(w.ans)
	// The folder as typed (~/jcsso-acme, a pasted quoted path) is read
	// the way every path flag is.
	dir, err := userpath.Clean(a.Folder())
	if err != nil {
		return tui.Status("Output folder: "+err.Error(), tui.KindFail)
	}
	a.OutDir = dir
	s.seq++
	s.mode, s.err = reviewWriting, nil
	seq, svc, ctx := s.seq, w.svc, w.ctx
	p, data, rep, now := w.prof, w.metadata, w.report, w.now()
	wo := ssoconfig.WriteOptions{Format: w.opts.Format, Force: force}
	return func() tea.Msg {
		wr, err := svc.WriteSetup(ctx, p, a, data, rep, now, wo)
		if err != nil {
			return writtenMsg{seq: seq, err: err}
		}
		_ = svc.ClearSession() // finished: nothing left to resume
		m := writtenMsg{seq: seq, dir: wr.Dir, paths: wr.Paths, notes: wr.Notes}
		if n := wr.Bundle.Next; n != nil {
			m.nextSteps, m.message, m.messageTo = n.Headline(), n.Message, n.MessageTo
		}
		return m
	}
}

func (s *review) written(m writtenMsg) tea.Cmd {
	if m.seq != s.seq {
		return nil
	}
	switch {
	case errors.Is(m.err, ssoconfig.ErrFolderExists), errors.Is(m.err, ssoconfig.ErrOutIsLink):
		s.mode, s.link = reviewOverwrite, nil
		if errors.Is(m.err, ssoconfig.ErrOutIsLink) {
			s.link = m.err
		}
		s.out.blur()
		return nil
	case m.err != nil:
		// The one verdict under the field: what stopped the write.
		s.mode = reviewEdit
		s.out.fail(m.err)
		return s.out.focus()
	}
	s.mode = reviewDone
	s.out.blur()
	s.w.written, s.w.writtenDir, s.w.nextSteps, s.w.writeNotes, s.w.done = m.paths, m.dir, m.nextSteps, m.notes, true
	s.w.message, s.w.messageTo = m.message, m.messageTo
	return tui.Status("configuration written", tui.KindOK)
}

// summary are the decisions, one line each.
func (s *review) summary() [][2]string {
	w := s.w
	a := w.ans
	sp, acs := w.spValues()
	name := w.prof.Name
	if w.prof.Customizable && a.AppName != "" {
		name = a.App(w.prof) + " (" + w.prof.Name + ")"
	}
	acsLabel := "ACS URL"
	if len(acs) > 1 {
		acsLabel = "ACS URLs"
	}
	rows := [][2]string{
		{"Service provider", name},
		{"Organisation", a.Org},
		{"SP Entity ID", sp},
		{acsLabel, strings.Join(acs, ", ")},
		{"IdP Entity ID", a.IdPEntityID},
	}
	if w.prof.Customizable {
		s := a.SAML(w.prof)
		rows = append(rows, [2]string{"SAML", fmt.Sprintf("NameID %s; signed: %s; %s", s.NameID, profile.SignLabel(s.Sign), plural(len(s.Attributes), "attribute", "attributes"))})
	}
	rows = append(rows, [2]string{"Metadata", samlcheck.RedactURL(a.MetadataSource)})
	if w.prof.Handoff.Method == profile.HandoffSupport && a.MetadataURL != a.MetadataSource {
		sent := samlcheck.RedactURL(a.MetadataURL)
		if a.MetadataURL == w.urlUnchecked {
			sent += " (not checked: it could not be fetched)"
		}
		rows = append(rows, [2]string{"Metadata URL", sent})
	}
	check := "not imported"
	if w.report != nil {
		check = "passed"
		if !w.report.OK {
			// Counted as the import screen showed them (one cause, one
			// failure); the ids are in sso-config's validation.overridden.
			n := 0
			for _, f := range ssoconfig.Explain(w.prof, a, w.report) {
				if f.Severity == samlcheck.SeverityFail {
					n++
				}
			}
			check = "failed; you continued past " + plural(n, "failure", "failures") + " (recorded)"
		}
	}
	rows = append(rows, [2]string{"Check", check})
	rows = append(rows, [2]string{"Live login", liveLoginWords(a.LiveLogin)})
	if w.prof.Rollout.Mode == profile.RolloutSessionsEnd {
		rows = append(rows, [2]string{"Rollout", "every session ends; users told: " + yesNo(a.UsersNotified)})
	} else {
		r := "enforce SSO: " + yesNo(a.EnforceSSO)
		if len(a.ExcludedAdmins) > 0 {
			r += "; excluded: " + strings.Join(a.ExcludedAdmins, ", ")
		}
		rows = append(rows, [2]string{"Rollout", r})
	}
	return rows
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (s *review) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	if s.w.prof == nil {
		return ""
	}
	if s.mode == reviewDone {
		return s.doneView(ctx, w)
	}
	var b strings.Builder
	for _, r := range s.summary() {
		b.WriteString(tui.Fit(st.Label.Render(padRight(r[0], 18))+st.Value.Render(samlcheck.Printable(r[1])), w, 1) + "\n")
	}
	b.WriteString("\n")
	switch s.mode {
	case reviewOverwrite:
		dir := s.out.value()
		ask := "! " + samlcheck.Printable(dir) + " already exists. Replace its files? Each old file is kept beside it as FILE.bak."
		if s.link != nil {
			what, _, _ := strings.Cut(strings.TrimPrefix(s.link.Error(), ssoconfig.ErrOutIsLink.Error()+": "), "; pass --force")
			ask = "! " + samlcheck.Printable(what) + ". Write the folder there? One that exists is replaced, each old file kept as FILE.bak."
		}
		b.WriteString(st.Warn.Render(tui.Wrap(ask, w)) + "\n\n")
		b.WriteString(st.Strong.Render("y") + " replace    " + st.Strong.Render("n") + " choose another folder")
	case reviewWriting:
		b.WriteString(st.Muted.Render("Writing…"))
	default:
		b.WriteString(s.out.view(ctx, w))
	}
	return b.String()
}

func (s *review) doneView(ctx *tui.Context, w int) string {
	st := ctx.Styles
	var b strings.Builder
	b.WriteString(st.OK.Render("✓ ") + st.Heading.Render(tui.Wrap(samlcheck.Printable("Written to "+s.w.folder()), w-2)) + "\n\n")
	for _, p := range s.w.written {
		b.WriteString("  " + st.Value.Render(samlcheck.Printable(filepath.Base(p))) + "\n")
	}
	for _, n := range s.w.writeNotes {
		b.WriteString(st.Muted.Render(tui.Wrap("note: "+samlcheck.Printable(n), w)) + "\n")
	}
	if s.w.nextSteps != "" {
		b.WriteString("\n" + st.Heading.Render("Next: ") + st.Text.Render(tui.Wrap(s.w.nextSteps, w-6)) + "\n")
	}
	if s.w.message != "" {
		text := "c copies the message for " + s.w.prof.SPName() + "'s support, with the Metadata URL and the IdP Entity ID, ready to paste into an e-mail or a chat. Send it to: " + s.w.messageTo + "."
		if len(s.w.ans.Overridden) > 0 {
			text += " Send it only once the failure is fixed."
		}
		b.WriteString(st.Text.Render(tui.Wrap(text, w)) + "\n")
	}
	b.WriteString(st.Muted.Render(tui.Wrap("NEXT-STEPS.md in that folder says exactly what to do next and how to test the sign-in. Press enter to quit.", w)))
	return b.String()
}
