package acs

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// DefaultPort is the listener's port unless told otherwise (--acs-port): a
// fixed one, so the test ACS URL an admin adds in JumpCloud stays valid from
// one run to the next. Options.Port 0 asks for a free port instead.
const DefaultPort = 8741

// Host is the only address the listener binds: the browser that carries the
// response runs on this machine, and nothing else should reach it.
const Host = "127.0.0.1"

// The listener's paths: the ACS the IdP posts to, and the login URL that
// starts the sign-in (a redirect to the IdP, or an auto-posting form).
const (
	ACSPath   = "/saml/acs"
	LoginPath = "/saml/login"
)

// ACSURLFor is the test ACS URL a listener on port will have, so a screen
// can show the URL to add in JumpCloud before the listener is up (port 0
// has no URL until Start has chosen one: use Session.ACSURL).
func ACSURLFor(port int) string { return baseURL(port) + ACSPath }

func baseURL(port int) string { return "http://" + net.JoinHostPort(Host, strconv.Itoa(port)) }

// DefaultMaxBodyBytes caps a posted form. A JumpCloud response is a few
// tens of KiB of base64, more with many group attributes; 1 MiB leaves
// room for those and refuses anything that is not a login.
const DefaultMaxBodyBytes = 1 << 20

// DefaultTimeout is how long a login test usually waits (test-login's
// --timeout): long enough to sign in, add a forgotten URL, and try again.
const DefaultTimeout = 5 * time.Minute

// Binding says how the AuthnRequest reaches the IdP.
type Binding string

// The request bindings. BindingAuto uses HTTP-Redirect when the metadata
// offers it, else HTTP-POST.
const (
	BindingAuto     Binding = ""
	BindingRedirect Binding = "redirect"
	BindingPOST     Binding = "post"
)

// ParseBinding reads a binding as a user types it: "redirect", "post", or
// "auto" (or nothing) to let the metadata decide.
func ParseBinding(s string) (Binding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return BindingAuto, nil
	case "redirect":
		return BindingRedirect, nil
	case "post":
		return BindingPOST, nil
	}
	return "", fmt.Errorf("binding %q: use redirect, post or auto", s)
}

// uri is the binding's SAML URI.
func (b Binding) uri() string {
	if b == BindingPOST {
		return rules.BindingPOST
	}
	return rules.BindingRedirect
}

// Options configure a login test. SPEntityID and SSO are required; the
// zero value of the rest works (a free port, the binding the metadata
// prefers, no NameIDPolicy format).
type Options struct {
	// Port is the loopback port to listen on: DefaultPort is what a user
	// gets unless they choose; 0 picks a free port.
	Port int
	// SPEntityID is the service provider's entity ID: the request's Issuer
	// and the Audience the inspection expects.
	SPEntityID string
	// SSO are the IdP's sign-on endpoints, from its metadata (see
	// UseMetadata).
	SSO []samlcheck.Endpoint
	// Binding chooses how the request is sent; BindingAuto lets the
	// metadata decide.
	Binding Binding
	// NameIDFormat goes into the request's NameIDPolicy (the profile's
	// SAMLSubject NameID Format); empty sends a NameIDPolicy without one.
	NameIDFormat string
	// Inspect is what to trust and expect when inspecting the response (as
	// `jcsso inspect` assembles it). ACSURL, SPEntityID and RequestID are
	// set by the session: the test ACS URL, SPEntityID above, and the
	// request it sent (none for an IdP-initiated response).
	Inspect response.Options
	// MaxBodyBytes caps a posted form; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Clock stamps the request's IssueInstant and the timings; nil means
	// time.Now.
	Clock func() time.Time
}

// UseMetadata takes the IdP's sign-on endpoints and what to trust (its
// signing certificates, and its entityID as the expected Issuer unless one
// was given) from checked metadata.
func (o *Options) UseMetadata(md *metadata.Report) {
	o.SSO = append([]samlcheck.Endpoint(nil), md.IdP.SSO...)
	o.Inspect.TrustMetadata(md.IdP)
}

// withDefaults checks o and fills in its defaults.
func (o Options) withDefaults() (Options, error) {
	if o.Port < 0 || o.Port > 65535 {
		return o, fmt.Errorf("port %d: use 1 to 65535, or 0 for a free port", o.Port)
	}
	if strings.TrimSpace(o.SPEntityID) == "" {
		return o, fmt.Errorf("no SP Entity ID: the request's Issuer must be the service provider's entity ID")
	}
	switch o.Binding {
	case BindingAuto, BindingRedirect, BindingPOST:
	default:
		return o, fmt.Errorf("binding %q: use redirect, post or auto", o.Binding)
	}
	if strings.ContainsAny(o.NameIDFormat, " \t\r\n<>\"") {
		return o, fmt.Errorf("NameID format %q is not a URI", o.NameIDFormat)
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return o, nil
}

// chooseEndpoint picks the sign-on endpoint for the binding: Redirect when
// offered (or asked for), else POST.
func chooseEndpoint(sso []samlcheck.Endpoint, want Binding) (samlcheck.Endpoint, Binding, error) {
	find := func(b Binding) (samlcheck.Endpoint, bool) {
		for _, e := range sso {
			if e.Binding == b.uri() && usableURL(e.URL) {
				return e, true
			}
		}
		return samlcheck.Endpoint{}, false
	}
	order := []Binding{BindingRedirect, BindingPOST}
	if want != BindingAuto {
		order = []Binding{want}
	}
	for _, b := range order {
		if e, ok := find(b); ok {
			return e, b, nil
		}
	}
	switch want {
	case BindingRedirect:
		return samlcheck.Endpoint{}, "", fmt.Errorf("%w: the metadata offers no HTTP-Redirect sign-on URL (Declare Redirect Endpoint not ticked in JumpCloud?); send the request by POST instead", ErrNoSSOEndpoint)
	case BindingPOST:
		return samlcheck.Endpoint{}, "", fmt.Errorf("%w: the metadata offers no HTTP-POST sign-on URL; send the request by redirect instead", ErrNoSSOEndpoint)
	}
	return samlcheck.Endpoint{}, "", fmt.Errorf("%w: the metadata offers no HTTP-Redirect or HTTP-POST sign-on URL (run jcsso check on it)", ErrNoSSOEndpoint)
}

// usableURL is an absolute http or https URL a browser can be sent to.
func usableURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
