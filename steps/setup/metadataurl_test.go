package setup

import (
	"context"
	"crypto/x509"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
)

// toAvomaURL walks Avoma to the question for the Metadata URL, the
// metadata pasted; url answers for "https://…/other" with other metadata.
func toAvomaURL(t *testing.T, f *fakes, other []byte) *harness {
	t.Helper()
	svc := f.services()
	svc.Check = metadata.Check // the real report: entityID, sign-on URLs, certificates
	load := svc.Load
	svc.Load = func(ctx context.Context, source string, o samlsource.LoadOptions) ([]byte, error) {
		if strings.HasSuffix(source, "/other") {
			return other, nil
		}
		return load(ctx, source, o)
	}
	h := newHarness(t, Options{Services: svc})
	h.Keys("down", "tab")
	h.Type("acmecorp")
	h.Keys("enter", "enter", "a", "enter", "enter", "enter")
	h.WantPosition(6)
	h.Keys("3")
	h.Send(tea.PasteMsg{Content: string(f.metadata)})
	h.WantScreen("The metadata is ready")
	h.Keys("enter")
	h.WantScreen("receives the Metadata URL")
	return h
}

// The Metadata URL that goes to Avoma's support is fetched and compared
// with the imported file: the same metadata goes on; other metadata, or
// a page that is not metadata, is refused saying why; a URL that cannot
// be fetched is said to be unchecked, and only a second enter takes it
// (item 6).
func TestMetadataURLIsFetchedAndCompared(t *testing.T) {
	good := jumpcloudMetadata(t, "jumpcloud-acmecorp")
	fresh := func() *fakes { return &fakes{metadata: good} } // no saved session to offer

	h := toAvomaURL(t, fresh(), jumpcloudMetadata(t, "jumpcloud-other")) // another app's
	h.Type("https://example.com/other")
	h.Keys("enter")
	h.WantPosition(6)
	h.WantScreen("serves other metadata than the imported file", `is "jumpcloud-other", the imported metadata`)
	h.Keys("enter")
	h.WantPosition(6) // still refused

	h = toAvomaURL(t, fresh(), []byte("<html><body>Sign in</body></html>"))
	h.Type("https://example.com/other")
	h.Keys("enter")
	h.WantScreen("could not be checked: it answered with a web page, not", "metadata")

	// A certificate published beside the imported one is a rollover begun,
	// not other metadata: the URL still serves the checked one (drift's
	// rule, as doctor judges it).
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	next := samltest.NewKeyPair(t, 1, samltest.CertOptions{})
	h = toAvomaURL(t, fresh(), samltest.Metadata(kp, samltest.MetadataOptions{EntityID: "jumpcloud-acmecorp", ExtraCerts: []*x509.Certificate{next.Cert}}))
	h.Type("https://example.com/other")
	h.Keys("enter")
	h.WantPosition(7)

	h = toAvomaURL(t, fresh(), nil)
	h.Type("https://unreachable.example/md")
	h.Keys("enter")
	h.WantPosition(6)
	h.WantScreen("the Metadata URL could not be checked", "fetching it failed: connection", "enter again uses it unchecked")
	h.Keys("enter")
	h.WantPosition(7)
	if h.w.ans.MetadataURL != "https://unreachable.example/md" {
		t.Errorf("metadata URL %q", h.w.ans.MetadataURL)
	}

	h = toAvomaURL(t, fresh(), nil)
	h.Type("https://sso.jumpcloud.example/md/acme")
	h.Keys("enter")
	h.WantPosition(7)
	if st, _ := h.M.Status(); !strings.Contains(st, "serves the same metadata") {
		t.Errorf("status %q", st)
	}
}

// After a Metadata URL could not be fetched, the help line says what
// enter does now, use the URL unchecked, not "check it" again; a changed
// URL is checked again, and the help line says so (review item 18).
func TestHelpLineSaysEnterTakesTheURLUnchecked(t *testing.T) {
	h := toAvomaURL(t, &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}, nil)
	h.Type("https://unreachable.example/md")
	h.Keys("enter")
	h.WantScreen("enter again uses it unchecked")
	if help := lastLine(h.Screen()); !strings.Contains(help, "enter use it unchecked") || strings.Contains(help, "check it") {
		t.Errorf("after the fetch failed, the help line is %q", help)
	}
	h.Type("x")
	if help := lastLine(h.Screen()); !strings.Contains(help, "enter check it") {
		t.Errorf("after the URL changed, the help line is %q", help)
	}
}

func lastLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return lines[len(lines)-1]
}

// A Metadata URL with a password cannot go to Avoma's support (the message
// would hold xxxxx in its place): the field refuses it, and metadata
// imported from such a URL still asks for the URL to send, with the field
// empty rather than showing the password (review item 24).
func TestSentMetadataURLCarriesNoPassword(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toAvomaURL(t, f, nil)
	h.Type("https://support:s3cr3t@console.jumpcloud.example/md")
	h.Keys("enter")
	h.WantPosition(6)
	h.WantScreen("carries a user name or password")

	svc := (&fakes{metadata: f.metadata}).services() // no saved session to offer
	svc.Check = metadata.Check
	h = newHarness(t, Options{Services: svc})
	h.Keys("down", "tab")
	h.Type("acmecorp")
	h.Keys("enter", "enter", "a", "enter", "enter", "enter")
	h.WantPosition(6)
	h.Keys("1")
	h.Type("https://support:s3cr3t@console.jumpcloud.example/md")
	h.Keys("enter")
	h.WantScreen("The metadata is ready")
	h.Keys("enter")
	h.WantScreen("receives the Metadata URL")
	h.WantPosition(6)
	if strings.Contains(h.Screen(), "s3cr3t") {
		t.Errorf("the password is shown:\n%s", h.Screen())
	}
}

// A Metadata URL taken though it could not be fetched is shown on Review
// as not checked, as setup --yes says it (second review, item 10).
func TestReviewSaysTheURLWasNotChecked(t *testing.T) {
	h := toAvomaURL(t, &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}, nil)
	h.Type("https://unreachable.example/md")
	h.Keys("enter")
	h.WantScreen("enter again uses it unchecked")
	h.Keys("enter")
	h.WantPosition(7)
	h.Keys("s")
	h.WantPosition(8)
	h.Keys("space", "enter")
	h.WantPosition(9)
	h.WantScreen("https://unreachable.example/md (not checked")
}
