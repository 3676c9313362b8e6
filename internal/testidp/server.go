package testidp

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"github.com/jcsso/jcsso/samlcheck/rules"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Server is a JumpCloud-shaped identity provider for one custom SAML
// application. Make one with New, serve it with Start, stop it with Close
// (or Shutdown). Its methods are safe for concurrent use; the URLs are
// known once Start has returned.
type Server struct {
	opts   Options // defaults filled in; opts.SSO is only the first settings
	faults faultSet
	// signer signs every response; published is the certificate the
	// metadata shows (the same, except with FaultRotatedCert).
	signer, published KeyPair
	tls               *loopbackTLS // nil with PlainHTTP
	log               *slog.Logger
	sso               atomic.Pointer[SSOSettings]

	mu      sync.Mutex
	srv     *http.Server
	base    string // scheme://host:port, set by Start
	tlsFile string
	tmpDir  string // removed by Close
	closed  bool
}

// New checks the options, makes the keys and certificates it needs and
// returns a server that is not yet listening. Generating an RSA-4096 key
// takes a second or more: pass Options.Key (or a smaller KeyBits) where
// that matters.
func New(opts Options) (*Server, error) {
	o, faults, sso, err := opts.check()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, faults: faults, log: o.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.sso.Store(&sso)
	if err := s.makeKeys(); err != nil {
		return nil, fmt.Errorf("test IdP: %w", err)
	}
	if !o.PlainHTTP {
		if s.tls, err = newLoopbackTLS(time.Now()); err != nil {
			return nil, fmt.Errorf("test IdP: %w", err)
		}
	}
	return s, nil
}

// makeKeys sets the signing pair and the published one. Certificates are
// JumpCloud's shape: valid exactly five years, here from a day before the
// IdP's now; with FaultExpiredCert they ended a month ago.
func (s *Server) makeKeys() error {
	now := s.opts.Clock().UTC().Truncate(time.Second)
	validity := func(age time.Duration) CertOptions {
		nb := now.Add(-age)
		if s.faults[FaultExpiredCert] {
			nb = now.AddDate(-5, -1, 0).Add(-age)
		}
		return CertOptions{NotBefore: nb, NotAfter: nb.AddDate(5, 0, 0)}
	}
	key := s.opts.Key
	if s.opts.Certificate != nil {
		if s.faults[FaultExpiredCert] {
			return fmt.Errorf("fault %s makes its own expired certificate: give the key without a certificate", FaultExpiredCert)
		}
		s.signer = KeyPair{Key: key, Cert: s.opts.Certificate}
	} else {
		if key == nil {
			var err error
			if key, err = GenerateKey(s.opts.KeyBits); err != nil {
				return err
			}
		}
		kp, err := NewKeyPair(key, randomSerial(), validity(24*time.Hour))
		if err != nil {
			return err
		}
		s.signer = kp
	}
	s.published = s.signer
	if !s.faults[FaultRotatedCert] {
		return nil
	}
	prev := s.opts.PreviousKey
	if prev == nil {
		var err error
		if prev, err = GenerateKey(s.opts.KeyBits); err != nil {
			return err
		}
	}
	if prev.PublicKey.Equal(&s.signer.Key.PublicKey) {
		return fmt.Errorf("fault %s needs a previous key that differs from the signing key", FaultRotatedCert)
	}
	// The old certificate was made at an earlier activation.
	kp, err := NewKeyPair(prev, randomSerial(), validity(400*24*time.Hour))
	if err != nil {
		return err
	}
	s.published = kp
	return nil
}

func randomSerial() int64 {
	n, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return time.Now().UnixNano()
	}
	return n.Int64() + 1
}

// Start listens on the loopback address of Options.Addr and serves in the
// background; the URLs are known when it returns.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("test IdP: start: the server was closed")
	}
	if s.srv != nil {
		return errors.New("test IdP: start: already started")
	}
	host, _, _ := net.SplitHostPort(s.opts.Addr) // checked by New
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("test IdP: cannot listen on %s: %w", s.opts.Addr, listenReason(err))
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	scheme := "https"
	if s.tls == nil {
		scheme = "http"
	}
	s.base = scheme + "://" + net.JoinHostPort(host, port)
	srv := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if s.tls != nil {
		if s.tlsFile, s.tmpDir, err = s.tls.writeCertFile(s.opts.TLSCertFile); err != nil {
			_ = ln.Close()
			return fmt.Errorf("test IdP: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{s.tls.cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	s.srv = srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("test IdP stopped serving", slog.String("error", err.Error()))
		}
	}()
	s.log.Info("test IdP ready", slog.String("metadata_url", s.metadataURL()), slog.String("sso_url", s.ssoURL()),
		slog.String("entity_id", s.EntityID()), slog.Any("faults", s.faults.list()))
	return nil
}

// Close stops serving at once and removes the temporary TLS certificate.
// It may be called more than once, and without Start.
func (s *Server) Close() error {
	return s.stop(func(srv *http.Server) error { return srv.Close() })
}

// Shutdown stops accepting requests and waits, until ctx ends, for those
// in flight (a form being posted) to finish; then it cleans up as Close.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.stop(func(srv *http.Server) error { return srv.Shutdown(ctx) })
}

