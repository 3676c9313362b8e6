package response_test

import (
	"bytes"
	"compress/flate"
	"crypto/x509"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// jumpCloudOptions are the options `jcsso inspect` gets for the default
// generated response: its certificate, the Avoma values, the issue time.
func jumpCloudOptions(kp samltest.KeyPair) response.Options {
	return response.Options{
		TrustedCerts: []*x509.Certificate{kp.Cert},
		IdPEntityID:  samltest.DefaultIdPEntityID,
		SPEntityID:   samltest.DefaultSPEntityID,
		ACSURL:       samltest.DefaultACSURL,
		Admins:       []string{"Alice@AcmeCorp.com", "bob@acmecorp.com"},
		Now:          samltest.DefaultIssueInstant.Add(20 * time.Second),
	}
}

// testKey is a 2048-bit key pair: fast to sign with, for the many cases
// that do not depend on the key size (JumpCloud's RSA-4096 is used by the
// JumpCloud-shaped test and the benchmark).
func testKey(tb testing.TB, n int) samltest.KeyPair {
	tb.Helper()
	return samltest.NewKeyPair(tb, n, samltest.CertOptions{Bits: 2048})
}

// signedBoth is a response signed as JumpCloud's "Sign: Assertion and
// Response" does, with the options' changes applied before signing.
func signedBoth(tb testing.TB, kp samltest.KeyPair, o samltest.ResponseOptions) []byte {
	tb.Helper()
	o.SignAssertion, o.SignResponse, o.Signer = true, true, kp
	return samltest.ResponseXML(tb, o)
}

func wantSeverity(t *testing.T, r *response.Report, id string, want samlcheck.Severity) samlcheck.Finding {
	t.Helper()
	fs := r.Findings.ByID(id)
	if len(fs) != 1 {
		t.Fatalf("%s reported %d times, want once; findings: %s", id, len(fs), dumpFindings(r.Findings))
	}
	if fs[0].Severity != want {
		t.Fatalf("%s is %s (%s), want %s; findings: %s", id, fs[0].Severity, fs[0].Message, want, dumpFindings(r.Findings))
	}
	return fs[0]
}

func wantContains(t *testing.T, f samlcheck.Finding, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(f.Message+" fix: "+f.Fix, p) {
			t.Errorf("%s does not mention %q: %s (fix: %s)", f.ID, p, f.Message, f.Fix)
		}
	}
}

func dumpFindings(fs samlcheck.Findings) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Severity != samlcheck.SeverityPass {
			b.WriteString("\n  " + string(f.Severity) + " " + f.ID + ": " + f.Message)
		}
	}
	return b.String()
}

// TestInspectJumpCloudResponse is the happy path: a JumpCloud-shaped
// response (RSA-4096, both signed) passes every check, in each form a
// support engineer may paste it, and the report says who logged in.
func TestInspectJumpCloudResponse(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	xml := signedBoth(t, kp, samltest.ResponseOptions{InResponseTo: "_req-42"})
	post := samltest.PostForm(xml)
	forms := map[string]struct {
		input []byte
		enc   response.Encoding
	}{
		"post":                  {post, response.EncodingPOST},
		"post with field":       {append([]byte("SAMLResponse="), post...), response.EncodingPOST},
		"url-encoded form body": {[]byte("SAMLResponse=" + url.QueryEscape(base64.StdEncoding.EncodeToString(xml)) + "&RelayState=https%3A%2F%2Fapp.avoma.com"), response.EncodingPOST},
		"redirect":              {samltest.RedirectForm(t, xml), response.EncodingRedirect},
		"xml":                   {xml, response.EncodingXML},
		"xml with BOM":          {append([]byte("\xEF\xBB\xBF"), xml...), response.EncodingXML},
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			opts := jumpCloudOptions(kp)
			opts.RequestID = "_req-42"
			r := response.Inspect(form.input, opts)
			if !r.OK || r.Unverified || r.Encoding != form.enc {
				t.Fatalf("ok=%v unverified=%v encoding=%s; %s", r.OK, r.Unverified, r.Encoding, dumpFindings(r.Findings))
			}
			for _, c := range samlcheck.ResponseTable().Checks() {
				wantSeverity(t, r, c.ID, samlcheck.SeverityPass)
			}
			if r.Subject.Email != samltest.DefaultEmail || r.Subject.NameID != samltest.DefaultEmail || r.Issuer != samltest.DefaultIdPEntityID {
				t.Errorf("subject %+v issuer %q", r.Subject, r.Issuer)
			}
			if !r.Signed.Response || !r.Signed.Assertion {
				t.Errorf("signed %+v, want both", r.Signed)
			}
			if got := r.Attributes["firstname"]; len(got) != 1 || got[0] != "Alice" {
				t.Errorf("attributes %v", r.Attributes)
			}
			if len(r.Conditions.Audiences) != 1 || r.Conditions.Audiences[0] != samltest.DefaultSPEntityID {
				t.Errorf("audiences %v", r.Conditions.Audiences)
			}
		})
	}
}

