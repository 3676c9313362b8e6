package setup

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/tui"
)

// spValues is step 2: the service provider's values. A profile whose SP
// generates them per organisation (Vome, generic) asks for them, checking
// each as it is typed, and, when the SP publishes metadata, can read them
// from it; a customizable profile (generic) also asks for the app's name.
// A fixed profile (Avoma) shows them.
type spValues struct {
	w *wizard
	// inputs are the fields in order; the indexes below say which is which
	// (-1 when the profile does not ask for it).
	inputs              []input
	app, meta, ent, acs int
	field               int
	// seq numbers SP-metadata reads, so a stale one is dropped.
	seq     int
	reading bool
}

// spMetadataMsg is the outcome of reading the SP's own metadata.
type spMetadataMsg struct {
	seq    int
	source string
	md     *metadata.SPMetadata
	err    error
}

func newSPValues(w *wizard) *spValues { return &spValues{w: w} }

func (s *spValues) Key() string   { return keySPValues }
func (s *spValues) Title() string { return "Service provider values" }
func (s *spValues) Typing() bool  { return s.generated() }
func (s *spValues) Modal() bool   { return false }

// reset drops the fields, rebuilt from the answers on Enter.
func (s *spValues) reset() { s.inputs = nil }

func (s *spValues) generated() bool {
	return s.w.prof != nil && s.w.prof.ServiceProvider.Generated
}

// Enter (re)builds the inputs from the answers, since the profile may have
// changed on step 1.
func (s *spValues) Enter() tea.Cmd {
	if !s.generated() {
		s.inputs = nil
		return nil
	}
	if s.inputs == nil {
		s.build()
	}
	return s.inputs[s.field].focus()
}

func (s *spValues) build() {
	p, a := s.w.prof, s.w.ans
	s.inputs, s.field = nil, 0
	s.app, s.meta = -1, -1
	add := func(in input) int {
		s.inputs = append(s.inputs, in)
		return len(s.inputs) - 1
	}
	if p.Customizable {
		s.app = add(newInput("App name (its Display Label in JumpCloud)", "such as Acme CRM", a.AppName, ssoconfig.CheckAppName))
		s.inputs[s.app].short = "App name"
		s.inputs[s.app].okText = func(v string) string {
			return "Display Label " + strings.TrimSpace(v) + ", IdP URL " + profile.DefaultIdPURL(v)
		}
	}
	if p.ServiceProvider.SPMetadata {
		s.meta = add(newInput("Or read both from the SP's metadata: its URL or file (optional)", "https://… or ~/Downloads/sp-metadata.xml", "", nil))
		s.inputs[s.meta].short = "SP metadata"
	}
	s.ent = add(newInput("SP Entity ID", "copy it from "+p.SPName(), a.SPEntityID, profile.CheckEntityID))
	label, hint := "ACS URL", "https://…"
	if p.Customizable {
		label, hint = "ACS URLs (several: separate them with spaces; the first is the default)", "https://… https://…"
	}
	s.acs = add(newInput(label, hint, strings.Join(a.ACSURLs, " "), checkACSURLs))
	s.inputs[s.acs].short = "ACS URL"
	if p.Customizable {
		s.inputs[s.acs].short = "ACS URLs"
	}
	s.inputs[s.acs].okText = func(v string) string {
		if n := len(strings.Fields(v)); n > 1 {
			return fmt.Sprintf("%d ACS URLs; the first is the default", n)
		}
		return "looks right"
	}
}

// checkACSURLs checks each URL of a space-separated list.
func checkACSURLs(s string) error {
	urls := splitURLs(s)
	if len(urls) == 0 {
		return errEmpty
	}
	for i, u := range urls {
		if err := profile.CheckACSURL(u); err != nil {
			if len(urls) > 1 {
				return fmt.Errorf("(number %d) %w", i+1, err)
			}
			return err
		}
	}
	return nil
}

func splitURLs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
}