func (s *Server) stop(halt func(*http.Server) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var err error
	if s.srv != nil {
		if err = halt(s.srv); err != nil {
			err = fmt.Errorf("test IdP: stop: %w", err)
		}
	}
	if s.tmpDir != "" {
		if rmErr := os.RemoveAll(s.tmpDir); rmErr != nil && err == nil {
			err = fmt.Errorf("test IdP: remove %s: %w", s.tmpDir, rmErr)
		}
	}
	return err
}

// isLoopbackHost is the one loopback rule of the module.
var isLoopbackHost = rules.IsLoopbackHost

// BaseURL is scheme://host:port of the running server ("" before Start).
func (s *Server) BaseURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.base
}

func (s *Server) ssoPath() string { return "/saml2/" + s.opts.App }

func (s *Server) ssoURL() string      { return s.base + s.ssoPath() }
func (s *Server) metadataURL() string { return s.ssoURL() + "/metadata.xml" }

// SSOURL is the sign-on URL, JumpCloud's "IdP URL" /saml2/<app>: it takes
// AuthnRequests by HTTP-Redirect and HTTP-POST.
func (s *Server) SSOURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ssoURL()
}

// MetadataURL serves the metadata export, as "Copy Metadata URL" does. The
// path is this server's own choice: JumpCloud's URL has no documented form.
func (s *Server) MetadataURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.metadataURL()
}

// IdPInitiatedURL starts a sign-in as the user portal's tile does: after
// the login it posts an unsolicited response with the Default RelayState.
func (s *Server) IdPInitiatedURL() string { return s.SSOURL() + "/idp-initiated" }

func (s *Server) loginURL() string { return s.SSOURL() + "/login" }

// App is the application's name.
func (s *Server) App() string { return s.opts.App }

// EntityID is the IdP Entity ID the metadata and every Issuer carry
// (PlaceholderEntityID with FaultPlaceholderEntityID).
func (s *Server) EntityID() string {
	if s.faults[FaultPlaceholderEntityID] {
		return PlaceholderEntityID
	}
	return s.sso.Load().IdPEntityID
}

// TLSCertFile is the path of the PEM file of the server's TLS certificate,
// for SSL_CERT_FILE or curl --cacert ("" with PlainHTTP or before Start).
func (s *Server) TLSCertFile() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tlsFile
}

// CertPool holds the server's TLS certificate, for an in-process client's
// tls.Config RootCAs (nil with PlainHTTP).
func (s *Server) CertPool() *x509.CertPool {
	if s.tls == nil {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.tls.leaf)
	return pool
}

// SigningCertificate is the certificate whose key signs responses.
func (s *Server) SigningCertificate() *x509.Certificate { return s.signer.Cert }

// PublishedCertificate is the certificate the metadata shows: the signing
// one, except with FaultRotatedCert (the one from before the rotation).
func (s *Server) PublishedCertificate() *x509.Certificate { return s.published.Cert }

// Faults are the faults the server runs with, in the order Faults lists.
func (s *Server) Faults() []Fault { return s.faults.list() }

// Settings are the SSO tab's current values, defaults filled in.
func (s *Server) Settings() SSOSettings {
	cur := *s.sso.Load()
	cur.ACSURLs = slices.Clone(cur.ACSURLs)
	cur.Attributes = slices.Clone(cur.Attributes)
	return cur
}

// Configure replaces the SSO tab's values, as an admin saving the tab
// again; the metadata and every later response follow at once. Invalid
// settings are refused and the current ones stay.
func (s *Server) Configure(settings SSOSettings) error {
	next, err := settings.withDefaults(s.opts.App)
	if err != nil {
		return fmt.Errorf("test IdP: %w", err)
	}
	s.sso.Store(&next)
	s.log.Info("SSO settings saved", slog.String("sp_entity_id", next.SPEntityID), slog.Any("acs_urls", next.ACSURLs),
		slog.String("idp_entity_id", next.IdPEntityID))
	return nil
}

// Users are the users who may sign in, defaults filled in.
func (s *Server) Users() []User { return slices.Clone(s.opts.Users) }

// Bound says whether u can use the app: one of their groups is bound to it
// (never with FaultUnboundUser).
func (s *Server) Bound(u User) bool {
	if s.faults[FaultUnboundUser] {
		return false
	}
	for _, g := range u.Groups {
		if slices.Contains(s.opts.BoundGroups, g) {
			return true
		}
	}
	return false
}

// Metadata is the metadata document the server serves at MetadataURL.
func (s *Server) Metadata() []byte { return s.metadataFor(s.published) }

// FreshMetadata is the metadata an export made now would hold: with
// FaultRotatedCert it shows the new certificate, where Metadata shows the
// one the service provider saved before the rotation.
func (s *Server) FreshMetadata() []byte { return s.metadataFor(s.signer) }

func (s *Server) metadataFor(kp KeyPair) []byte {
	cfg := s.sso.Load()
	return Metadata(kp, MetadataOptions{
		EntityID:      s.EntityID(),
		SSOURL:        s.SSOURL(),
		PostOnly:      !cfg.DeclareRedirectEndpoint || s.faults[FaultNoRedirectBinding],
		NameIDFormats: []string{cfg.NameIDFormat},
	})
}

// listenReason is why net.Listen failed, without the address and the
// system call it repeats ("listen tcp 127.0.0.1:80: bind: address already
// in use" is "address already in use"); the errno itself, so errors.Is
// still finds syscall.EADDRINUSE.
func listenReason(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno
	}
	return err
}
