package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/testidp"
)

const idpLong = `Runs an identity provider that behaves like JumpCloud's for one custom SAML
application, on a loopback address, until ctrl+c. For SaaS vendors checking
that their service provider copes with JumpCloud's habits, for support
engineers in training, and for trying jcsso without a JumpCloud account.

It serves a JumpCloud-shaped metadata export, the sign-on URL /saml2/<app>
(AuthnRequests by HTTP-Redirect and HTTP-POST), a login form (e-mail and
password), then an auto-submitting form that posts a signed SAMLResponse and
the RelayState to the ACS URL, as JumpCloud does through the user's browser.
Responses are signed as JumpCloud signs them: exclusive canonicalisation,
RSA-SHA256 with a SHA-256 digest, the certificate in KeyInfo, RSA-4096.

HTTPS uses a self-signed certificate written to a file whose path is printed:
point SSL_CERT_FILE (or curl --cacert) at it. --http serves plain HTTP for
clients that cannot be told to trust a certificate.

Users: --user EMAIL can sign in (repeatable; default alice@acmecorp.com),
--unbound-user EMAIL is in no group bound to the app and gets a no-access
page. Any non-empty password works unless --password is given.

--fault NAME reproduces what goes wrong in real setups (repeatable, or comma
separated); --list-faults lists them.

With --json it prints one JSON object on one line when it is ready to serve
(metadata_url, sso_url, idp_initiated_url, entity_id, tls_cert, users,
faults), then nothing else on stdout; --verbose logs every request and its
outcome to stderr (never a password or the private key).

Exit status: 0 when stopped with ctrl+c or SIGTERM; 2 for bad usage or when
it cannot listen.`

const idpExample = `  # A service provider at 127.0.0.1:9000 signs in against it
  jcsso idp --sp-entity-id https://sp.example --acs-url http://127.0.0.1:9000/acs

  # Check its metadata as a customer's would be checked
  SSL_CERT_FILE=/tmp/jcsso-idp-123/tls-cert.pem jcsso check \
      https://127.0.0.1:41234/saml2/testapp/metadata.xml --sp-entity-id https://sp.example

  # Avoma's values, a stale certificate and an Audience typo, for a script
  jcsso idp --profile avoma --fault rotated-cert,wrong-audience --json

  # The faults, one line each
  jcsso idp --list-faults`

// defaultIdPUser signs in when no --user is given: the fixtures' user.
const defaultIdPUser = testidp.DefaultEmail

// shutdownGrace is how long a stopping IdP waits for requests in flight.
const shutdownGrace = 5 * time.Second

// idpFlags are the options of `jcsso idp`.
type idpFlags struct {
	app, profile      string
	spEntityID        string
	acsURLs           []string
	idpEntityID       string
	defaultRelayState string
	users, unbound    []string
	password          string
	sign              string
	faults            []string
	skew              time.Duration
	addr              string
	http              bool
	tlsCert           string
	keyBits           int
	alwaysDefaultACS  bool
	listFaults        bool
	json, verbose     bool
}