// TestInspectStaleMetadata is the call support gets most: JumpCloud's
// certificate was regenerated, the service provider still trusts the old
// one. The finding names both fingerprints and says what to do.
func TestInspectStaleMetadata(t *testing.T) {
	oldKP, newKP := samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.NewKeyPair(t, 1, samltest.CertOptions{})
	r := response.Inspect(signedBoth(t, newKP, samltest.ResponseOptions{}), jumpCloudOptions(oldKP))
	f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
	wantContains(t, f, samlcheck.FingerprintSHA256(oldKP.Cert), samlcheck.FingerprintSHA256(newKP.Cert), "new certificate", "stale", "export fresh metadata", "upload it to the service provider again")
	if !r.Unverified || r.Signed.Response || r.Signed.Assertion {
		t.Errorf("unverified=%v signed=%+v: nothing verified, so the values must be marked", r.Unverified, r.Signed)
	}
	if r.Subject.Email != samltest.DefaultEmail {
		t.Errorf("content checks still run: email %q", r.Subject.Email)
	}
	wantSeverity(t, r, samlcheck.IDAudienceMismatch, samlcheck.SeverityPass)
}

// TestInspectTrustsOnlyTrustedCerts: whatever the KeyInfo carries never
// verifies a signature; only the given certificates do.
func TestInspectTrustsOnlyTrustedCerts(t *testing.T) {
	trusted, attacker := testKey(t, 0), testKey(t, 1)
	t.Run("attacker's key, trusted certificate in KeyInfo", func(t *testing.T) {
		xml := signedBoth(t, attacker, samltest.ResponseOptions{Sign: samltest.SignOptions{KeyInfoCert: trusted.Cert}})
		r := response.Inspect(xml, jumpCloudOptions(trusted))
		f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
		wantContains(t, f, "another key")
		if r.OK || r.Signed.Response || r.Signed.Assertion {
			t.Errorf("ok=%v signed=%+v", r.OK, r.Signed)
		}
	})
	t.Run("KeyInfo removed", func(t *testing.T) {
		// Only one element signed: the Response's digest would cover the
		// Assertion's KeyInfo.
		xml := samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: trusted})
		xml = removeAll(t, xml, "<ds:KeyInfo>", "</ds:KeyInfo>")
		r := response.Inspect(xml, jumpCloudOptions(trusted))
		if !r.OK || !r.Signed.Assertion {
			t.Fatalf("a signature without KeyInfo verifies with the trusted certificate: %s", dumpFindings(r.Findings))
		}
	})
	t.Run("several trusted certificates, the second signs", func(t *testing.T) {
		opts := jumpCloudOptions(attacker)
		opts.TrustedCerts = append(opts.TrustedCerts, trusted.Cert)
		r := response.Inspect(signedBoth(t, trusted, samltest.ResponseOptions{}), opts)
		if !r.OK {
			t.Fatalf("rollover metadata with two certificates: %s", dumpFindings(r.Findings))
		}
	})
	t.Run("no trusted certificate given", func(t *testing.T) {
		opts := jumpCloudOptions(trusted)
		opts.TrustedCerts = nil
		opts.Inputs = samlcheck.Inputs{samlcheck.InputMetadata: "--metadata", samlcheck.InputCert: "--cert"}
		r := response.Inspect(signedBoth(t, trusted, samltest.ResponseOptions{}), opts)
		f := wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
		wantContains(t, f, "not checked", "--metadata", "--cert", samlcheck.FingerprintSHA256(trusted.Cert))
		if !r.Unverified {
			t.Error("values must be marked unverified")
		}
		// A caller that takes metadata and no certificate (troubleshooting)
		// is never told to give a certificate.
		opts.Inputs = samlcheck.Inputs{samlcheck.InputMetadata: "--metadata"}
		f = wantSeverity(t, response.Inspect(signedBoth(t, trusted, samltest.ResponseOptions{}), opts), samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
		if !strings.Contains(f.Fix, "with --metadata") || strings.Contains(f.Fix, "--cert") || strings.Contains(f.Fix, "certificate") {
			t.Errorf("fix %q: want --metadata and no certificate", f.Fix)
		}
	})
}

