package drift

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// The Metadata URL sent to the SP's support is compared with the imported
// file by Compare's rules: another entityID, sign-on URL or certificate is
// other metadata, named in one line; a certificate added beside the
// imported one is not (a rollover begun: the URL still serves the checked
// one); what is not metadata, or could not be fetched, is never compared.
func TestServedFrom(t *testing.T) {
	const entityID, sso = "jumpcloud-acmecorp", "https://sso.jumpcloud.com/saml2/acmecorp"
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	other := samltest.NewKeyPair(t, 1, samltest.CertOptions{Bits: 2048})
	opts := metadata.Options{Now: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)}
	base := samltest.MetadataOptions{EntityID: entityID, SSOURL: sso}
	imported := metadata.Check(samltest.Metadata(kp, base), opts).IdP
	with := func(change func(*samltest.MetadataOptions)) []byte {
		o := base
		change(&o)
		return samltest.Metadata(kp, o)
	}
	for _, tc := range []struct {
		name      string
		body      []byte
		err       error
		differs   []string // none: the same metadata
		unchecked []string
	}{
		{name: "same", body: samltest.Metadata(kp, base)},
		{name: "certificate added beside", body: with(func(o *samltest.MetadataOptions) { o.ExtraCerts = append(o.ExtraCerts, other.Cert) })},
		{name: "post only", body: with(func(o *samltest.MetadataOptions) { o.PostOnly = true })},
		{name: "other entityID", body: with(func(o *samltest.MetadataOptions) { o.EntityID = "jumpcloud-other" }),
			differs: []string{`its entityID is "jumpcloud-other", the imported metadata's "jumpcloud-acmecorp"`}},
		{name: "other sign-on URL", body: with(func(o *samltest.MetadataOptions) { o.SSOURL = "https://sso.jumpcloud.com/saml2/other" }),
			differs: []string{"does not offer the imported metadata's sign-on URL " + sso}},
		{name: "other certificate", body: samltest.Metadata(other, base),
			differs: []string{"another signing certificate", imported.Certificates[0].SHA256}},
		{name: "login page", body: []byte(samltest.LoginPage), unchecked: []string{"it answered with a sign-in page", "not metadata"}},
		{name: "not metadata", body: []byte(`<?xml version="1.0"?><note>hi</note>`), unchecked: []string{"not an IdP's metadata"}},
		{name: "401", err: &source.Error{Source: "https://x.test/md", Reason: "HTTP 401 Unauthorized", Status: 401},
			unchecked: []string{"fetching it failed: HTTP 401 Unauthorized", "needs a login"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := ServedFrom(context.Background(), imported, tc.body, tc.err, opts)
			if len(tc.unchecked) > 0 {
				for _, w := range tc.unchecked {
					if !strings.Contains(s.Unchecked, w) {
						t.Errorf("Unchecked %q lacks %q", s.Unchecked, w)
					}
				}
				if s.Findings != nil || s.Differs() != "" {
					t.Errorf("an unchecked answer was compared: %+v", s.Findings)
				}
				return
			}
			if s.Unchecked != "" {
				t.Fatalf("Unchecked %q", s.Unchecked)
			}
			d := s.Differs()
			if len(tc.differs) == 0 && d != "" {
				t.Errorf("Differs %q, want the same metadata", d)
			}
			if len(tc.differs) > 0 && d == "" {
				t.Errorf("Differs is empty, want %q", tc.differs)
			}
			for _, w := range tc.differs {
				if !strings.Contains(d, w) {
					t.Errorf("Differs %q lacks %q", d, w)
				}
			}
			if strings.ContainsAny(d, "\r\n") {
				t.Errorf("Differs is not one line: %q", d)
			}
		})
	}
}
