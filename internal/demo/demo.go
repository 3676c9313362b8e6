// Package demo is `jcsso demo`'s engine: a JumpCloud-shaped test IdP
// (internal/testidp) on loopback that plays JumpCloud while a newcomer
// walks the setup wizard, configured with what they enter on the SSO tab
// step, serving its metadata over HTTPS with its own certificate, given
// the live test's ACS URL, and able to sign its demo user in with the
// scripted browser; and the same steps headless (Run).
//
// Its signing key is RSA-4096, as JumpCloud's: read from the user's cache
// folder, or generated in the background while the first steps are read,
// then cached (0600). Nothing here reads flags or writes to a terminal.
package demo

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// User is who the demo signs in, bound to the app (unless the
// unbound-user fault), with any non-empty password.
const User = testidp.DefaultEmail

// userPassword is what the scripted browser types.
const userPassword = "demo"

// Options shape a demo.
type Options struct {
	// Faults start the IdP with what goes wrong in real setups.
	Faults []testidp.Fault
	// KeyDir caches the signing keys (CacheDir); "" keeps none.
	KeyDir string
	// KeyBits is the signing key's size; zero is JumpCloud's 4096.
	KeyBits int
	// FallbackBits, when set, is the size generated when no key of
	// KeyBits is cached (demo --yes: a 2048-bit key takes a fraction of a
	// second where 4096 bits take seconds); it is not cached.
	FallbackBits int
	// UserAgent is sent with the metadata fetch.
	UserAgent string
}

// Demo is one demo's test IdP. Its methods are safe for concurrent use:
// the wizard calls them from its commands.
type Demo struct {
	opts Options
	keys [2]*pendingKey

	mu  sync.Mutex
	idp *testidp.Server
	app string
}

// New checks the faults and starts reading or generating the signing key
// (and the one from before a rotation, for the rotated-cert fault) in the
// background; the IdP itself starts when the SSO tab is saved (Configure).
func New(o Options) (*Demo, error) {
	if o.KeyBits == 0 {
		o.KeyBits = testidp.JumpCloudKeyBits
	}
	check := testidp.Options{Faults: o.Faults, KeyBits: o.KeyBits,
		SSO: testidp.SSOSettings{SPEntityID: "https://sp.example", ACSURLs: []string{"https://sp.example/acs"}}}
	if err := check.Check(); err != nil {
		return nil, err
	}
	gen := o.KeyBits
	if o.FallbackBits != 0 {
		gen = o.FallbackBits
	}
	d := &Demo{opts: o}
	d.keys[0] = startKey(o.KeyDir, o.KeyBits, gen, 0)
	if slices.Contains(o.Faults, testidp.FaultRotatedCert) {
		d.keys[1] = startKey(o.KeyDir, o.KeyBits, gen, 1)
	}
	return d, nil
}

// KeyReady reports whether the signing key is there (the first screens
// say when it is still being made).
func (d *Demo) KeyReady() bool {
	select {
	case <-d.keys[0].done:
		return true
	default:
		return false
	}
}

// KeyNote says, once the key is there, its size and where it came from.
func (d *Demo) KeyNote() string {
	k := d.keys[0]
	if !d.KeyReady() || k.key == nil {
		return ""
	}
	return fmt.Sprintf("RSA-%d, %s", k.key.N.BitLen(), k.how)
}

// Settings are the SSO tab's values the answers describe, as the test
// IdP takes them: what the newcomer entered is what it is configured with.
func Settings(p *profile.Profile, a ssoconfig.Answers) testidp.SSOSettings {
	sp, acsURLs := ssoconfig.SPValues(p, a)
	s := a.SAML(p)
	out := testidp.SSOSettings{
		IdPEntityID: a.IdPEntityID, SPEntityID: sp, ACSURLs: slices.Clone(acsURLs),
		NameID: s.NameID, NameIDFormat: s.NameIDFormat, SignatureAlgorithm: s.SignatureAlgorithm,
		DefaultRelayState: p.ServiceProvider.DefaultRelayState, DeclareRedirectEndpoint: s.DeclareRedirectEndpoint,
	}
	switch s.Sign {
	case profile.SignAssertion:
		out.Sign = testidp.SignAssertion
	case profile.SignResponse:
		out.Sign = testidp.SignResponse
	default:
		out.Sign = testidp.SignBoth
	}
	for _, at := range s.Attributes {
		out.Attributes = append(out.Attributes, testidp.AttributeMapping{Name: at.Name, Field: at.JumpCloud})
	}
	return out
}

