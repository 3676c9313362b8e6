package testidp

import (
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// Sign is the SSO tab's Sign choice: what JumpCloud signs.
type Sign string

// JumpCloud's Sign choices.
const (
	SignAssertion Sign = "assertion"
	SignResponse  Sign = "response"
	SignBoth      Sign = "both"
)

// Signature algorithms of the SSO tab, as the profiles name them.
const (
	SigRSASHA256 = profile.SigRSASHA256
	SigRSASHA1   = profile.SigRSASHA1
)

// User fields an attribute or the NameID can be taken from, as JumpCloud's
// SSO tab names them.
const (
	FieldEmail     = "email"
	FieldFirstName = "firstname"
	FieldLastName  = "lastname"
	FieldUsername  = "username"
	FieldGroups    = "groups"
)

var userFields = []string{FieldEmail, FieldFirstName, FieldLastName, FieldUsername, FieldGroups}

// DefaultApp is the application name when Options.App is empty.
const DefaultApp = "testapp"

// DefaultGroup is the user group bound to the app when Options.BoundGroups
// is nil; users made with no groups are put in it.
const DefaultGroup = "sso-users"

// DefaultSkew is how far FaultClockSkew moves every timestamp when
// Options.Skew is zero: beyond the 90 to 180 seconds SP libraries allow.
const DefaultSkew = 10 * time.Minute

// PlaceholderEntityID is what an export made before the app was saved
// says instead of the IdP Entity ID.
const PlaceholderEntityID = rules.JumpCloudPlaceholder

// User is a JumpCloud user who may sign in.
type User struct {
	Email     string
	FirstName string
	LastName  string
	// Username defaults to the e-mail's local part.
	Username string
	// AlternateEmail is the other address FaultEmailMismatch returns;
	// default the e-mail with ".alt" added to its local part.
	AlternateEmail string
	// Groups are the user groups the user is in; the user can sign in when
	// one of them is bound to the app (Options.BoundGroups).
	Groups []string
}

// AttributeMapping is one row of the SSO tab's attributes: the name the
// service provider reads and the JumpCloud user field sent under it.
type AttributeMapping struct {
	Name  string // Service Provider Attribute Name
	Field string // JumpCloud Attribute Name: email, firstname, lastname, username or groups
}

// SSOSettings are the values on the application's SSO tab in JumpCloud's
// console. A Server can be given new ones while it runs (Configure), as an
// admin saves the tab again.
type SSOSettings struct {
	// IdPEntityID defaults to "jumpcloud-<app>".
	IdPEntityID string
	// SPEntityID is the Audience of every response. Required.
	SPEntityID string
	// ACSURLs are where responses go; the first is the default. Required.
	ACSURLs []string
	// NameID is the user field the NameID holds; default FieldEmail.
	NameID string
	// NameIDFormat defaults to NameIDUnspecified; the metadata advertises it.
	NameIDFormat string
	// SignatureAlgorithm is SigRSASHA256 (default) or SigRSASHA1.
	SignatureAlgorithm string
	// Sign defaults to SignBoth, what Avoma and Vome ask for (JumpCloud's own
	// default is SignAssertion; see FaultAssertionOnly).
	Sign Sign
	// DefaultRelayState goes with IdP-initiated responses.
	DefaultRelayState string
	// DeclareRedirectEndpoint adds the HTTP-Redirect binding to the
	// metadata. The server accepts redirect requests either way (whether
	// JumpCloud refuses them when unticked is not documented).
	DeclareRedirectEndpoint bool
	// Attributes are sent with every response; nil sends none.
	Attributes []AttributeMapping
}

// Options configure a Server. The zero value plus SSO.SPEntityID and
// SSO.ACSURLs is a working IdP with one user, alice@acmecorp.com, bound to
// the app, an RSA-4096 key generated at New, HTTPS on 127.0.0.1 with a
// port chosen by the system.
type Options struct {
	// App is the application's name, the last part of the sign-on URL
	// /saml2/<app>; default DefaultApp. Letters, digits, '-', '_' and '.'.
	App string
	// SSO are the SSO tab's values.
	SSO SSOSettings
	// Users may sign in; default one user DefaultEmail in DefaultGroup.
	Users []User
	// BoundGroups are the user groups bound to the app (its User Groups
	// tab); nil means DefaultGroup.
	BoundGroups []string
	// Password is every user's password; empty accepts any non-empty one.
	Password string
	// AlwaysDefaultACS posts every response to the first ACS URL, even when
	// the request names another configured one. By default the request's
	// AssertionConsumerServiceURL is used when it is configured (which of
	// the two JumpCloud does is not documented).
	AlwaysDefaultACS bool

	// Key signs responses; nil generates one of KeyBits at New.
	Key *rsa.PrivateKey
	// Certificate is Key's certificate (an uploaded pair); nil makes a
	// JumpCloud-shaped one, valid five years from a day before Clock's now.
	Certificate *x509.Certificate
	// PreviousKey is the key from before the rotation FaultRotatedCert
	// shows in the metadata; nil generates one when that fault is on.
	PreviousKey *rsa.PrivateKey
	// KeyBits is the size of generated keys: default JumpCloudKeyBits, at
	// least MinServerKeyBits (2048 makes fast tests), at most MaxServerKeyBits.
	KeyBits int

	// Clock is the IdP's time; default time.Now. TLS certificates always
	// use the real time, since clients check them against theirs.
	Clock func() time.Time
	// Faults reproduce what goes wrong; see Fault.
	Faults []Fault
	// Skew is FaultClockSkew's offset (negative: behind); default DefaultSkew.
	Skew time.Duration

	// Addr is the loopback address to listen on; default "127.0.0.1:0".
	// Any other address is refused.
	Addr string
	// PlainHTTP serves http:// instead of https://, for clients that cannot
	// be told to trust a certificate.
	PlainHTTP bool
	// TLSCertFile is where the TLS certificate (PEM) is written for clients
	// to trust (SSL_CERT_FILE); default a file in a temporary folder that
	// Close removes. A given path is left in place.
	TLSCertFile string
	// Logger receives one record per request and its outcome; nil logs
	// nothing. No record holds a private key or a password.
	Logger *slog.Logger
}

// Check reports what New would refuse in o, without generating a key: a
// command can check its flags before a slow RSA-4096 generation.
func (o Options) Check() error {
	_, _, _, err := o.check()
	return err
}

// check fills in the defaults and checks everything New needs.
func (o Options) check() (Options, faultSet, SSOSettings, error) {
	o, err := o.withDefaults()
	if err != nil {
		return o, nil, SSOSettings{}, fmt.Errorf("test IdP: %w", err)
	}
	faults, err := newFaultSet(o.Faults)
	if err != nil {
		return o, nil, SSOSettings{}, fmt.Errorf("test IdP: %w", err)
	}
	sso, err := o.SSO.withDefaults(o.App)
	if err != nil {
		return o, nil, SSOSettings{}, fmt.Errorf("test IdP: %w", err)
	}
	return o, faults, sso, nil
}

var appName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// withDefaults returns a copy of o with its defaults filled in, or what is
// wrong with it.
func (o Options) withDefaults() (Options, error) {
	if o.App == "" {
		o.App = DefaultApp
	}
	if !appName.MatchString(o.App) {
		return o, fmt.Errorf("application name %q: use letters, digits, '-', '_' and '.' (at most 64)", o.App)
	}
	if o.BoundGroups == nil {
		o.BoundGroups = []string{DefaultGroup}
	}
	if o.Users == nil {
		o.Users = []User{{Email: DefaultEmail, FirstName: "Alice", LastName: "Smith"}}
	}
	users := make([]User, len(o.Users))
	for i, u := range o.Users {
		var err error
		if users[i], err = u.withDefaults(); err != nil {
			return o, err
		}
		for _, prev := range users[:i] {
			if strings.EqualFold(prev.Email, users[i].Email) {
				return o, fmt.Errorf("user %q is listed twice", u.Email)
			}
		}
	}
	o.Users = users
	if o.KeyBits == 0 {
		o.KeyBits = JumpCloudKeyBits
	}
	if o.KeyBits < MinServerKeyBits {
		return o, fmt.Errorf("key size %d: at least %d bits", o.KeyBits, MinServerKeyBits)
	}
	if o.KeyBits > MaxServerKeyBits {
		return o, fmt.Errorf("key size %d: at most %d bits (JumpCloud's is %d)", o.KeyBits, MaxServerKeyBits, JumpCloudKeyBits)
	}
	if o.Key != nil && o.Key.N.BitLen() < MinServerKeyBits {
		return o, fmt.Errorf("signing key of %d bits: at least %d", o.Key.N.BitLen(), MinServerKeyBits)
	}
	if o.Certificate != nil && (o.Key == nil || !o.Key.PublicKey.Equal(o.Certificate.PublicKey)) {
		return o, fmt.Errorf("the certificate given does not belong to the signing key given")
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Skew == 0 {
		o.Skew = DefaultSkew
	}
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return o, fmt.Errorf("address %q: %w", o.Addr, err)
	}
	// The IdP's users and keys are for tests: never reachable from
	// another machine.
	if !isLoopbackHost(host) {
		return o, fmt.Errorf("address %q: listen on a loopback address only (127.0.0.1, ::1 or localhost)", o.Addr)
	}
	return o, nil
}

func (u User) withDefaults() (User, error) {
	at := strings.LastIndexByte(u.Email, '@')
	if at <= 0 || at == len(u.Email)-1 || strings.ContainsAny(u.Email, " \t\r\n<>\"") {
		return u, fmt.Errorf("user e-mail %q is not an address like name@example.com", u.Email)
	}
	local, domain := u.Email[:at], u.Email[at+1:]
	if u.Username == "" {
		u.Username = local
	}
	if u.AlternateEmail == "" {
		u.AlternateEmail = local + ".alt@" + domain
	}
	if strings.EqualFold(u.AlternateEmail, u.Email) {
		return u, fmt.Errorf("user %q: the alternate e-mail must differ from the e-mail", u.Email)
	}
	if u.Groups == nil {
		u.Groups = []string{DefaultGroup}
	}
	return u, nil
}

// field returns a user field's values, as an attribute sends them.
func (u User) field(name string) []string {
	switch name {
	case FieldEmail:
		return []string{u.Email}
	case FieldFirstName:
		return []string{u.FirstName}
	case FieldLastName:
		return []string{u.LastName}
	case FieldUsername:
		return []string{u.Username}
	case FieldGroups:
		return slices.Clone(u.Groups)
	}
	return nil
}

// withDefaults returns a copy of s with its defaults filled in for app, or
// what is wrong with it.
func (s SSOSettings) withDefaults(app string) (SSOSettings, error) {
	if s.IdPEntityID == "" {
		s.IdPEntityID = "jumpcloud-" + app
	}
	if s.SPEntityID == "" {
		return s, fmt.Errorf("no SP Entity ID: give the service provider's entity ID")
	}
	if s.SPEntityID == s.IdPEntityID {
		return s, fmt.Errorf("the IdP Entity ID must differ from the SP Entity ID %q", s.SPEntityID)
	}
	if len(s.ACSURLs) == 0 {
		return s, fmt.Errorf("no ACS URL: give at least one of the service provider's ACS URLs")
	}
	for _, a := range s.ACSURLs {
		if u, err := url.Parse(a); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return s, fmt.Errorf("ACS URL %q: expected an absolute http or https URL", a)
		}
	}
	s.ACSURLs = slices.Clone(s.ACSURLs)
	if s.NameID == "" {
		s.NameID = FieldEmail
	}
	if s.NameID == FieldGroups || !slices.Contains(userFields, s.NameID) {
		return s, fmt.Errorf("NameID from %q: use one of email, firstname, lastname, username", s.NameID)
	}
	if s.NameIDFormat == "" {
		s.NameIDFormat = NameIDUnspecified
	}
	switch s.SignatureAlgorithm {
	case "":
		s.SignatureAlgorithm = SigRSASHA256
	case SigRSASHA256, SigRSASHA1:
	default:
		return s, fmt.Errorf("signature algorithm %q: use %s or %s", s.SignatureAlgorithm, SigRSASHA256, SigRSASHA1)
	}
	switch s.Sign {
	case "":
		s.Sign = SignBoth
	case SignAssertion, SignResponse, SignBoth:
	default:
		return s, fmt.Errorf("sign %q: use assertion, response or both", s.Sign)
	}
	s.Attributes = slices.Clone(s.Attributes)
	for _, a := range s.Attributes {
		if a.Name == "" {
			return s, fmt.Errorf("an attribute has no name")
		}
		if !slices.Contains(userFields, a.Field) {
			return s, fmt.Errorf("attribute %q from %q: use one of %s", a.Name, a.Field, strings.Join(userFields, ", "))
		}
	}
	return s, nil
}