func newIdPCmd() *cobra.Command {
	f := &idpFlags{}
	cmd := &cobra.Command{
		Use:     "idp",
		Short:   "Serve a JumpCloud-shaped test identity provider on loopback, with faults on demand",
		Long:    idpLong,
		Example: idpExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runIdP(cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.app, "app", "", `the application's name, the end of the sign-on URL /saml2/NAME (default: the profile's id, else "`+testidp.DefaultApp+`")`)
	fl.StringVar(&f.profile, "profile", "", "a service-provider profile (built-in id or file): fills the SP values, attributes, NameID and signing settings")
	fl.StringVar(&f.spEntityID, "sp-entity-id", "", "the service provider's SP Entity ID, the Audience of every response")
	fl.StringArrayVar(&f.acsURLs, "acs-url", nil, "a service provider's ACS URL (repeatable; the first is the default)")
	fl.StringVar(&f.idpEntityID, "idp-entity-id", "", "the IdP Entity ID (default jumpcloud-APP)")
	fl.StringVar(&f.defaultRelayState, "default-relay-state", "", "the Default RelayState of IdP-initiated sign-ins (default: the profile's)")
	fl.StringArrayVar(&f.users, "user", nil, "an e-mail of a user bound to the app (repeatable; default "+defaultIdPUser+")")
	fl.StringArrayVar(&f.unbound, "unbound-user", nil, "an e-mail of a user in no group bound to the app (repeatable)")
	fl.StringVar(&f.password, "password", "", "every user's password (default: any non-empty password)")
	fl.StringVar(&f.sign, "sign", "", "what is signed: assertion, response or both (default: the profile's, else both)")
	fl.StringSliceVar(&f.faults, "fault", nil, "a fault to reproduce (repeatable or comma separated; see --list-faults)")
	fl.DurationVar(&f.skew, "skew", testidp.DefaultSkew, "how far the clock-skew fault moves every timestamp (negative: behind)")
	fl.StringVar(&f.addr, "addr", "127.0.0.1:0", "the loopback address to listen on (port 0: any free port)")
	fl.BoolVar(&f.http, "http", false, "serve plain HTTP instead of HTTPS")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "write the TLS certificate here (default: a temporary file, removed on exit)")
	fl.IntVar(&f.keyBits, "key-bits", testidp.JumpCloudKeyBits, "the RSA signing key's size, 2048 to 8192 bits (JumpCloud: 4096; 2048 starts faster)")
	fl.BoolVar(&f.alwaysDefaultACS, "always-default-acs", false, "post every response to the first ACS URL, whatever the request names")
	fl.BoolVar(&f.listFaults, "list-faults", false, "list the faults with a one-line description and exit")
	fl.BoolVar(&f.json, "json", false, "print one JSON line when ready (and JSON for --list-faults and errors)")
	fl.BoolVar(&f.verbose, "verbose", false, "log every request and its outcome to stderr")
	return cmd
}

func runIdP(cmd *cobra.Command, f *idpFlags) error {
	if f.listFaults {
		return printFaults(cmd.OutOrStdout(), f.json)
	}
	opts, err := f.options()
	if err != nil {
		return err
	}
	if f.verbose {
		opts.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
	}
	if err := opts.Check(); err != nil {
		return usageError("%w", err)
	}
	if f.tlsCert != "" && !f.http {
		// Before the key is generated, which takes seconds.
		if err := checkOutputFile("--tls-cert", f.tlsCert, "tls-cert.pem"); err != nil {
			return err
		}
	}
	if !f.json {
		fmt.Fprintf(cmd.ErrOrStderr(), "generating the RSA-%d signing key…\n", opts.KeyBits)
	}
	srv, err := testidp.New(opts)
	if err != nil {
		return usageError("%w", err)
	}
	defer srv.Close() //nolint:errcheck // Shutdown below reports; this only cleans up after an early return.
	if err := srv.Start(); err != nil {
		return inputError(listenError(f.addr, err))
	}
	if err := printIdPReady(cmd.OutOrStdout(), srv, f); err != nil {
		return err
	}
	<-cmd.Context().Done()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintln(cmd.ErrOrStderr(), err.Error())
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "test IdP stopped")
	return nil
}

// listenError words the IdP's failure to listen on --addr addr for the
// admin who typed it: a port in use is the common case ("127.0.0.1:18700
// is already in use: give another --addr, or 127.0.0.1:0 for any free
// port"), never Go's "listen tcp …: bind: …" repeating the address.
func listenError(addr string, err error) error {
	host, _, _ := net.SplitHostPort(addr) // checked by testidp.New
	free := net.JoinHostPort(host, "0")
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("%s is already in use: give another --addr, or %s for any free port", addr, free)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("cannot listen on %s: permission denied (a port below 1024 needs root): give another --addr, or %s for any free port", addr, free)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("cannot listen on %s: that address is not this machine's: give another --addr, such as %s", addr, free)
	}
	return err
}