// Configure is the SSO tab saved: the first time it starts the IdP for
// the app the answers name (its IdP URL /saml2/<app>), later it applies
// the new values, keeping a test ACS URL added since; an app renamed gets
// a new IdP. It returns the app's Metadata URL.
func (d *Demo) Configure(ctx context.Context, p *profile.Profile, a ssoconfig.Answers) (string, error) {
	settings := Settings(p, a)
	app := profile.AppSlug(a.App(p))
	key, err := d.keys[0].wait(ctx)
	if err != nil {
		return "", err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.idp != nil && d.app == app {
		for _, u := range d.idp.Settings().ACSURLs {
			if isTestACS(u) && !slices.Contains(settings.ACSURLs, u) {
				settings.ACSURLs = append([]string{u}, settings.ACSURLs...)
			}
		}
		if err := d.idp.Configure(settings); err != nil {
			return "", fmt.Errorf("the demo IdP refused the SSO tab: %w", err)
		}
		return d.idp.MetadataURL(), nil
	}
	o := testidp.Options{App: app, SSO: settings, Key: key, KeyBits: d.opts.KeyBits, Faults: d.opts.Faults}
	if d.keys[1] != nil {
		if o.PreviousKey, err = d.keys[1].wait(ctx); err != nil {
			return "", err
		}
	}
	idp, err := testidp.New(o)
	if err != nil {
		return "", fmt.Errorf("the demo IdP refused the SSO tab: %w", err)
	}
	if err := idp.Start(); err != nil {
		return "", err
	}
	if d.idp != nil {
		_ = d.idp.Close()
	}
	d.idp, d.app = idp, app
	return idp.MetadataURL(), nil
}

// isTestACS is a live test's ACS URL on this machine.
func isTestACS(u string) bool { return strings.HasPrefix(u, "http://"+acs.Host+":") }

// errNoIdP: the SSO tab was not saved yet, so there is no IdP.
var errNoIdP = errors.New("the demo IdP starts when the SSO tab (step 4) is saved; go back there and press enter")

func (d *Demo) server() (*testidp.Server, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.idp == nil {
		return nil, errNoIdP
	}
	return d.idp, nil
}

// MetadataURL is the running IdP's ("" before Configure).
func (d *Demo) MetadataURL() string {
	if idp, err := d.server(); err == nil {
		return idp.MetadataURL()
	}
	return ""
}

// CertPool trusts the IdP's own TLS certificate, and nothing else.
func (d *Demo) CertPool() *x509.CertPool {
	if idp, err := d.server(); err == nil {
		return idp.CertPool()
	}
	return x509.NewCertPool()
}

// Load reads a metadata source as the wizard does, fetching a URL with a
// Fetcher that trusts the demo IdP's certificate (no SSL_CERT_FILE).
func (d *Demo) Load(ctx context.Context, src string, lo source.LoadOptions) ([]byte, error) {
	lo.Fetcher = source.NewFetcher(source.FetcherOptions{RootCAs: d.CertPool(), UserAgent: d.opts.UserAgent})
	return source.Load(ctx, src, lo)
}

// AddACSURL puts a live test's ACS URL on the app's SSO tab, first, as
// the causes advise for a test (an IdP that always posts to the default
// ACS URL, or a sign-in from the portal's tile, then still reaches it).
func (d *Demo) AddACSURL(url string) error {
	idp, err := d.server()
	if err != nil {
		return err
	}
	s := idp.Settings()
	if !slices.Contains(s.ACSURLs, url) {
		s.ACSURLs = append([]string{url}, s.ACSURLs...)
	}
	return idp.Configure(s)
}

// SignIn plays the demo user's browser from a login URL through the IdP's
// login form to wherever its form posts the response.
func (d *Demo) SignIn(ctx context.Context, loginURL string) (acs.BrowserOutcome, error) {
	idp, err := d.server()
	if err != nil {
		return acs.BrowserOutcome{}, err
	}
	b := testidp.NewBrowser(idp.CertPool())
	b.Allow = testidp.OnlyLoopback // the demo's browser never leaves this machine
	defer b.CloseIdleConnections()
	login, err := b.LogIn(ctx, loginURL, User, userPassword)
	if err != nil {
		return acs.BrowserOutcome{}, fmt.Errorf("the demo's browser: %w", err)
	}
	return acs.BrowserOutcome{NoResponse: !login.Delivered, PostedTo: login.PostedTo}, nil
}

// Close stops the IdP. It may be called more than once.
func (d *Demo) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.idp == nil {
		return nil
	}
	err := d.idp.Close()
	d.idp = nil
	return err
}
