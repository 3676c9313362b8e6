package response_test

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// TestStaleCertificateAsData: the stale case of signature.invalid is also
// data on the report, both fingerprints, so troubleshooting can reason
// about it without reading the message; a genuine, a tampered and an
// unsigned response carry none.
func TestStaleCertificateAsData(t *testing.T) {
	oldKP, newKP := samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.NewKeyPair(t, 1, samltest.CertOptions{})
	r := response.Inspect(signedBoth(t, newKP, samltest.ResponseOptions{}), jumpCloudOptions(oldKP))
	sc := r.StaleCertificate
	if sc == nil || sc.Signer != samlcheck.FingerprintSHA256(newKP.Cert) || len(sc.Trusted) != 1 || sc.Trusted[0] != samlcheck.FingerprintSHA256(oldKP.Cert) {
		t.Fatalf("stale certificate %+v", sc)
	}
	for name, r := range map[string]*response.Report{
		"genuine":  response.Inspect(signedBoth(t, oldKP, samltest.ResponseOptions{}), jumpCloudOptions(oldKP)),
		"unsigned": response.Inspect(samltest.ResponseXML(t, samltest.ResponseOptions{}), jumpCloudOptions(oldKP)),
		"tampered": response.Inspect(bytes.Replace(signedBoth(t, oldKP, samltest.ResponseOptions{}), []byte(samltest.DefaultEmail), []byte("mallory@acmecorp.com"), -1), jumpCloudOptions(oldKP)),
	} {
		if r.StaleCertificate != nil {
			t.Errorf("%s: stale certificate %+v", name, r.StaleCertificate)
		}
	}
}

// TestCaptureValue: a capture's SAMLResponse as sent, by number (0 the
// last), and nothing for a number that names none.
func TestCaptureValue(t *testing.T) {
	first, second := []byte("<first/>"), []byte("<second/>")
	har := testHAR(
		harPost{time: "2025-06-02T10:00:00.000Z", url: samltest.DefaultACSURL, fields: [][2]string{{"SAMLResponse", base64.StdEncoding.EncodeToString(first)}}},
		harPost{time: "2025-06-02T10:00:01.000Z", url: samltest.DefaultACSURL, fields: [][2]string{{"SAMLResponse", base64.StdEncoding.EncodeToString(second)}}},
	)
	c, err := response.ParseCapture(har)
	if err != nil {
		t.Fatal(err)
	}
	for pick, want := range map[int][]byte{0: second, 1: first, 2: second} {
		v, ok := c.Value(pick)
		xml, _, err := response.Decode(v)
		if !ok || err != nil || !bytes.Equal(xml, want) {
			t.Errorf("Value(%d) = %q, %v (%v)", pick, v, ok, err)
		}
	}
	if _, ok := c.Value(3); ok {
		t.Error("Value(3) found a third response")
	}
}