// options turns the flags (and the profile) into the IdP's options.
func (f *idpFlags) options() (testidp.Options, error) {
	o := testidp.Options{
		App:              f.app,
		Password:         f.password,
		Skew:             f.skew,
		Addr:             f.addr,
		PlainHTTP:        f.http,
		TLSCertFile:      f.tlsCert,
		KeyBits:          f.keyBits,
		AlwaysDefaultACS: f.alwaysDefaultACS,
		SSO: testidp.SSOSettings{
			IdPEntityID:             f.idpEntityID,
			SPEntityID:              f.spEntityID,
			ACSURLs:                 f.acsURLs,
			DefaultRelayState:       f.defaultRelayState,
			DeclareRedirectEndpoint: true,
			Attributes: []testidp.AttributeMapping{
				{Name: "email", Field: testidp.FieldEmail},
				{Name: "firstname", Field: testidp.FieldFirstName},
				{Name: "lastname", Field: testidp.FieldLastName},
			},
		},
	}
	if f.profile != "" {
		if err := applyIdPProfile(&o, f.profile); err != nil {
			return o, err
		}
	}
	if f.sign != "" {
		switch s := testidp.Sign(f.sign); s {
		case testidp.SignAssertion, testidp.SignResponse, testidp.SignBoth:
			o.SSO.Sign = s
		default:
			return o, usageError("--sign %q: expected assertion, response or both", f.sign)
		}
	}
	if o.SSO.SPEntityID == "" || len(o.SSO.ACSURLs) == 0 {
		return o, usageError("give the service provider's --sp-entity-id and --acs-url (or a --profile that has them)")
	}
	if err := profile.CheckEntityID(o.SSO.SPEntityID); err != nil {
		return o, usageError("--sp-entity-id %q %w", o.SSO.SPEntityID, err)
	}
	if f.idpEntityID != "" {
		if err := profile.CheckEntityID(f.idpEntityID); err != nil {
			return o, usageError("--idp-entity-id %q %w", f.idpEntityID, err)
		}
	}
	for _, u := range o.SSO.ACSURLs {
		if err := profile.CheckACSURL(u); err != nil {
			return o, usageError("--acs-url %q %w", u, err)
		}
	}
	for _, name := range f.faults {
		fault, err := testidp.ParseFault(strings.TrimSpace(name))
		if err != nil {
			return o, usageError("--fault: %w (see --list-faults)", err)
		}
		o.Faults = append(o.Faults, fault)
	}
	if f.skew == 0 {
		return o, usageError("--skew must not be 0: give the clock difference the clock-skew fault reproduces, such as 10m or -10m")
	}
	emails := f.users
	if len(emails) == 0 {
		emails = []string{defaultIdPUser}
	}
	for _, e := range emails {
		o.Users = append(o.Users, idpUser(e, nil))
	}
	for _, e := range f.unbound {
		o.Users = append(o.Users, idpUser(e, []string{}))
	}
	return o, nil
}

// applyIdPProfile fills what the flags left empty from a profile: the SP's
// values and the SSO tab's settings the profile asks for.
func applyIdPProfile(o *testidp.Options, name string) error {
	p, err := profile.Resolve(name)
	if err != nil {
		return usageError("--profile: %w", err)
	}
	sp := p.ServiceProvider
	if sp.Generated && (o.SSO.SPEntityID == "" || len(o.SSO.ACSURLs) == 0) {
		return usageError("profile %s makes its SP Entity ID and ACS URL per organisation: give them with --sp-entity-id and --acs-url", p.ID)
	}
	if o.App == "" {
		o.App = p.ID
	}
	if o.SSO.SPEntityID == "" {
		o.SSO.SPEntityID = sp.EntityID
	}
	if len(o.SSO.ACSURLs) == 0 {
		o.SSO.ACSURLs = sp.ACSURLs
	}
	if o.SSO.DefaultRelayState == "" {
		o.SSO.DefaultRelayState = sp.DefaultRelayState
	}
	s := p.SAML
	o.SSO.NameID, o.SSO.NameIDFormat = s.NameID, s.NameIDFormat
	o.SSO.SignatureAlgorithm = s.SignatureAlgorithm
	o.SSO.DeclareRedirectEndpoint = s.DeclareRedirectEndpoint
	switch s.Sign {
	case profile.SignAssertion:
		o.SSO.Sign = testidp.SignAssertion
	case profile.SignResponse:
		o.SSO.Sign = testidp.SignResponse
	case profile.SignAssertionAndResponse:
		o.SSO.Sign = testidp.SignBoth
	}
	o.SSO.Attributes = make([]testidp.AttributeMapping, 0, len(s.Attributes))
	for _, a := range s.Attributes {
		o.SSO.Attributes = append(o.SSO.Attributes, testidp.AttributeMapping{Name: a.Name, Field: a.JumpCloud})
	}
	return nil
}