// removeAll cuts every span from start to end (inclusive) out of s.
func removeAll(t *testing.T, s []byte, start, end string) []byte {
	t.Helper()
	out := string(s)
	n := 0
	for {
		i := strings.Index(out, start)
		if i < 0 {
			break
		}
		j := strings.Index(out[i:], end)
		if j < 0 {
			t.Fatalf("no %s after %s", end, start)
		}
		out = out[:i] + out[i+j+len(end):]
		n++
	}
	if n == 0 {
		t.Fatalf("%s not found", start)
	}
	return []byte(out)
}

func replaceOnce(t *testing.T, s []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(s, []byte(old)) {
		t.Fatalf("%q not in the response", old)
	}
	return bytes.Replace(s, []byte(old), []byte(new), 1)
}

// TestInspectReadsVerifiedValuesWhole: comment and CDATA tricks inside a
// NameID are read as the whole text, and values come from what verified.
func TestInspectReadsVerifiedValuesWhole(t *testing.T) {
	kp := testKey(t, 0)
	t.Run("comment inside a signed NameID", func(t *testing.T) {
		xml := signedBoth(t, kp, samltest.ResponseOptions{})
		// Exclusive canonicalisation drops comments, so both signatures
		// still verify; the NameID must still read alice@acmecorp.com.
		xml = replaceOnce(t, xml, ">alice@acmecorp.com</saml2:NameID>", ">alice@acme<!-- x -->corp.com</saml2:NameID>")
		r := response.Inspect(xml, jumpCloudOptions(kp))
		if !r.OK || r.Subject.NameID != "alice@acmecorp.com" {
			t.Fatalf("NameID %q ok=%v %s", r.Subject.NameID, r.OK, dumpFindings(r.Findings))
		}
	})
	t.Run("comment extends a signed NameID", func(t *testing.T) {
		xml := signedBoth(t, kp, samltest.ResponseOptions{})
		xml = replaceOnce(t, xml, ">alice@acmecorp.com</saml2:NameID>", ">alice@acmecorp.com<!-- x -->.evil.example</saml2:NameID>")
		r := response.Inspect(xml, jumpCloudOptions(kp))
		wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
		if r.Subject.NameID != "alice@acmecorp.com.evil.example" || !r.Unverified {
			t.Fatalf("NameID %q unverified=%v: the whole text, marked unverified", r.Subject.NameID, r.Unverified)
		}
	})
	t.Run("CDATA in an unsigned NameID", func(t *testing.T) {
		xml := samltest.ResponseXML(t, samltest.ResponseOptions{})
		xml = replaceOnce(t, xml, ">alice@acmecorp.com</saml2:NameID>", ">alice@<![CDATA[acmecorp]]>.com</saml2:NameID>")
		r := response.Inspect(xml, jumpCloudOptions(kp))
		if r.Subject.NameID != "alice@acmecorp.com" {
			t.Fatalf("NameID %q", r.Subject.NameID)
		}
	})
	t.Run("unsigned Response values beside a signed Assertion", func(t *testing.T) {
		o := samltest.ResponseOptions{SignAssertion: true, Signer: kp}
		xml := samltest.ResponseXML(t, o)
		// The Assertion's copy in the report is the verified one: change
		// its NameID after signing and the Assertion no longer verifies.
		bad := replaceOnce(t, xml, ">alice@acmecorp.com</saml2:NameID>", ">mallory@acmecorp.com</saml2:NameID>")
		r := response.Inspect(bad, jumpCloudOptions(kp))
		wantSeverity(t, r, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail)
		if r.OK || !r.Unverified {
			t.Fatalf("ok=%v unverified=%v", r.OK, r.Unverified)
		}
	})
}

