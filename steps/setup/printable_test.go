package setup

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
)

const osc52 = "\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07"

// expiredHostileMetadata is metadata whose certificate's subject carries
// an OSC 52 sequence and which expired before testNow, so cert.expired
// fails and names it at the top of the results.
func expiredHostileMetadata(t *testing.T) []byte {
	t.Helper()
	key := samltest.Key(t, 2048, 0)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(8),
		Subject:      pkix.Name{CommonName: "JumpCloud" + osc52},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return samltest.Metadata(samltest.KeyPair{Key: key, Cert: c}, samltest.MetadataOptions{})
}

// The wizard shows a document's or a server's control characters as text
// (\x1b), never sends them to the terminal: the checked metadata's
// findings, and a fetch's error.
func TestWizardMakesControlCharactersVisible(t *testing.T) {
	f := &fakes{metadata: expiredHostileMetadata(t)}
	svc := f.services()
	svc.Check = metadata.Check
	load := svc.Load
	svc.Load = func(ctx context.Context, source string, o samlsource.LoadOptions) ([]byte, error) {
		if strings.Contains(source, "hostile") {
			return nil, &samlsource.Error{Source: source, Reason: "HTTP 500 Internal Server Error: " + osc52 + "\x1b[2J"}
		}
		return load(ctx, source, o)
	}
	h := toImportWith(t, svc)

	h.Keys("enter")
	h.Type("/tmp/JumpCloud-vome-metadata.xml")
	h.Keys("enter")
	h.WantScreen("expired on", `\x1b]52`)
	if view := h.M.Render(); strings.Contains(view, "\x1b]52") {
		t.Errorf("the certificate's OSC 52 reached the screen:\n%q", view)
	}

	h.Keys("r", "enter")
	for range len("/tmp/JumpCloud-vome-metadata.xml") {
		h.Send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	h.Type("https://hostile.example/md")
	h.Keys("enter")
	h.WantScreen("HTTP 500", `\x1b]52`, `\x1b[2J`)
	if view := h.M.Render(); strings.Contains(view, "\x1b]52") || strings.Contains(view, "\x1b[2J") {
		t.Errorf("the server's escapes reached the screen:\n%q", view)
	}
}
