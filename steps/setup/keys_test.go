package setup

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// The help line's promise, as a property over every screen and state of
// every built-in profile: each key the help shows (the one line, and the
// full list) does something when pressed there. A key does something when
// the screen changes (the status line aside: "not yet" and "nothing to
// copy" are not an effect), the step changes, the program ends, or a value
// is copied. And the key that lists all keys is on every screen, typing
// or not.

// act is one thing the admin does; a string in a script is a checkpoint.
type act func(h *harness)

func press(keys ...string) act { return func(h *harness) { h.Keys(keys...) } }
func typed(s string) act       { return func(h *harness) { h.Type(s) } }
func pasted(s string) act      { return func(h *harness) { h.Send(tea.PasteMsg{Content: s}) } }

type keyScenario struct {
	name   string
	fakes  func(t *testing.T) *fakes
	opts   func(f *fakes) Options
	script []any
}

func TestEveryShownKeyWorks(t *testing.T) {
	for _, sc := range keyScenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			var acts []act
			for _, s := range sc.script {
				switch v := s.(type) {
				case act:
					acts = append(acts, v)
				case string:
					checkShownKeys(t, sc, acts, v)
				}
			}
		})
	}
}

// replay starts the scenario afresh and does acts.
func replay(t *testing.T, sc keyScenario, acts []act) (*harness, *fakes) {
	t.Helper()
	f := sc.fakes(t)
	opts := Options{Services: f.services()}
	if sc.opts != nil {
		opts = sc.opts(f)
	}
	h := newHarness(t, opts)
	for _, a := range acts {
		a(h)
	}
	return h, f
}

// checkShownKeys is the help line's promise at one checkpoint (the one
// checker, tuitest.CheckShownKeys), once the script is where the label
// says; a copied value counts as an effect.
func checkShownKeys(t *testing.T, sc keyScenario, acts []act, label string) {
	t.Helper()
	h, _ := replay(t, sc, acts)
	// The script reached the state it names ("step 4, …").
	var n int
	if _, err := fmt.Sscanf(label, "step %d", &n); err == nil && h.M.Position() != n {
		t.Fatalf("%s: on step %d; screen:\n%s", label, h.M.Position(), h.Screen())
	}
	tuitest.CheckShownKeys(t, label, func() (*tuitest.Harness, func() string) {
		h, f := replay(t, sc, acts)
		return h.Harness, func() string {
			f.mu.Lock()
			defer f.mu.Unlock()
			return fmt.Sprintf("copied %d", len(f.copied))
		}
	})
}