func (s *spValues) ShortHelp() []key.Binding {
	k := s.w.keys()
	if !s.generated() {
		return []key.Binding{k.Next, k.Back}
	}
	var b []key.Binding
	in := s.inputs[s.field]
	switch {
	case s.field == s.meta && strings.TrimSpace(in.value()) != "":
		b = append(b, tui.With(k.Next, "read it"))
	case in.err == nil || s.field == s.meta:
		b = append(b, k.Next)
	}
	return append(b, k.NextField, k.Back)
}

func (s *spValues) FullHelp() [][]key.Binding {
	k := s.w.keys()
	if !s.generated() {
		return [][]key.Binding{s.ShortHelp()}
	}
	return [][]key.Binding{s.ShortHelp(), {k.PrevField}}
}

func (s *spValues) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(spMetadataMsg); ok {
		return s.readDone(m)
	}
	if s.inputs == nil {
		if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, s.w.keys().Next) {
			return s.w.next()
		}
		return nil
	}
	km, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); paste {
			return s.store(s.inputs[s.field].update(msg))
		}
		return s.inputs[s.field].update(msg)
	}
	k := s.w.keys()
	switch {
	case key.Matches(km, k.NextField):
		return s.focus(s.field + 1)
	case key.Matches(km, k.PrevField):
		return s.focus(s.field - 1)
	case key.Matches(km, k.Next):
		if s.field == s.meta {
			if src := strings.TrimSpace(s.inputs[s.meta].value()); src != "" {
				return s.read(src)
			}
			return s.focus(s.field + 1)
		}
		if err := s.inputs[s.field].err; err != nil {
			return tui.Status(s.inputs[s.field].label+" "+err.Error(), tui.KindFail)
		}
		for i, in := range s.inputs {
			if i != s.meta && in.err != nil {
				return tea.Batch(s.focus(i), tui.Status(in.label+" "+samlcheck.Printable(in.err.Error()), tui.KindFail))
			}
		}
		if s.field < len(s.inputs)-1 {
			return s.focus(s.field + 1)
		}
		return tea.Batch(s.store(nil), s.w.next())
	}
	return s.store(s.inputs[s.field].update(msg))
}

// read fetches or reads the SP's metadata in the background.
func (s *spValues) read(typed string) tea.Cmd {
	source, err := userpath.Clean(typed)
	if err != nil {
		s.inputs[s.meta].fail(err)
		return nil
	}
	s.seq++
	s.reading = true
	seq, load, lo, ctx := s.seq, s.w.svc.Load, s.w.opts.Load, s.w.ctx
	return func() tea.Msg {
		data, err := load(ctx, source, lo)
		if err != nil {
			return spMetadataMsg{seq: seq, source: source, err: err}
		}
		md, err := metadata.ReadSPMetadata(data)
		return spMetadataMsg{seq: seq, source: source, md: md, err: err}
	}
}

// readDone fills the SP Entity ID and the ACS URLs from the SP's metadata.
func (s *spValues) readDone(m spMetadataMsg) tea.Cmd {
	if m.seq != s.seq || s.inputs == nil || s.meta < 0 {
		return nil
	}
	s.reading = false
	if m.err != nil {
		s.inputs[s.meta].fail(m.err)
		return nil
	}
	s.inputs[s.ent].setValue(m.md.EntityID)
	s.inputs[s.acs].setValue(strings.Join(m.md.ACSURLs, " "))
	if !s.w.prof.Customizable && len(m.md.ACSURLs) > 1 {
		s.inputs[s.acs].setValue(m.md.ACSURLs[0])
	}
	// Filled in, not typed: show each from its start.
	s.inputs[s.ent].ti.CursorStart()
	s.inputs[s.acs].ti.CursorStart()
	cmd := s.store(s.focus(s.ent))
	return tea.Batch(cmd, tui.Status(fmt.Sprintf("read the SP Entity ID and %s from %s", plural(len(strings.Fields(s.inputs[s.acs].value())), "ACS URL", "ACS URLs"), m.source), tui.KindOK))
}

