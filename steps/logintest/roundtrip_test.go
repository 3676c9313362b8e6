package logintest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/tui"
	"github.com/jcsso/jcsso/tui/tuitest"
)

const spEntityID = "https://sp.example/saml"

// liveRig is the step with its real services against a test IdP: the
// listener on a free port, added second on the IdP's SSO tab.
type liveRig struct {
	*tuitest.Harness
	step *Step
	idp  *testidp.Server
}

func newLiveRig(t *testing.T, faults []testidp.Fault, svc func(*Services, *testidp.Server)) *liveRig {
	t.Helper()
	idp := samltest.StartIdP(t, testidp.Options{Faults: faults, SSO: testidp.SSOSettings{SPEntityID: spEntityID,
		ACSURLs: []string{"https://sp.example/saml/acs"}, DeclareRedirectEndpoint: true, NameIDFormat: profile.NameIDFormatEmail,
		Attributes: []testidp.AttributeMapping{{Name: "email", Field: testidp.FieldEmail}, {Name: "firstname", Field: testidp.FieldFirstName}}}})
	md := metadata.Check(idp.Metadata(), metadata.Options{SPEntityID: spEntityID})
	var services Services
	if svc != nil {
		svc(&services, idp)
	}
	step := New(Config{Key: "live", Title: "Test a live login", Services: services,
		Plan: func() (Plan, error) {
			o := acs.Options{SPEntityID: spEntityID, NameIDFormat: profile.NameIDFormatEmail}
			o.UseMetadata(md)
			return Plan{Options: o, SP: "the SP"}, nil
		}})
	m := tui.New(tui.Config{Flow: tui.Flow{Name: "jcsso test-login"}, Steps: []tui.Step{step}})
	step.Bind(m.Context())
	r := &liveRig{Harness: tuitest.New(t, m, 100, 40), step: step, idp: idp}
	t.Cleanup(step.Close)
	if step.mode != modeWaiting {
		t.Fatalf("not waiting:\n%s", r.Screen())
	}
	settings := idp.Settings()
	settings.ACSURLs = append(settings.ACSURLs, step.ACSURL())
	if err := idp.Configure(settings); err != nil {
		t.Fatal(err)
	}
	return r
}

// signIn plays the user's browser from start through the IdP's login form
// to the listener.
func (r *liveRig) signIn(t *testing.T, start string) *samltest.Page {
	t.Helper()
	br := samltest.NewBrowser(t, r.idp.CertPool())
	page := br.Get(start)
	if f, ok := page.FindForm("SAMLRequest"); ok {
		page = br.Submit(f)
	}
	page = br.SignIn(page, testidp.DefaultEmail, "pw")
	return br.Submit(page.FormWith(t, "SAMLResponse"))
}

func (r *liveRig) settle() {
	r.AwaitUntil(func() bool { return r.step.mode != modeWaiting })
}

// TestLiveRoundTrip: the whole live test on the screen, against the test
// IdP, the browser played by a scripted one: the passed login with who
// logged in and the attributes; a fault's finding with its fix; and an
// IdP-initiated login said as such.
func TestLiveRoundTrip(t *testing.T) {
	t.Run("passed", func(t *testing.T) {
		r := newLiveRig(t, nil, nil)
		page := r.signIn(t, r.step.sess.LoginURL())
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "result is in the terminal") {
			t.Fatalf("the browser's last page: %d %s", page.Status, page.Body)
		}
		r.settle()
		r.WantScreen("✓ Passed: alice@acmecorp.com logged in", "alice@acmecorp.com (emailAddress)",
			"email=alice@acmecorp.com; firstname=Alice", "the test ACS URL (Destination and Recipient)", "✓ the request went by HTTP-Redirect")
		if r.step.Outcome().Kind != OutcomePassed {
			t.Errorf("outcome %q", r.step.Outcome().Kind)
		}
	})
	t.Run("wrong audience", func(t *testing.T) {
		r := newLiveRig(t, []testidp.Fault{testidp.FaultWrongAudience}, nil)
		r.signIn(t, r.step.sess.LoginURL())
		r.settle()
		r.WantScreen("✗ Rejected: the SP would refuse this login", `"https://sp.example/salm"`, "Fix:")
		if r.step.Outcome().Kind != OutcomeRejected {
			t.Errorf("outcome %q", r.step.Outcome().Kind)
		}
	})
	t.Run("IdP-initiated", func(t *testing.T) {
		r := newLiveRig(t, nil, nil)
		settings := r.idp.Settings()
		settings.ACSURLs = []string{r.step.ACSURL()} // the tile posts to the default
		if err := r.idp.Configure(settings); err != nil {
			t.Fatal(err)
		}
		r.signIn(t, r.idp.IdPInitiatedURL())
		r.settle()
		r.WantScreen("an IdP-initiated login", "✓ Passed")
	})
}

// TestLiveDemoSignIn: with the demo's services the IdP is given the test
// ACS URL itself and d signs the demo user in with the product's scripted
// browser; a user bound to no group ends on the IdP's no-access page, and
// the screen says at once that the user is not bound.
func TestLiveDemoSignIn(t *testing.T) {
	demo := func(s *Services, idp *testidp.Server) {
		s.SignInAs = testidp.DefaultEmail
		s.SignIn = func(ctx context.Context, loginURL string) (acs.BrowserOutcome, error) {
			b := testidp.NewBrowser(idp.CertPool())
			defer b.CloseIdleConnections()
			login, err := b.LogIn(ctx, loginURL, testidp.DefaultEmail, "pw")
			if err != nil {
				return acs.BrowserOutcome{}, err
			}
			return acs.BrowserOutcome{NoResponse: !login.Delivered, PostedTo: login.PostedTo}, nil
		}
	}
	t.Run("bound", func(t *testing.T) {
		r := newLiveRig(t, nil, demo)
		r.Keys("d")
		r.settle()
		r.WantScreen("✓ Passed: alice@acmecorp.com logged in")
	})
	t.Run("unbound", func(t *testing.T) {
		r := newLiveRig(t, []testidp.Fault{testidp.FaultUnboundUser}, demo)
		r.Keys("d")
		r.settle()
		r.WantScreen("The sign-in ended, but no SAML response reached", "1  the user is not bound to the app")
	})
}
