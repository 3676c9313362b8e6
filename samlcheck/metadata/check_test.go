package metadata

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// testNow is inside the five-year validity of the default fixture certificate.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// goodOpts gives every expectation, so that every check can pass.
func goodOpts() Options {
	return Options{
		SPEntityID:  "https://app.avoma.com",
		ACSURL:      "https://prod-api.avoma.com/saml2/acs",
		IdPEntityID: "jumpcloud-acmecorp",
		AppName:     "acmecorp",
		Now:         testNow,
	}
}

func jumpCloudPair(t testing.TB) samltest.KeyPair {
	return samltest.NewKeyPair(t, 0, samltest.CertOptions{})
}

// TestGoodJumpCloudMetadata is the other direction of every id: a correctly
// saved JumpCloud export, checked with every expectation given, gives each
// id as pass (metadata.signature: info, JumpCloud does not sign) and
// nothing worse.
func TestGoodJumpCloudMetadata(t *testing.T) {
	kp := jumpCloudPair(t)
	r := Check(samltest.Metadata(kp, samltest.MetadataOptions{}), goodOpts())
	if !r.OK {
		t.Errorf("ok = false, want true")
	}
	for _, def := range samlcheck.MetadataTable().Checks() {
		fs := r.Findings.ByID(def.ID)
		if len(fs) == 0 {
			t.Errorf("%s: no finding, want pass", def.ID)
			continue
		}
		want := samlcheck.SeverityPass
		if def.ID == samlcheck.IDMetadataSignature {
			want = samlcheck.SeverityInfo
		}
		for _, f := range fs {
			if f.Severity != want {
				t.Errorf("%s: %s %q, want %s", def.ID, f.Severity, f.Message, want)
			}
		}
	}
	idp := r.IdP
	if idp.EntityID != "jumpcloud-acmecorp" || len(idp.SSO) != 2 || len(idp.Certificates) != 1 || idp.WantAuthnRequestsSigned {
		t.Errorf("idp = %+v", idp)
	}
	if c := idp.Certificates[0]; c.Key != "RSA-4096" || c.SHA256 != samlcheck.FingerprintSHA256(kp.Cert) {
		t.Errorf("certificate = %+v", c)
	}
}

// TestNotGivenIsInfoNeverPass: a check whose expected value was not given
// reports info that names what to give, by the caller's flag when the
// caller takes one (jcsso check's), and by no flag when it does not
// (troubleshooting, the wizard).
func TestNotGivenIsInfoNeverPass(t *testing.T) {
	flags := map[string]string{samlcheck.IDEntityIDSameAsSP: "--sp-entity-id", samlcheck.IDEntityIDMismatch: "--idp-entity-id", samlcheck.IDACSURL: "--acs-url", samlcheck.IDSSOAppName: "--app-name"}
	check := samlcheck.Inputs{samlcheck.InputSPEntityID: "--sp-entity-id", samlcheck.InputIdPEntityID: "--idp-entity-id", samlcheck.InputACSURL: "--acs-url", samlcheck.InputAppName: "--app-name"}
	for _, ins := range []samlcheck.Inputs{check, nil} {
		r := Check(samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{}), Options{Now: testNow, Inputs: ins})
		for id, flag := range flags {
			fs := r.Findings.ByID(id)
			if len(fs) != 1 || fs[0].Severity != samlcheck.SeverityInfo || !strings.Contains(fs[0].Message, "not checked") || strings.Contains(fs[0].Message, flag) != (ins != nil) {
				t.Errorf("inputs %v: %s = %+v, want one info, naming %s only when the caller takes it", ins, id, fs, flag)
			}
		}
		if !r.OK {
			t.Error("ok = false without expectations")
		}
	}
}

// metadataCase is a document that must produce id with severity sev.
type metadataCase struct {
	name string
	doc  func(t *testing.T) []byte
	opts func(o *Options)
	id   string
	sev  samlcheck.Severity
	// say is text the message (or, with "fix:", the fix) must contain.
	say string
}

