package ssoconfig

import (
	"slices"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// entityID, judged against the answers.
func checked(t *testing.T, p *profile.Profile, a Answers, entityID string) (*metadata.Report, []byte) {
	t.Helper()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	md := samltest.Metadata(kp, samltest.MetadataOptions{EntityID: entityID})
	return metadata.Check(md, MetadataOptions(p, a, testNow)), md
}

// with what is still wrong instead of telling them to upload the file.
func TestOverriddenPlaceholderRecordsBothAndComesFirst(t *testing.T) {
	for _, id := range []string{"vome", "avoma"} {
		t.Run(id, func(t *testing.T) {
			p := mustProfile(t, id)
			a := vomeAnswers()
			if id == "avoma" {
				a = avomaAnswers()
			}
			rep, md := checked(t, p, a, "IdP Entity ID")
			a.Overridden = FailedIDs(rep.Findings)
			if !slices.Contains(a.Overridden, samlcheck.IDEntityIDPlaceholder) || !slices.Contains(a.Overridden, samlcheck.IDEntityIDMismatch) {
				t.Fatalf("failed ids %v", a.Overridden)
			}
			b, err := Build(p, a, md, rep, testNow)
			if err != nil {
				t.Fatal(err)
			}
			c := b.Config
			if c.IdentityProvider.EntityID != "jumpcloud-acmecorp" || c.IdentityProvider.MetadataEntityID != "IdP Entity ID" {
				t.Errorf("entity_id %q, metadata_entity_id %q", c.IdentityProvider.EntityID, c.IdentityProvider.MetadataEntityID)
			}
			var msg string
			for _, f := range c.Validation.Findings {
				if f.ID == samlcheck.IDEntityIDMismatch {
					msg = f.Message
				}
			}
			if !strings.Contains(msg, `"jumpcloud-acmecorp"`) || !strings.Contains(msg, `"IdP Entity ID"`) {
				t.Errorf("the recorded mismatch does not name both values: %q", msg)
			}
			doc := string(b.NextSteps)
			first := strings.Index(doc, "## Still wrong: fix this first")
			if first < 0 || first > strings.Index(doc, "## 1.") {
				t.Fatalf("NEXT-STEPS.md does not open with what is still wrong:\n%s", doc)
			}
			if strings.Contains(doc, "IdP Entity ID: `IdP Entity ID`") || strings.Contains(doc, "IdP Entity ID: IdP Entity ID") {
				t.Errorf("the placeholder is given as the IdP Entity ID:\n%s", doc)
			}
			if !strings.Contains(doc, "**Not yet:**") || strings.Contains(doc, "Upload `idp-metadata.xml` from this folder") {
				t.Errorf("NEXT-STEPS.md still says to hand over the failed metadata:\n%s", doc)
			}
			if !strings.HasPrefix(b.Next.Headline(), "fix the failure you continued past") {
				t.Errorf("headline %q", b.Next.Headline())
			}
		})
	}
}

// Entity ID chosen, and for Avoma that the Metadata URL goes to support.
func TestExplainPlaceholderInTheProfilesWords(t *testing.T) {
	for id, want := range map[string]string{
		"avoma": "Avoma's support gets that URL and jumpcloud-acmecorp; no file is sent",
		"vome":  "click Export Metadata again and check the new file: that file, not this one, goes to Vome",
	} {
		p := mustProfile(t, id)
		a := vomeAnswers()
		if id == "avoma" {
			a = avomaAnswers()
		}
		rep, _ := checked(t, p, a, "IdP Entity ID")
		ex := Explain(p, a, rep)
		var fails samlcheck.Findings
		for _, f := range ex {
			if f.Severity == samlcheck.SeverityFail {
				fails = append(fails, f)
			}
		}
		if len(fails) != 1 || fails[0].ID != samlcheck.IDEntityIDPlaceholder {
			t.Fatalf("%s: failures %+v, want the placeholder alone", id, fails)
		}
		f := fails[0]
		if !strings.Contains(f.Message, `not the IdP Entity ID you chose, "jumpcloud-acmecorp": the app was not saved`) {
			t.Errorf("%s: message %q lacks the mismatch", id, f.Message)
		}
		if !strings.Contains(f.Fix, "type jumpcloud-acmecorp into IdP Entity ID") || !strings.Contains(f.Fix, want) || strings.Contains(f.Fix, "give that new file") {
			t.Errorf("%s: fix %q", id, f.Fix)
		}
	}
}

// One decision per cause: overriding the placeholder (the failure Explain
// shows) covers the mismatch told inside it, as the wizard's o does; any
// other override is kept as given, and the mismatch alone is not widened.
func TestExplainedOverrides(t *testing.T) {
	fs := samlcheck.Findings{
		{ID: samlcheck.IDEntityIDPlaceholder, Severity: samlcheck.SeverityFail},
		{ID: samlcheck.IDEntityIDMismatch, Severity: samlcheck.SeverityFail},
	}
	for _, tc := range []struct{ in, want []string }{
		{[]string{samlcheck.IDEntityIDPlaceholder}, []string{samlcheck.IDEntityIDPlaceholder, samlcheck.IDEntityIDMismatch}},
		{[]string{samlcheck.IDEntityIDPlaceholder, samlcheck.IDEntityIDMismatch}, []string{samlcheck.IDEntityIDPlaceholder, samlcheck.IDEntityIDMismatch}},
		{[]string{samlcheck.IDEntityIDMismatch}, []string{samlcheck.IDEntityIDMismatch}},
		{[]string{"cert.expired"}, []string{"cert.expired"}},
	} {
		if got := ExplainedOverrides(fs, tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("ExplainedOverrides(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := ExplainedOverrides(fs[:1], []string{samlcheck.IDEntityIDPlaceholder}); !slices.Equal(got, []string{samlcheck.IDEntityIDPlaceholder}) {
		t.Errorf("without a mismatch failing: %v", got)
	}
}