// TestInspectDecode covers response.decode both ways, with the caps.
func TestInspectDecode(t *testing.T) {
	bomb := func() []byte {
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		w.Write([]byte("<")) //nolint:errcheck // in-memory
		w.Write(make([]byte, response.MaxInflatedBytes+10))
		w.Close()
		return []byte(base64.StdEncoding.EncodeToString(buf.Bytes()))
	}
	cases := []struct {
		name, input, want string
	}{
		{"not base64", "this is not a SAML response!", "neither XML nor base64"},
		{"base64 of neither XML nor DEFLATE", base64.StdEncoding.EncodeToString([]byte("hello there")), "neither XML nor DEFLATE"},
		{"DOCTYPE", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>`, "DOCTYPE"},
		{"malformed XML", `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><a></samlp:Response>`, "not well-formed"},
		{"decompression bomb", string(bomb()), "inflates to more than"},
		{"over the decoded cap", strings.Repeat("PGE+", xmlsafe.MaxInputBytes/3+10), "limit"},
		{"empty", "  \n", "empty"},
		{"broken URL-encoding", "SAMLResponse=PHNhbWw%ZZ", "URL-encoded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := response.Inspect([]byte(tc.input), response.Options{})
			f := wantSeverity(t, r, samlcheck.IDResponseDecode, samlcheck.SeverityFail)
			wantContains(t, f, tc.want)
			if r.OK || len(r.Findings) != 1 {
				t.Errorf("a response that cannot be read has only response.decode: %s", dumpFindings(r.Findings))
			}
		})
	}
}

// TestInspectFindingsBothWays produces every id from real input, failing
// (or warning) and passing, on otherwise correct JumpCloud responses.
func TestInspectFindingsBothWays(t *testing.T) {
	kp, other := testKey(t, 0), testKey(t, 1)
	type tc struct {
		name  string
		input func(t *testing.T) []byte
		opts  func(o *response.Options)
		id    string
		sev   samlcheck.Severity
		want  []string
	}
	resp := func(o samltest.ResponseOptions) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return signedBoth(t, kp, o) }
	}
	tamper := func(o samltest.ResponseOptions, old, new string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return replaceOnce(t, signedBoth(t, kp, o), old, new) }
	}
	assertionOnly := func(t *testing.T) []byte {
		return samltest.ResponseXML(t, samltest.ResponseOptions{SignAssertion: true, Signer: kp})
	}
	responseOnly := func(t *testing.T) []byte {
		return samltest.ResponseXML(t, samltest.ResponseOptions{SignResponse: true, Signer: kp})
	}
	cases := []tc{
		{"SAML 2.0 version", tamper(samltest.ResponseOptions{}, `Version="2.0" IssueInstant`, `Version="1.1" IssueInstant`), nil, samlcheck.IDResponseVersion, samlcheck.SeverityFail, []string{`"1.1"`}},
		{"metadata instead of a response", func(t *testing.T) []byte { return samltest.Metadata(kp, samltest.MetadataOptions{}) }, nil, samlcheck.IDResponseVersion, samlcheck.SeverityFail, []string{"metadata", "jcsso check"}},
		{"status Responder", resp(samltest.ResponseOptions{StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder", SubStatus: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", StatusMessage: "user not bound"}), nil, samlcheck.IDResponseStatus, samlcheck.SeverityFail, []string{"Responder", "AuthnFailed", "user not bound"}},
		{"unsigned", func(t *testing.T) []byte { return samltest.ResponseXML(t, samltest.ResponseOptions{}) }, nil, samlcheck.IDSignatureMissing, samlcheck.SeverityFail, []string{"neither"}},
		{"content changed after signing", tamper(samltest.ResponseOptions{}, "<saml2:Audience>", "<saml2:Audience>x"), nil, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail, []string{"digest"}},
		{"signed by another key", resp(samltest.ResponseOptions{}), func(o *response.Options) { o.TrustedCerts = []*x509.Certificate{other.Cert} }, samlcheck.IDSignatureInvalid, samlcheck.SeverityFail, []string{"stale", samlcheck.FingerprintSHA256(other.Cert), samlcheck.FingerprintSHA256(kp.Cert)}},
		{"trusted certificate expired", resp(samltest.ResponseOptions{}), func(o *response.Options) { o.Now = kp.Cert.NotAfter.Add(time.Hour) }, samlcheck.IDSignatureCertExpired, samlcheck.SeverityFail, []string{"genuine", "expired on " + kp.Cert.NotAfter.Format(time.DateOnly), "goxmldsig", "regenerate"}},
		{"assertion only, both required", assertionOnly, nil, samlcheck.IDSignaturePartial, samlcheck.SeverityWarn, []string{"only the Assertion", "both"}},
		{"assertion only, response required", assertionOnly, func(o *response.Options) { o.RequireSigning = response.RequireResponse }, samlcheck.IDSignaturePartial, samlcheck.SeverityFail, []string{"Response is not signed"}},
		{"response only, assertion required", responseOnly, func(o *response.Options) { o.RequireSigning = response.RequireAssertion }, samlcheck.IDSignaturePartial, samlcheck.SeverityFail, []string{"Assertion is not signed"}},
		{"SHA-1", resp(samltest.ResponseOptions{Sign: samltest.SignOptions{SHA1: true}}), nil, samlcheck.IDSignatureAlgorithm, samlcheck.SeverityWarn, []string{"SHA-1", "rsa-sha1"}},
		{"assertion version", tamper(samltest.ResponseOptions{}, `" Version="2.0">`, `" Version="1.1">`), nil, samlcheck.IDResponseVersion, samlcheck.SeverityFail, []string{`Assertion says Version "1.1"`}},
		{"issuer placeholder, metadata placeholder too", resp(samltest.ResponseOptions{IdPEntityID: "IdP Entity ID"}), func(o *response.Options) { o.IdPEntityID = "IdP Entity ID" }, samlcheck.IDIssuerPlaceholder, samlcheck.SeverityFail, []string{`"IdP Entity ID"`, "placeholder", "proves nothing", "Save the application", "Export Metadata"}},
		{"issuer placeholder, metadata right", resp(samltest.ResponseOptions{IdPEntityID: "IdP Entity ID"}), nil, samlcheck.IDIssuerPlaceholder, samlcheck.SeverityFail, []string{"the Response's Issuer and the Assertion's Issuer", "not saved"}},
		{"comment splits the NameID", tamper(samltest.ResponseOptions{}, ">alice@acmecorp.com</saml2:NameID>", ">alice@acme<!---->corp.com</saml2:NameID>"), nil, samlcheck.IDValueSplit, samlcheck.SeverityWarn, []string{`"alice@acmecorp.com" whole`, `only "alice@acme"`}},
		{"CDATA splits an attribute value", tamper(samltest.ResponseOptions{}, `xsi:type="xs:string">Alice<`, `xsi:type="xs:string">Al<![CDATA[ice]]><`), nil, samlcheck.IDValueSplit, samlcheck.SeverityWarn, []string{`"firstname"`, `"Alice" whole`, `only "Al"`}},
		{"issuer differs", resp(samltest.ResponseOptions{IdPEntityID: "jumpcloud-acme"}), nil, samlcheck.IDIssuerMismatch, samlcheck.SeverityFail, []string{`"jumpcloud-acmecorp"`, `"jumpcloud-acme"`}},
		{"issuer placeholder expected", resp(samltest.ResponseOptions{}), func(o *response.Options) { o.IdPEntityID = "IdP Entity ID" }, samlcheck.IDIssuerMismatch, samlcheck.SeverityFail, []string{"placeholder", "export fresh metadata"}},
		{"assertion issuer only", resp(samltest.ResponseOptions{AssertionIssuer: "https://evil.example/idp"}), nil, samlcheck.IDIssuerMismatch, samlcheck.SeverityFail, []string{"Assertion's Issuer"}},
		{"audience trailing slash", resp(samltest.ResponseOptions{SPEntityID: "https://app.avoma.com/"}), nil, samlcheck.IDAudienceMismatch, samlcheck.SeverityFail, []string{`"https://app.avoma.com/"`, "trailing slash"}},
		{"audience http", resp(samltest.ResponseOptions{SPEntityID: "http://APP.avoma.com"}), nil, samlcheck.IDAudienceMismatch, samlcheck.SeverityFail, []string{"http versus https", "case"}},
		{"destination differs", resp(samltest.ResponseOptions{Destination: "https://prod-api.avoma.com/saml2/acs/"}), nil, samlcheck.IDDestinationMismatch, samlcheck.SeverityFail, []string{"trailing slash"}},
		{"recipient differs", resp(samltest.ResponseOptions{Recipient: "https://example.com/acs"}), nil, samlcheck.IDRecipientMismatch, samlcheck.SeverityFail, []string{`"https://example.com/acs"`}},
		{"answers another request", resp(samltest.ResponseOptions{InResponseTo: "_old"}), func(o *response.Options) { o.RequestID = "_new" }, samlcheck.IDInResponseToMismatch, samlcheck.SeverityFail, []string{`"_old"`, `"_new"`}},
		{"IdP-initiated but a request was sent", resp(samltest.ResponseOptions{}), func(o *response.Options) { o.RequestID = "_new" }, samlcheck.IDInResponseToMismatch, samlcheck.SeverityFail, []string{"IdP-initiated"}},
		{"expired", resp(samltest.ResponseOptions{}), func(o *response.Options) { o.Now = samltest.DefaultIssueInstant.Add(2*time.Hour + 3*time.Minute) }, samlcheck.IDTimeWindow, samlcheck.SeverityFail, []string{"has passed", "the response was issued 2h03m before your clock"}},
		{"not yet valid", resp(samltest.ResponseOptions{}), func(o *response.Options) { o.Now = samltest.DefaultIssueInstant.Add(-9 * time.Minute) }, samlcheck.IDTimeWindow, samlcheck.SeverityFail, []string{"has not come yet", "issued 9m00s after your clock"}},
		{"no NameID", resp(samltest.ResponseOptions{NameID: "-"}), nil, samlcheck.IDSubjectMissing, samlcheck.SeverityFail, []string{"no NameID"}},
		{"empty NameID", tamper(samltest.ResponseOptions{}, ">alice@acmecorp.com</saml2:NameID>", "></saml2:NameID>"), nil, samlcheck.IDSubjectMissing, samlcheck.SeverityFail, []string{"empty"}},
		{"no e-mail anywhere", resp(samltest.ResponseOptions{NameID: "u-1234", Attributes: []samltest.Attribute{{Name: "firstname", Values: []string{"Alice"}}}}), nil, samlcheck.IDSubjectEmail, samlcheck.SeverityFail, []string{`"u-1234"`, `"firstname"`}},
		{"not an admin", resp(samltest.ResponseOptions{Email: "carol@acmecorp.com"}), nil, samlcheck.IDAdminUnknown, samlcheck.SeverityFail, []string{"carol@acmecorp.com", "already exist"}},
		{"encrypted assertion", func(t *testing.T) []byte {
			xml := samltest.ResponseXML(t, samltest.ResponseOptions{})
			return removeAll(t, replaceOnce(t, xml, "<saml2:Assertion ", `<saml2:EncryptedAssertion><x:EncryptedData xmlns:x="http://www.w3.org/2001/04/xmlenc#"/></saml2:EncryptedAssertion><saml2:Assertion `), "<saml2:Assertion ", "</saml2:Assertion>")
		}, nil, samlcheck.IDAssertionCount, samlcheck.SeverityFail, []string{"encrypted", "private key"}},
		{"two assertions", func(t *testing.T) []byte {
			xml := signedBoth(t, kp, samltest.ResponseOptions{})
			i, j := bytes.Index(xml, []byte("<saml2:Assertion ")), bytes.Index(xml, []byte("</saml2:Assertion>"))+len("</saml2:Assertion>")
			evil := strings.Replace(string(xml[i:j]), "alice@", "mallory@", -1)
			evil = strings.Replace(evil, `ID="_jcsso-assertion-41f7"`, `ID="_evil"`, 1)
			return append(append(append([]byte{}, xml[:i]...), evil...), xml[i:]...)
		}, nil, samlcheck.IDAssertionCount, samlcheck.SeverityFail, []string{"2 Assertions"}},
		{"no assertion", func(t *testing.T) []byte {
			return removeAll(t, samltest.ResponseXML(t, samltest.ResponseOptions{}), "<saml2:Assertion ", "</saml2:Assertion>")
		}, nil, samlcheck.IDAssertionCount, samlcheck.SeverityFail, []string{"no Assertion"}},
		{"duplicate IDs", tamper(samltest.ResponseOptions{}, `ID="_jcsso-response-8c1d"`, `ID="_jcsso-assertion-41f7"`), nil, samlcheck.IDAssertionCount, samlcheck.SeverityFail, []string{"more than one element"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := jumpCloudOptions(kp)
			if c.opts != nil {
				c.opts(&opts)
			}
			r := response.Inspect(c.input(t), opts)
			f := wantSeverity(t, r, c.id, c.sev)
			wantContains(t, f, c.want...)
			if f.Fix == "" {
				t.Errorf("%s has no fix", c.id)
			}
			if r.OK != (c.sev != samlcheck.SeverityFail) && r.Findings.Worst() != samlcheck.SeverityFail {
				t.Errorf("ok=%v", r.OK)
			}
		})
	}
}

// TestInspectNotChecked: an expected value that was not given is reported
// as info, never silently passed.
func TestInspectNotChecked(t *testing.T) {
	kp := testKey(t, 0)
	inspect := samlcheck.Inputs{samlcheck.InputIdPEntityID: "--idp-entity-id", samlcheck.InputMetadata: "--metadata", samlcheck.InputSPEntityID: "--sp-entity-id",
		samlcheck.InputACSURL: "--acs-url", samlcheck.InputRequestID: "--request-id", samlcheck.InputAdmins: "--admin or --admins"}
	// With inspect's flags each names its flag; with none (troubleshooting,
	// the wizard), none names a flag at all.
	for _, ins := range []samlcheck.Inputs{inspect, nil} {
		r := response.Inspect(signedBoth(t, kp, samltest.ResponseOptions{InResponseTo: "_r"}), response.Options{
			TrustedCerts: []*x509.Certificate{kp.Cert},
			Now:          samltest.DefaultIssueInstant,
			Inputs:       ins,
		})
		for id, flag := range map[string]string{
			samlcheck.IDIssuerMismatch:       "--idp-entity-id",
			samlcheck.IDAudienceMismatch:     "--sp-entity-id",
			samlcheck.IDDestinationMismatch:  "--acs-url",
			samlcheck.IDRecipientMismatch:    "--acs-url",
			samlcheck.IDInResponseToMismatch: "--request-id",
			samlcheck.IDAdminUnknown:         "--admin",
		} {
			f := wantSeverity(t, r, id, samlcheck.SeverityInfo)
			if ins != nil {
				wantContains(t, f, "not checked", flag)
			} else if !strings.Contains(f.Message, "not checked") || strings.Contains(f.Message, "--") {
				t.Errorf("%s without inputs: %q names a flag", id, f.Message)
			}
		}
		if !r.OK {
			t.Fatalf("info findings do not fail: %s", dumpFindings(r.Findings))
		}
	}
}

// TestInspectEmailFromAttribute: a NameID that is not an e-mail address
// is fine when an e-mail attribute carries one, in any usual spelling.
func TestInspectEmailFromAttribute(t *testing.T) {
	kp := testKey(t, 0)
	for _, name := range []string{"email", "Mail", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"} {
		xml := signedBoth(t, kp, samltest.ResponseOptions{NameID: "u-1234", NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
			Attributes: []samltest.Attribute{{Name: name, Values: []string{"Alice@AcmeCorp.com"}}}})
		r := response.Inspect(xml, jumpCloudOptions(kp))
		f := wantSeverity(t, r, samlcheck.IDSubjectEmail, samlcheck.SeverityPass)
		wantContains(t, f, name)
		if r.Subject.Email != "Alice@AcmeCorp.com" {
			t.Errorf("%s: email %q", name, r.Subject.Email)
		}
		wantSeverity(t, r, samlcheck.IDAdminUnknown, samlcheck.SeverityPass)
	}
}

// TestResponseChecksTable: the table and the ids agree in both directions,
// and every check a full inspection runs is in the table.
func TestResponseChecksTable(t *testing.T) {
	ids := []string{samlcheck.IDResponseDecode, samlcheck.IDResponseVersion, samlcheck.IDResponseStatus, samlcheck.IDAssertionCount, samlcheck.IDSignatureMissing, samlcheck.IDSignatureInvalid,
		samlcheck.IDSignaturePartial, samlcheck.IDSignatureAlgorithm, samlcheck.IDSignatureCertExpired, samlcheck.IDIssuerMismatch, samlcheck.IDIssuerPlaceholder, samlcheck.IDAudienceMismatch,
		samlcheck.IDDestinationMismatch, samlcheck.IDRecipientMismatch, samlcheck.IDInResponseToMismatch, samlcheck.IDTimeWindow, samlcheck.IDSubjectMissing, samlcheck.IDSubjectEmail, samlcheck.IDValueSplit,
		samlcheck.IDAdminUnknown}
	table := samlcheck.ResponseTable().Checks()
	if len(table) != len(ids) {
		t.Fatalf("table has %d rows, %d ids", len(table), len(ids))
	}
	for i, c := range table {
		if c.ID != ids[i] || c.Title == "" || c.Fix == "" || (c.Severity != samlcheck.SeverityFail && c.Severity != samlcheck.SeverityWarn) {
			t.Errorf("row %d: %+v", i, c)
		}
	}
	kp := testKey(t, 0)
	r := response.Inspect(signedBoth(t, kp, samltest.ResponseOptions{}), jumpCloudOptions(kp))
	if len(r.Findings) != len(table) {
		t.Fatalf("a full inspection reports %d findings, the table has %d", len(r.Findings), len(table))
	}
	for i, f := range r.Findings {
		if f.ID != table[i].ID {
			t.Errorf("finding %d is %s, table says %s", i, f.ID, table[i].ID)
		}
	}
}

func TestNearMiss(t *testing.T) {
	cases := map[[2]string]string{
		{"https://app.avoma.com", "https://app.avoma.com/"}: "trailing slash",
		{"https://app.avoma.com", "http://app.avoma.com"}:   "http versus https",
		{"https://App.Avoma.com", "https://app.avoma.com"}:  "case",
		{"jumpcloud-acme", " jumpcloud-acme"}:               "spaces",
		{"https://app.avoma.com", "https://other.example"}:  "",
	}
	for in, want := range cases {
		got := response.NearMiss(in[0], in[1])
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("nearMiss(%q, %q) = %q, want mention of %q", in[0], in[1], got, want)
		}
	}
}
