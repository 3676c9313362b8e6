package setup

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// The wizard's live checks and the write (ssoconfig.CheckAnswers, which
// step 8 and `setup --yes` both go through) judge every answer by the same
// rule, so nothing the wizard takes is refused at the end.

// Step 7 refuses exactly the excluded admins step 8 would refuse to write:
// "owner@acmecorp" has no dotted domain, so it is not taken.
func TestRolloutRefusesWhatTheWriteRefuses(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("3")
	h.Send(tea.PasteMsg{Content: string(f.metadata)})
	h.WantScreen("The metadata is ready")
	h.Keys("enter", "s")
	h.WantPosition(8)
	h.Keys("tab")
	for _, e := range []string{"owner@acmecorp", "a@b@acmecorp.com", "it@acmecorp.com"} {
		h.Type(e)
		h.Keys("enter")
		got := slices.Contains(h.w.ans.ExcludedAdmins, e)
		p, _ := profile.Builtin("vome")
		a := ssoconfig.Answers{ExcludedAdmins: []string{e}}
		refused := false
		for _, pr := range ssoconfig.CheckAnswers(p, a) {
			refused = refused || pr.Field == ssoconfig.FieldExcludedAdmins
		}
		if got == refused {
			t.Errorf("%s: step 7 took it %v, the write refuses it %v", e, got, refused)
		}
		for range len(e) {
			h.Keys("backspace")
		}
	}
}

// The IdP Entity ID's live warning on step 4 shows exactly when the write
// would refuse the value (the same as the SP Entity ID, or spaced).
func TestIdPEntityIDWarningAgreesWithTheWrite(t *testing.T) {
	p, _ := profile.Builtin("generic")
	for _, tc := range [][2]string{
		{"https://crm.acme.example", "https://crm.acme.example"},
		{"https://crm.acme.example ", "https://crm.acme.example"},
		{"https://CRM.acme.example", "https://crm.acme.example"},
		{"jumpcloud-acme", "https://crm.acme.example"},
		{"jumpcloud acme", "https://crm.acme.example"},
	} {
		idp, sp := tc[0], tc[1]
		warned := idpWarning(idp, sp) != ""
		a := ssoconfig.Answers{Org: "acme", SPEntityID: sp, ACSURLs: []string{"https://crm.acme.example/acs"}, IdPEntityID: idp}
		refused := false
		for _, pr := range ssoconfig.CheckAnswers(p, a) {
			refused = refused || pr.Field == ssoconfig.FieldIdPEntityID
		}
		if warned != refused {
			t.Errorf("IdP %q, SP %q: step 4 warns %v, the write refuses %v", idp, sp, warned, refused)
		}
	}
}

// Step 7 refuses an admin already excluded in another case, as Vome
// compares e-mail addresses, and says so on the field; the write would
// refuse the pair too (item 23).
func TestRolloutComparesEmailsAsTheSPDoes(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("3")
	h.Send(tea.PasteMsg{Content: string(f.metadata)})
	h.Keys("enter", "s", "tab")
	h.WantPosition(8)
	h.Type("Owner@AcmeCorp.org")
	h.Keys("enter")
	h.Type("owner@acmecorp.org")
	h.Keys("enter")
	if s := strings.Join(strings.Fields(h.Screen()), " "); !strings.Contains(s, "✗ owner@acmecorp.org is already excluded, as Owner@AcmeCorp.org (Vome ignores case in e-mail addresses)") {
		t.Fatalf("no verdict on the field:\n%s", h.Screen())
	}
	if got := h.w.ans.ExcludedAdmins; !slices.Equal(got, []string{"Owner@AcmeCorp.org"}) {
		t.Fatalf("excluded %v", got)
	}
	p, _ := profile.Builtin("vome")
	a := h.w.ans
	a.ExcludedAdmins = []string{"Owner@AcmeCorp.org", "owner@acmecorp.org"}
	if len(ssoconfig.CheckAnswers(p, a)) == 0 {
		t.Error("the write would take what step 7 refuses")
	}
}