// keyScenarios walk every step of each built-in profile through its
// states, with a checkpoint at each.
func keyScenarios(t *testing.T) []keyScenario {
	good := jumpcloudMetadata(t, "jumpcloud-acmecorp")
	placeholder := jumpcloudMetadata(t, "IdP Entity ID")
	dir := t.TempDir()
	for i, name := range []string{"JumpCloud-old-metadata.xml", "JumpCloud-new-metadata.xml", "notes.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, good, 0o600); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(time.Duration(i-3) * time.Hour)
		_ = os.Chtimes(p, at, at)
	}
	if err := os.Mkdir(filepath.Join(dir, "Exports"), 0o700); err != nil {
		t.Fatal(err)
	}
	mk := func(md []byte) func(*testing.T) *fakes {
		return func(*testing.T) *fakes {
			return &fakes{metadata: md, pickerDir: dir, spMetadata: spMetadataDoc(), message: "Subject: SAML\n"}
		}
	}
	var out []keyScenario
	for i, id := range profile.BuiltinIDs() {
		p, _ := profile.Builtin(id)
		var s []any
		add := func(x ...any) { s = append(s, x...) }
		add("step 1, the list")
		for range i {
			add(press("down"))
		}
		add(press("tab"), "step 1, empty field", typed("acmecorp.com"), "step 1, typed")
		add(press("?"), "step 1, all keys while typing shows ?", press("ctrl+g"), "step 1, all keys", press("ctrl+g"))
		add(press("enter"), "step 2")
		if p.ServiceProvider.Generated {
			if p.Customizable {
				add(typed("Acme CRM"), "step 2, app name", press("tab"))
			}
			if p.ServiceProvider.SPMetadata {
				add("step 2, SP metadata empty", typed("https://crm.acme.example/spmeta"), "step 2, SP metadata typed", press("enter"), "step 2, SP metadata read", press("shift+tab"), press("tab"))
			} else {
				add(typed("https://acme.vome.example/saml"), press("tab"), "step 2, ACS empty", typed("http://acme.vome.example/acs"), "step 2, ACS wrong")
				for range len("http://acme.vome.example/acs") {
					add(press("backspace"))
				}
				add(typed("https://acme.vome.example/acs"), "step 2, fixed")
			}
		}
		add(press("enter"))
		if p.ServiceProvider.Generated {
			add(press("enter"))
		}
		add("step 3, none ticked", press("space"), "step 3, one ticked", press("a"), "step 3, all ticked", press("enter"))
		top := press(strings.Split(strings.Repeat("up ", 20), " ")[:20]...)
		for r := range 17 {
			add(fmt.Sprintf("step 4, row %d", r), press("down"))
		}
		if p.Customizable {
			// Two ACS URLs were read from the SP's metadata: the first
			// attribute is row 12.
			add(top, press(strings.Split(strings.Repeat("down ", 12), " ")[:12]...), "step 4, on an attribute")
			add(press("e"), "step 4, editing an attribute", press("esc"), press("a"), "step 4, adding an attribute", typed("groups = group"), "step 4, a new attribute typed", press("enter"))
			add(press("x"), "step 4, one removed")
			add(top, press("down", "down", "down", "down", "down"), press("e"), "step 4, format changed", press("down", "down"), press("e"), "step 4, sign changed")
			add(press("up", "up", "up"), press("e"), "step 4, editing the NameID", press("esc"))
		}
		add(top, press("e"), "step 4, editing the IdP Entity ID")
		add(typed(" x"), "step 4, editing, a wrong value", press("backspace", "backspace"), press("enter"), press("enter"))
		add("step 5", press("enter"))
		add("step 6, choose", press("enter"), "step 6, source empty", typed("missing.xml"), "step 6, source typed", press("enter"), "step 6, source failed")
		add(press("esc"), press("2"), "step 6, picker", press("down"), "step 6, picker moved", press("esc"))
		add(press("3"), "step 6, paste box", press("<", "m", "d"), "step 6, pasted by keys, half", press("esc"))
		add(pasted(string(placeholder)), "step 6, failed", press("o"), "step 6, confirm", press("n"))
		add(press("r"), pasted(string(good)), "step 6, passed", press("enter"))
		if p.Handoff.Method == profile.HandoffSupport {
			add("step 6, the Metadata URL", typed("https://unreachable.example/md"), press("enter"), "step 6, URL not checked", press("enter"))
		}
		add("step 7, live test waiting", press("esc"), "step 7, live test cancelled", press("r"), "step 7, live test again",
			press("p"), "step 7, paste field", press("esc"), press("r"), press("s"))
		if p.Rollout.Mode == profile.RolloutSessionsEnd {
			add("step 8, not told", press("space"), "step 8, told")
		} else {
			add("step 8, enforcement", press("space"), "step 8, enforced", press("enter"), "step 8, warned", press("tab"), "step 8, admin field",
				typed("it@acmecorp.com"), "step 8, admin typed", press("enter"), typed("IT@AcmeCorp.com"), press("enter"), "step 8, the same admin again")
			for range len("IT@AcmeCorp.com") {
				add(press("backspace"))
			}
			add(typed("owner@acmecorp.com"), press("enter"), press("tab"), "step 8, two admins", press("x", "x"), "step 8, none left", press("tab"))
		}
		add(press("esc"), "step 7, live test skipped", press("enter"))
		add(press("enter"), "step 9", press("enter"), "step 9, written")
		out = append(out, keyScenario{name: id, fakes: mk(good), script: s})
	}
	// A fixed profile (--profile), a saved session offered to a plain run,
	// and an existing folder.
	vome, _ := profile.Builtin("vome")
	out = append(out,
		keyScenario{name: "fixed profile", fakes: mk(good), opts: func(f *fakes) Options {
			return Options{Services: f.services(), Profile: vome}
		}, script: []any{"step 1, fixed", typed("acme"), "step 1, fixed, typed"}},
		keyScenario{name: "saved session", fakes: func(t *testing.T) *fakes {
			f := mk(good)(t)
			f.sessions = []ssoconfig.Answers{{Step: keyAssign, ProfileID: "avoma", Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp"}}
			return f
		}, script: []any{"step 1, offer"}},
		keyScenario{name: "existing folder", fakes: func(t *testing.T) *fakes {
			f := mk(good)(t)
			f.exists = true
			f.sessions = []ssoconfig.Answers{{Step: keyReview, ProfileID: "avoma", Org: "acmecorp", IdPEntityID: "jumpcloud-acmecorp",
				MetadataSource: "https://sso.jumpcloud.example/md", MetadataURL: "https://sso.jumpcloud.example/md", UsersNotified: true}}
			return f
		}, opts: func(f *fakes) Options { return Options{Services: f.services(), Resume: true} },
			script: []any{"step 6, resumed", press("enter", "s", "enter"), "step 9, resumed", press("enter"), "step 9, the folder exists"}},
	)
	return out
}

// spMetadataDoc is a service provider's own metadata.
func spMetadataDoc() []byte {
	return []byte(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://crm.acme.example/saml">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://crm.acme.example/saml/acs" index="0"/>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://eu.crm.acme.example/saml/acs" index="1"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>`)
}

// The import's number shortcuts are offered where they work.
func TestImportNumbersAreShown(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.WantScreen("1-3 pick")
	h.Keys("2")
	h.WantScreen("Choose the file JumpCloud's Export Metadata saved")
}