// store copies the inputs into the answers as they are typed, so quitting
// and resuming keeps them.
func (s *spValues) store(cmd tea.Cmd) tea.Cmd {
	if s.app >= 0 {
		s.w.ans.AppName = strings.TrimSpace(s.inputs[s.app].value())
	}
	s.w.ans.SPEntityID = strings.TrimSpace(s.inputs[s.ent].value())
	s.w.ans.ACSURLs = splitURLs(s.inputs[s.acs].value())
	return cmd
}

func (s *spValues) focus(i int) tea.Cmd {
	i = (i + len(s.inputs)) % len(s.inputs)
	s.inputs[s.field].blur()
	s.field = i
	return s.inputs[i].focus()
}

func (s *spValues) View(ctx *tui.Context, w, h int) string {
	st := ctx.Styles
	p := s.w.prof
	if p == nil {
		return ""
	}
	var b strings.Builder
	if s.generated() {
		intro := st.Text.Render(tui.Wrap("Copy the SP Entity ID and the ACS URL from "+p.SPName()+" exactly: a single wrong character makes every sign-in fail.", w))
		where := ""
		if p.ServiceProvider.WhereToFind != "" {
			where = st.Muted.Render(tui.Wrap("Where: "+p.ServiceProvider.WhereToFind, w))
		}
		// The layout is chosen for the fields with a verdict line each, so
		// it does not jump while the admin types.
		full := s.fullFields(ctx, w)
		if lines(intro)+1+lines(where)+1+3*len(s.inputs)+len(s.inputs)-1 <= h {
			b.WriteString(intro + "\n\n")
			if where != "" {
				b.WriteString(where + "\n\n")
			}
			b.WriteString(full)
			return b.String()
		}
		// A short screen: the labels go beside the fields, and the
		// advice that is not a field gives way first.
		compact := s.compactFields(ctx, w)
		switch room := h - lines(compact) - 1; {
		case room >= lines(intro)+1+lines(where) && where != "":
			b.WriteString(intro + "\n" + where + "\n\n")
		case room >= lines(intro):
			b.WriteString(intro + "\n\n")
		}
		b.WriteString(compact)
		return b.String()
	}
	b.WriteString(st.Text.Render(tui.Wrap(p.Name+" uses the same values for every organisation, so there is nothing to type here. The next steps show where each one goes.", w)) + "\n\n")
	sp := p.ServiceProvider
	rows := [][2]string{{"SP Entity ID", sp.EntityID}}
	for _, a := range sp.ACSURLs {
		rows = append(rows, [2]string{"ACS URL", a})
	}
	rows = append(rows, [2]string{"Login URL", orNone(sp.LoginURL)}, [2]string{"Default RelayState", orNone(sp.DefaultRelayState)})
	for _, r := range rows {
		b.WriteString("  " + st.Label.Render(padRight(r[0], 20)) + st.Value.Render(r[1]) + "\n")
	}
	return b.String()
}

func (s *spValues) fullFields(ctx *tui.Context, w int) string {
	parts := make([]string, len(s.inputs))
	for i := range s.inputs {
		parts[i] = s.fieldView(ctx, i, w, 0)
	}
	return strings.Join(parts, "\n\n")
}

func (s *spValues) compactFields(ctx *tui.Context, w int) string {
	parts := make([]string, len(s.inputs))
	for i := range s.inputs {
		parts[i] = s.fieldView(ctx, i, w, 15)
	}
	return strings.Join(parts, "\n")
}

// fieldView is one field, its label above (labelW 0) or beside it.
func (s *spValues) fieldView(ctx *tui.Context, i, w, labelW int) string {
	in := &s.inputs[i]
	if labelW > 0 {
		out := in.compactView(ctx, w, labelW)
		if i == s.meta && s.reading {
			out += "\n" + ctx.Styles.Muted.Render("  reading…")
		}
		return out
	}
	out := in.view(ctx, w)
	if i == s.meta && s.reading {
		out += "\n" + ctx.Styles.Muted.Render("reading…")
	}
	return out
}

func lines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

func orNone(s string) string {
	if s == "" {
		return "(leave empty)"
	}
	return s
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}