func md(o samltest.MetadataOptions) func(t *testing.T) []byte {
	return func(t *testing.T) []byte { return samltest.Metadata(jumpCloudPair(t), o) }
}

func mdCert(co samltest.CertOptions, o samltest.MetadataOptions) func(t *testing.T) []byte {
	return func(t *testing.T) []byte { return samltest.Metadata(samltest.NewKeyPair(t, 0, co), o) }
}

func raw(s string) func(t *testing.T) []byte { return func(*testing.T) []byte { return []byte(s) } }

func strp(s string) *string { return &s }

// TestMetadataFindings is the failing direction of every id: real input
// that must give the id with its severity and a message that says why.
func TestMetadataFindings(t *testing.T) {
	kpDoc := func(mut func(string) string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			return []byte(mut(string(samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{}))))
		}
	}
	pemText := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("not der")}))
	cases := []metadataCase{
		{name: "login page", doc: raw(samltest.LoginPage), id: samlcheck.IDXMLHTML, sev: samlcheck.SeverityFail, say: `sign-in page (it has a password field) titled "JumpCloud – Admin Login"`},
		{name: "png", doc: raw("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not XML: looks like a PNG image"},
		{name: "pdf", doc: raw("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not XML: looks like a PDF document"},
		{name: "zip", doc: raw("PK\x03\x04\x14\x00\x00\x00\x08\x00"), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not XML: looks like a zip archive"},
		{name: "other binary", doc: raw("\x01\x02\x00\x00binary"), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not XML: looks like a binary file"},
		{name: "a response, as XML", doc: func(t *testing.T) []byte { return samltest.ResponseXML(t, samltest.ResponseOptions{}) }, id: samlcheck.IDMetadataRoot, sev: samlcheck.SeverityFail, say: "a SAML response (<saml2p:Response>), not metadata"},
		{name: "a response, its fix", doc: func(t *testing.T) []byte { return samltest.ResponseXML(t, samltest.ResponseOptions{}) }, id: samlcheck.IDMetadataRoot, sev: samlcheck.SeverityFail, say: "fix:jcsso inspect"},
		{name: "a response, as posted", doc: func(t *testing.T) []byte {
			return samltest.PostForm(samltest.ResponseXML(t, samltest.ResponseOptions{}))
		}, id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "a SAML response (the base64 SAMLResponse value"},
		{name: "a HAR file", doc: raw(`{"log": {"entries": [{"request": {"method": "POST", "url": "https://app.avoma.com/acs", "postData": {"text": "SAMLResponse=PHg%2BPC94Pg%3D%3D"}}}]}}`), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "a browser capture (a HAR file, 1 SAMLResponse)"},
		{name: "xhtml error page", doc: raw(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>404 Not Found</title></head><body>error</body></html>`), id: samlcheck.IDXMLHTML, sev: samlcheck.SeverityFail, say: `error page titled "404 Not Found"`},
		{name: "not xml", doc: raw("entityID=jumpcloud\n"), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not acceptable XML"},
		{name: "truncated", doc: kpDoc(func(s string) string { return s[:len(s)/2] }), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not well-formed"},
		{name: "doctype", doc: raw(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&a;"/>`), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "DOCTYPE"},
		{name: "too deep", doc: raw(strings.Repeat("<a>", xmlsafe.MaxXMLDepth+1) + strings.Repeat("</a>", xmlsafe.MaxXMLDepth+1)), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "deeper than"},
		{name: "too large", doc: raw("<a>" + strings.Repeat(" ", xmlsafe.MaxInputBytes) + "</a>"), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "over the"},
		// The name mangling behind the round-trip class of signature bypasses
		// (x::Name); Go's strict tokenizer already refuses it before the
		// round-trip guard runs.
		{name: "round-trip class name", doc: kpDoc(func(s string) string {
			return strings.Replace(s, "</md:IDPSSODescriptor>", "</md:IDPSSODescriptor><x::Extensions/>", 1)
		}), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "not well-formed XML at line 8"},
		{name: "crossed end tags", doc: raw(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor><md:KeyDescriptor></md:IDPSSODescriptor></md:KeyDescriptor></md:EntityDescriptor>`), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "end tag </md:IDPSSODescriptor> does not match"},
		{name: "duplicate attribute", doc: raw(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="jumpcloud-acmecorp" entityID="evil"/>`), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "has the attribute entityID twice"},
		{name: "pem file", doc: raw(pemText), id: samlcheck.IDXMLParse, sev: samlcheck.SeverityFail, say: "PEM file"},

		{name: "aggregate with one idp", doc: func(t *testing.T) []byte {
			return samltest.Entities(samltest.SPMetadata("https://app.avoma.com", "https://prod-api.avoma.com/saml2/acs"), samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{}))
		}, id: samlcheck.IDMetadataRoot, sev: samlcheck.SeverityWarn, say: `only identity provider, "jumpcloud-acmecorp", is checked`},
		{name: "aggregate with two idps", doc: func(t *testing.T) []byte {
			kp := jumpCloudPair(t)
			return samltest.Entities(samltest.Metadata(kp, samltest.MetadataOptions{EntityID: "jumpcloud-a"}), samltest.Metadata(kp, samltest.MetadataOptions{EntityID: "jumpcloud-b"}))
		}, id: samlcheck.IDMetadataRoot, sev: samlcheck.SeverityFail, say: `2 identity providers: "jumpcloud-a", "jumpcloud-b"`},
		{name: "aggregate of sps", doc: func(*testing.T) []byte {
			return samltest.Entities(samltest.SPMetadata("https://a.example", "https://a.example/acs"))
		}, id: samlcheck.IDMetadataRoot, sev: samlcheck.SeverityFail, say: "none of them an identity provider"},
		{name: "wrong root", doc: raw(`<EntityDescriptor entityID="x"/>`), id: samlcheck.IDMetadataRoot, sev: samlcheck.SeverityFail, say: "got <EntityDescriptor> in no namespace"},
		{name: "sp metadata", doc: raw(string(samltest.SPMetadata("https://app.avoma.com", "https://prod-api.avoma.com/saml2/acs"))), id: samlcheck.IDMetadataIdP, sev: samlcheck.SeverityFail, say: "service provider's own metadata"},
		{name: "saml1 idp", doc: kpDoc(func(s string) string {
			return strings.Replace(s, "urn:oasis:names:tc:SAML:2.0:protocol", "urn:oasis:names:tc:SAML:1.1:protocol", 1)
		}), id: samlcheck.IDMetadataIdP, sev: samlcheck.SeverityFail, say: "does not list SAML 2.0"},
		{name: "validUntil past", doc: md(samltest.MetadataOptions{ValidUntil: "2026-05-01T00:00:00Z"}), id: samlcheck.IDMetadataExpired, sev: samlcheck.SeverityFail, say: "expected validUntil after 2026-06-01T12:00:00Z, got 2026-05-01T00:00:00Z"},
		{name: "validUntil garbage", doc: md(samltest.MetadataOptions{ValidUntil: "next year"}), id: samlcheck.IDMetadataExpired, sev: samlcheck.SeverityFail, say: "is not a date"},
		{name: "signed then changed", doc: func(t *testing.T) []byte {
			s := string(samltest.SignedMetadata(t, jumpCloudPair(t), samltest.MetadataOptions{}, samltest.SignOptions{}))
			return []byte(strings.Replace(s, "saml2/acmecorp", "saml2/evilcorp", -1))
		}, id: samlcheck.IDMetadataSignature, sev: samlcheck.SeverityFail, say: "changed after it was signed"},
		{name: "signed by another key", doc: func(t *testing.T) []byte {
			other := samltest.NewKeyPair(t, 1, samltest.CertOptions{Bits: 2048})
			return samltest.SignedMetadata(t, other, samltest.MetadataOptions{}, samltest.SignOptions{KeyInfoCert: jumpCloudPair(t).Cert})
		}, id: samlcheck.IDMetadataSignature, sev: samlcheck.SeverityFail, say: "another key"},
		{name: "unsigned", doc: md(samltest.MetadataOptions{}), id: samlcheck.IDMetadataSignature, sev: samlcheck.SeverityInfo, say: "not signed"},
		{name: "no entityID", doc: md(samltest.MetadataOptions{NoEntityID: true}), id: samlcheck.IDEntityIDMissing, sev: samlcheck.SeverityFail, say: "expected an entityID"},
		{name: "blank entityID", doc: md(samltest.MetadataOptions{EntityID: "   "}), id: samlcheck.IDEntityIDMissing, sev: samlcheck.SeverityFail, say: "empty"},
		{name: "placeholder", doc: md(samltest.MetadataOptions{EntityID: "IdP Entity ID"}), id: samlcheck.IDEntityIDPlaceholder, sev: samlcheck.SeverityFail, say: "save the application in JumpCloud and export fresh metadata"},
		{name: "placeholder any case", doc: md(samltest.MetadataOptions{EntityID: "  idp entity id "}), id: samlcheck.IDEntityIDPlaceholder, sev: samlcheck.SeverityFail, say: "not saved before the metadata was exported"},
		{name: "same as sp", doc: md(samltest.MetadataOptions{EntityID: "https://app.avoma.com"}), opts: func(o *Options) { o.IdPEntityID = "" }, id: samlcheck.IDEntityIDSameAsSP, sev: samlcheck.SeverityFail, say: `"https://app.avoma.com" is the same as the service provider's`},
		{name: "mismatch", doc: md(samltest.MetadataOptions{EntityID: "jumpcloud-acme"}), id: samlcheck.IDEntityIDMismatch, sev: samlcheck.SeverityFail, say: `expected the entityID "jumpcloud-acmecorp", got "jumpcloud-acme"`},
		{name: "mismatch by case", doc: md(samltest.MetadataOptions{EntityID: "JumpCloud-AcmeCorp"}), id: samlcheck.IDEntityIDMismatch, sev: samlcheck.SeverityFail, say: "only in letter case"},
		{name: "no sso", doc: md(samltest.MetadataOptions{NoSSO: true}), id: samlcheck.IDSSOMissing, sev: samlcheck.SeverityFail, say: "got none"},
		{name: "soap only", doc: md(samltest.MetadataOptions{NoSSO: true, ExtraSSO: []samltest.SSOService{{Binding: "urn:oasis:names:tc:SAML:2.0:bindings:SOAP", Location: "https://sso.jumpcloud.com/saml2/acmecorp"}}}), id: samlcheck.IDSSOMissing, sev: samlcheck.SeverityFail, say: "got only urn:oasis:names:tc:SAML:2.0:bindings:SOAP"},
		{name: "http sso", doc: md(samltest.MetadataOptions{SSOURL: "http://sso.jumpcloud.com/saml2/acmecorp"}), id: samlcheck.IDSSOURL, sev: samlcheck.SeverityFail, say: "plain http"},
		{name: "javascript sso", doc: md(samltest.MetadataOptions{ExtraSSO: []samltest.SSOService{{Binding: samltest.BindingPOST, Location: "javascript:alert(1)"}}}), id: samlcheck.IDSSOURL, sev: samlcheck.SeverityFail, say: "javascript: scheme"},
		{name: "relative sso", doc: md(samltest.MetadataOptions{SSOURL: "/saml2/acmecorp"}), id: samlcheck.IDSSOURL, sev: samlcheck.SeverityFail, say: "relative URL"},
		{name: "not jumpcloud", doc: md(samltest.MetadataOptions{SSOURL: "https://idp.example.com/sso"}), id: samlcheck.IDSSONotJumpCloud, sev: samlcheck.SeverityWarn, say: `got "https://idp.example.com/sso"`},
		{name: "post only", doc: md(samltest.MetadataOptions{PostOnly: true}), id: samlcheck.IDSSONoRedirect, sev: samlcheck.SeverityWarn, say: "Declare Redirect Endpoint"},
		{name: "another app's export", doc: md(samltest.MetadataOptions{SSOURL: "https://sso.jumpcloud.com/saml2/vome-test"}), id: samlcheck.IDSSOAppName, sev: samlcheck.SeverityWarn, say: `names the JumpCloud application "vome-test", expected "acmecorp"`},
		{name: "app name given as its URL", doc: md(samltest.MetadataOptions{}), opts: func(o *Options) { o.AppName = "https://sso.jumpcloud.com/saml2/avoma" }, id: samlcheck.IDSSOAppName, sev: samlcheck.SeverityWarn, say: `expected "avoma"`},
		{name: "app name in another case", doc: md(samltest.MetadataOptions{}), opts: func(o *Options) { o.AppName = "AcmeCorp" }, id: samlcheck.IDSSOAppName, sev: samlcheck.SeverityPass, say: `"AcmeCorp", as expected`},
		{name: "app name, not a JumpCloud URL", doc: md(samltest.MetadataOptions{SSOURL: "https://idp.example.com/sso"}), id: samlcheck.IDSSOAppName, sev: samlcheck.SeverityInfo, say: "no sign-on URL has JumpCloud's form"},
		{name: "acs is sso", doc: md(samltest.MetadataOptions{}), opts: func(o *Options) { o.ACSURL = "https://sso.jumpcloud.com/saml2/acmecorp" }, id: samlcheck.IDACSURL, sev: samlcheck.SeverityFail, say: "IdP's own sign-on URL"},
		{name: "acs http", doc: md(samltest.MetadataOptions{}), opts: func(o *Options) { o.ACSURL = "http://prod-api.avoma.com/saml2/acs" }, id: samlcheck.IDACSURL, sev: samlcheck.SeverityFail, say: "plain http"},
		{name: "no key descriptor", doc: md(samltest.MetadataOptions{NoKeyDescriptor: true}), id: samlcheck.IDCertMissing, sev: samlcheck.SeverityFail, say: "found none"},
		{name: "encryption key only", doc: md(samltest.MetadataOptions{KeyUse: "encryption"}), id: samlcheck.IDCertMissing, sev: samlcheck.SeverityFail, say: "only encryption keys"},
		{name: "cert not base64", doc: md(samltest.MetadataOptions{CertBase64: strp("not*base64")}), id: samlcheck.IDCertInvalid, sev: samlcheck.SeverityFail, say: "not valid base64"},
		{name: "cert pem pasted", doc: md(samltest.MetadataOptions{CertBase64: strp(pemText)}), id: samlcheck.IDCertInvalid, sev: samlcheck.SeverityFail, say: "is PEM text"},
		{name: "cert pem twice", doc: md(samltest.MetadataOptions{CertBase64: strp(base64.StdEncoding.EncodeToString([]byte(pemText)))}), id: samlcheck.IDCertInvalid, sev: samlcheck.SeverityFail, say: "a second time"},
		{name: "cert not x509", doc: md(samltest.MetadataOptions{CertBase64: strp(base64.StdEncoding.EncodeToString([]byte("hello world")))}), id: samlcheck.IDCertInvalid, sev: samlcheck.SeverityFail, say: "not an X.509 certificate"},
		{name: "cert expired", doc: mdCert(samltest.CertOptions{NotBefore: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}, samltest.MetadataOptions{}), id: samlcheck.IDCertExpired, sev: samlcheck.SeverityFail, say: "expired on 2026-01-01T00:00:00Z"},
		{name: "cert not yet valid", doc: mdCert(samltest.CertOptions{NotBefore: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}, samltest.MetadataOptions{}), id: samlcheck.IDCertExpired, sev: samlcheck.SeverityFail, say: "not valid yet"},
		{name: "cert expiring", doc: mdCert(samltest.CertOptions{NotBefore: time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)}, samltest.MetadataOptions{}), id: samlcheck.IDCertExpiring, sev: samlcheck.SeverityWarn, say: "in 29 days; expected more than 60 days left"},
		{name: "cert expiring with warn-days", doc: mdCert(samltest.CertOptions{NotBefore: time.Date(2021, 8, 15, 0, 0, 0, 0, time.UTC)}, samltest.MetadataOptions{}), opts: func(o *Options) { o.WarnDays = 90 }, id: samlcheck.IDCertExpiring, sev: samlcheck.SeverityWarn, say: "expected more than 90 days left"},
		{name: "rsa 1024", doc: mdCert(samltest.CertOptions{Bits: 1024}, samltest.MetadataOptions{}), id: samlcheck.IDCertWeak, sev: samlcheck.SeverityFail, say: "RSA key of 1024 bits"},
		{name: "sha1 cert", doc: mdCert(samltest.CertOptions{Bits: 2048, SigAlg: x509.SHA1WithRSA}, samltest.MetadataOptions{}), id: samlcheck.IDCertWeak, sev: samlcheck.SeverityWarn, say: "signed with SHA1-RSA"},
		{name: "transient only", doc: md(samltest.MetadataOptions{NameIDFormats: []string{"urn:oasis:names:tc:SAML:2.0:nameid-format:transient"}}), id: samlcheck.IDNameIDFormat, sev: samlcheck.SeverityWarn, say: "got urn:oasis:names:tc:SAML:2.0:nameid-format:transient"},
		{name: "no formats", doc: md(samltest.MetadataOptions{NameIDFormats: []string{}}), id: samlcheck.IDNameIDFormat, sev: samlcheck.SeverityInfo, say: "advertises no NameIDFormat"},
		{name: "formats not by email", doc: md(samltest.MetadataOptions{NameIDFormats: []string{"urn:oasis:names:tc:SAML:2.0:nameid-format:transient"}}), opts: func(o *Options) { o.NameIDNotEmail = true }, id: samlcheck.IDNameIDFormat, sev: samlcheck.SeverityInfo, say: "not checked"},
		{name: "signed requests", doc: md(samltest.MetadataOptions{WantAuthnRequestsSigned: true}), id: samlcheck.IDAuthnSignedRequests, sev: samlcheck.SeverityWarn, say: "must sign them"},
	}
	// Every id of the table has at least one failing (or warning) case here.
	covered := map[string]bool{}
	for _, tc := range cases {
		if tc.sev == samlcheck.SeverityFail || tc.sev == samlcheck.SeverityWarn {
			covered[tc.id] = true
		}
	}
	for _, def := range samlcheck.MetadataTable().Checks() {
		if !covered[def.ID] {
			t.Errorf("%s has no failing case in this test", def.ID)
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := goodOpts()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			r := Check(tc.doc(t), opts)
			var got *samlcheck.Finding
			for i, f := range r.Findings {
				if f.ID == tc.id && f.Severity == tc.sev {
					got = &r.Findings[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("no %s %s; findings:\n%s", tc.sev, tc.id, dump(r.Findings))
			}
			if fix, ok := strings.CutPrefix(tc.say, "fix:"); ok {
				for _, part := range strings.Split(fix, "|") {
					if !strings.Contains(got.Fix, part) {
						t.Errorf("fix %q does not say %q", got.Fix, part)
					}
				}
			} else if !strings.Contains(got.Message, tc.say) {
				t.Errorf("message %q does not say %q", got.Message, tc.say)
			}
			if (tc.sev == samlcheck.SeverityFail || tc.sev == samlcheck.SeverityWarn) && got.Fix == "" {
				t.Errorf("%s %s has no fix", tc.sev, tc.id)
			}
			if r.OK == (tc.sev == samlcheck.SeverityFail) {
				t.Errorf("ok = %t with a %s finding", r.OK, tc.sev)
			}
		})
	}
}

// TestSignedMetadataVerifies: metadata signed with its own signing key
// passes, with SHA-256 and SHA-1 signatures alike, at the given clock; the
// same document at a clock after the certificate expired fails.
func TestSignedMetadataVerifies(t *testing.T) {
	kp := jumpCloudPair(t)
	for _, sha1 := range []bool{false, true} {
		doc := samltest.SignedMetadata(t, kp, samltest.MetadataOptions{}, samltest.SignOptions{SHA1: sha1})
		r := Check(doc, goodOpts())
		fs := r.Findings.ByID(samlcheck.IDMetadataSignature)
		if len(fs) != 1 || fs[0].Severity != samlcheck.SeverityPass || !strings.Contains(fs[0].Message, "also a KeyDescriptor certificate") {
			t.Errorf("sha1=%t: metadata.signature = %+v, want pass", sha1, fs)
		}
		if !r.OK {
			t.Errorf("sha1=%t: ok = false:\n%s", sha1, dump(r.Findings))
		}
	}
	late := goodOpts()
	late.Now = samltest.DefaultNotBefore.AddDate(6, 0, 0)
	r := Check(samltest.SignedMetadata(t, kp, samltest.MetadataOptions{}, samltest.SignOptions{}), late)
	if fs := r.Findings.ByID(samlcheck.IDMetadataSignature); len(fs) != 1 || fs[0].Severity != samlcheck.SeverityFail || !strings.Contains(fs[0].Message, "not valid at") {
		t.Errorf("after expiry: metadata.signature = %+v, want fail naming the certificate dates", fs)
	}
}

// TestLoopbackHTTPAllowed: http sign-on URLs are accepted for a local test
// IdP on a loopback host, never elsewhere.
func TestLoopbackHTTPAllowed(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1:8080/sso", "http://127.8.9.10/sso", "http://[::1]:9000/sso", "http://localhost:8080/saml2/x"} {
		r := Check(samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{SSOURL: u}), goodOpts())
		if fs := r.Findings.ByID(samlcheck.IDSSOURL); len(fs) != 1 || fs[0].Severity != samlcheck.SeverityPass {
			t.Errorf("%s: sso.url = %+v, want pass", u, fs)
		}
	}
}

