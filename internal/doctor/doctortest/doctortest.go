// Package doctortest is what the tests of `jcsso doctor` share: saved
// configurations written by internal/ssoconfig's own writer from metadata
// made by the test IdP's generators (internal/samltest), and a TLS metadata
// server on loopback whose answer for each path a test chooses (metadata,
// a login page, 401, a body over the cap, a request that never ends).
package doctortest

import (
	"context"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// SSOURL is the sign-on URL of the fixtures: JumpCloud's for an app named
// avoma (a Vome fixture's is the same; its check does not name the app).
const SSOURL = "https://sso.jumpcloud.com/saml2/avoma"

// EntityID is the IdP Entity ID a fixture of org is written with.
func EntityID(org string) string { return "jumpcloud-" + org }

// Metadata is org's JumpCloud-shaped metadata for kp: its entity ID and
// SSOURL unless o says otherwise.
func Metadata(kp samltest.KeyPair, org string, o samltest.MetadataOptions) []byte {
	if o.EntityID == "" {
		o.EntityID = EntityID(org)
	}
	if o.SSOURL == "" {
		o.SSOURL = SSOURL
	}
	return samltest.Metadata(kp, o)
}

// WriteConfig writes org's setup as jcsso setup does (ssoconfig.WriteSetup)
// into dir/jcsso-ORG, from md checked at now, and returns its
// sso-config.yaml. With a metadataURL it is an Avoma setup (Avoma's support
// is sent the metadata URL, which is saved); without, a Vome one (the
// metadata file is uploaded; no URL is saved). Failures of md's check are
// continued past, as an admin may.
func WriteConfig(tb testing.TB, dir, org string, md []byte, metadataURL string, now time.Time) string {
	tb.Helper()
	a := ssoconfig.Answers{ProfileID: "avoma", Org: org, IdPEntityID: EntityID(org), MetadataURL: metadataURL,
		UsersNotified: true, OutDir: filepath.Join(dir, "jcsso-"+org)}
	if metadataURL == "" {
		a.ProfileID = "vome"
		a.SPEntityID = "https://app.vome.test/saml/" + org
		a.ACSURLs = []string{"https://app.vome.test/saml/" + org + "/acs"}
	}
	p, ok := profile.Builtin(a.ProfileID)
	if !ok {
		tb.Fatalf("no %s profile", a.ProfileID)
	}
	rep := metadata.Check(md, ssoconfig.MetadataOptions(p, a, now))
	a.Overridden = ssoconfig.FailedIDs(rep.Findings)
	if _, err := ssoconfig.WriteSetup(context.Background(), p, a, md, rep, now, ssoconfig.WriteOptions{}); err != nil {
		tb.Fatalf("write %s's configuration: %v", org, err)
	}
	return filepath.Join(a.OutDir, ssoconfig.ConfigYAML)
}

// Server is a TLS metadata server on 127.0.0.1 (httptest's), closed when
// the test ends. Each path answers as Serve or Handle last said; any
// other is a 404.
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	// stop ends the handlers that hang (Hang), so Close does not wait.
	stop chan struct{}
	// conns counts the connections accepted.
	conns atomic.Int64
}

// NewServer starts a Server.
func NewServer(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{handlers: map[string]http.HandlerFunc{}, stop: make(chan struct{})}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.StartTLS()
	tb.Cleanup(func() {
		close(s.stop)
		s.Close()
	})
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	h := s.handlers[r.URL.Path]
	s.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

// Handle makes path answer with h.
func (s *Server) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[path] = h
}

// Serve makes path answer 200 with body, as metadata.
func (s *Server) Serve(path string, body []byte) {
	s.Handle(path, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/samlmetadata+xml")
		_, _ = w.Write(body)
	})
}

// Status makes path answer status with body (a login page's text, say).
func (s *Server) Status(path string, status int, contentType, body string) {
	s.Handle(path, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

// Hang makes path never answer: the request waits until the client gives
// up (its timeout) or the test ends.
func (s *Server) Hang(path string) {
	s.Handle(path, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-s.stop:
		}
	})
}

// URL is path's URL on the server.
func (s *Server) URL(path string) string { return s.Server.URL + path }

// Conns is how many connections the server accepted so far.
func (s *Server) Conns() int64 { return s.conns.Load() }

// Fetcher is a source.Fetcher that trusts the server's certificate, over a
// transport that keeps source.PoolSize idle connections per host as
// jcsso's own does (httptest's keeps Go's default two).
func (s *Server) Fetcher(timeout time.Duration) *source.Fetcher {
	t := s.Client().Transport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = source.PoolSize
	return source.NewFetcher(source.FetcherOptions{Client: &http.Client{Transport: t}, Timeout: timeout})
}

// CertFile writes the server's certificate as PEM into dir, for
// SSL_CERT_FILE of a jcsso process, and returns its path.
func (s *Server) CertFile(tb testing.TB, dir string) string {
	tb.Helper()
	path := filepath.Join(dir, "metadata-server.pem")
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// ParseMetrics reads a metrics file with Prometheus's own text parser, as
// node_exporter's textfile collector does, failing the test when it does
// not parse.
func ParseMetrics(tb testing.TB, path string) map[string]*dto.MetricFamily {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(f)
	if err != nil {
		tb.Fatalf("the metrics file does not parse: %v", err)
	}
	return fams
}

// Labels is a series' labels by name.
func Labels(m *dto.Metric) map[string]string {
	out := map[string]string{}
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}