// idpUser makes a user from an e-mail, with names read from its local part
// (alice.smith@ is Alice Smith); groups nil puts them in the bound group,
// empty in none.
func idpUser(email string, groups []string) testidp.User {
	if email == defaultIdPUser {
		return testidp.User{Email: email, FirstName: "Alice", LastName: "Smith", Groups: groups}
	}
	local, _, _ := strings.Cut(email, "@")
	parts := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' || r == '+' })
	u := testidp.User{Email: email, Groups: groups}
	if len(parts) > 0 {
		u.FirstName = capitalise(parts[0])
	}
	if len(parts) > 1 {
		u.LastName = capitalise(strings.Join(parts[1:], " "))
	}
	return u
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// idpReady is the --json line printed when the IdP is ready to serve.
type idpReady struct {
	MetadataURL     string         `json:"metadata_url"`
	SSOURL          string         `json:"sso_url"`
	IdPInitiatedURL string         `json:"idp_initiated_url"`
	EntityID        string         `json:"entity_id"`
	TLSCert         string         `json:"tls_cert"`
	Users           []idpReadyUser `json:"users"`
	Faults          []string       `json:"faults"`
}

type idpReadyUser struct {
	Email string `json:"email"`
	Bound bool   `json:"bound"`
}

func printIdPReady(w io.Writer, srv *testidp.Server, f *idpFlags) error {
	r := idpReady{MetadataURL: srv.MetadataURL(), SSOURL: srv.SSOURL(), IdPInitiatedURL: srv.IdPInitiatedURL(),
		EntityID: srv.EntityID(), TLSCert: srv.TLSCertFile(), Users: []idpReadyUser{}, Faults: []string{}}
	for _, u := range srv.Users() {
		r.Users = append(r.Users, idpReadyUser{Email: u.Email, Bound: srv.Bound(u)})
	}
	for _, fault := range srv.Faults() {
		r.Faults = append(r.Faults, string(fault))
	}
	if f.json {
		return writeJSONLine(w, r)
	}
	renderIdPReady(colorWriter(w), srv, r, f.password != "")
	return nil
}

// renderIdPReady is the start-up text: the URLs to give a service
// provider, then how to trust the certificate.
func renderIdPReady(w io.Writer, srv *testidp.Server, r idpReady, passwordSet bool) {
	cfg := srv.Settings()
	acs := make([]string, len(cfg.ACSURLs))
	for i, u := range cfg.ACSURLs {
		acs[i] = u
		if i == 0 && len(cfg.ACSURLs) > 1 {
			acs[i] += " (default)"
		}
	}
	users := make([]string, len(r.Users))
	for i, u := range r.Users {
		users[i] = u.Email
		if !u.Bound {
			users[i] += " (not bound to the app)"
		}
	}
	password := "any non-empty password"
	if passwordSet {
		password = "as given with --password"
	}
	faults := "none"
	if len(r.Faults) > 0 {
		faults = strings.Join(r.Faults, ", ")
	}
	renderSummary(w, fmt.Sprintf("JumpCloud-shaped test IdP for the application %q is ready (ctrl+c stops it)", srv.App()), []summaryRow{
		{"Metadata URL", r.MetadataURL},
		{"Sign-on URL", r.SSOURL},
		{"IdP-initiated URL", r.IdPInitiatedURL},
		{"IdP Entity ID", r.EntityID},
		{"TLS certificate", r.TLSCert},
		{"SP Entity ID", cfg.SPEntityID},
		{"ACS URLs", strings.Join(acs, ", ")},
		{"Sign", string(cfg.Sign) + ", " + strings.ToUpper(cfg.SignatureAlgorithm)},
		{"Users", strings.Join(users, ", ")},
		{"Password", password},
		{"Faults", faults},
	})
	if r.TLSCert != "" {
		fmt.Fprintf(w, "\nTrust its certificate, e.g.:\n  SSL_CERT_FILE=%s jcsso check %s --sp-entity-id %s\n  curl --cacert %s %s\n",
			r.TLSCert, r.MetadataURL, cfg.SPEntityID, r.TLSCert, r.MetadataURL)
	}
}

// printFaults lists the faults: a table, or a JSON array with --json.
func printFaults(w io.Writer, asJSON bool) error {
	if asJSON {
		return writeJSON(w, testidp.Faults())
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tWHAT IT REPRODUCES")
	for _, fi := range testidp.Faults() {
		fmt.Fprintf(tw, "%s\t%s\n", fi.Name, fi.Description)
	}
	return tw.Flush()
}