// TestReportJSONShape: the JSON object has the keys the issue names, lists
// are never null, and ok follows the findings.
func TestReportJSONShape(t *testing.T) {
	for _, doc := range [][]byte{[]byte("not xml"), samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{})} {
		r := Check(doc, goodOpts())
		r.Source = "x.xml"
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		idp, _ := m["idp"].(map[string]any)
		for _, k := range []string{"sso", "nameid_formats", "certificates"} {
			if _, ok := idp[k].([]any); !ok {
				t.Errorf("idp.%s = %v, want a list", k, idp[k])
			}
		}
		for _, k := range []string{"source", "ok", "idp", "findings"} {
			if _, ok := m[k]; !ok {
				t.Errorf("no %q key in %s", k, b)
			}
		}
		if m["ok"] != r.Findings.OK() {
			t.Errorf("ok = %v, findings say %t", m["ok"], r.Findings.OK())
		}
	}
}

func dump(fs samlcheck.Findings) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + string(f.Severity) + " " + f.ID + ": " + f.Message + "\n")
	}
	return b.String()
}

// TestInnerSignatureNotChecked: a Signature inside a role descriptor does
// not protect the document; it is reported as info, never as pass.
func TestInnerSignatureNotChecked(t *testing.T) {
	doc := string(samltest.Metadata(jumpCloudPair(t), samltest.MetadataOptions{}))
	doc = strings.Replace(doc, "<md:NameIDFormat>", `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature><md:NameIDFormat>`, 1)
	r := Check([]byte(doc), goodOpts())
	if fs := r.Findings.ByID(samlcheck.IDMetadataSignature); len(fs) != 1 || fs[0].Severity != samlcheck.SeverityInfo || !strings.Contains(fs[0].Message, "inside <md:IDPSSODescriptor> is not checked") {
		t.Errorf("metadata.signature = %+v", fs)
	}
}
