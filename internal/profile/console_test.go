package profile

import "testing"

func TestConsoleWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{NameIDLabel(NameIDEmail), "Email"}, {NameIDLabel(""), "Email"}, {NameIDLabel("username"), "username"},
		{SignatureAlgorithmLabel(SigRSASHA256), "RSA-SHA256"}, {SignatureAlgorithmLabel(SigRSASHA1), "RSA-SHA1"},
		{SignLabel(SignAssertionAndResponse), "Assertion and Response"}, {SignLabel(SignAssertion), "Assertion"}, {SignLabel(SignResponse), "Response"},
		{TickLabel(true), "ticked"}, {TickLabel(false), "not ticked"},
		{DefaultIdPURL("Avoma"), "https://sso.jumpcloud.com/saml2/avoma"},
		{DefaultIdPURL("Acme.io CRM"), "https://sso.jumpcloud.com/saml2/acme-io-crm"},
		{DefaultIdPURL("…"), "https://sso.jumpcloud.com/saml2/app"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
