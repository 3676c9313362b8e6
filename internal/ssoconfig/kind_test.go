package ssoconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file of the wrong kind given as the configuration is named as what it
// is, in one line, with what to give instead: never the YAML decoder's
// view of a Go struct (review item 4).
func TestReadNamesAWrongKindOfFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, data string
		want       string
	}{
		{"idp.xml", `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor/></md:EntityDescriptor>`, "this is IdP metadata"},
		{"sp.xml", `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><SPSSODescriptor/></EntityDescriptor>`, "a service provider's SAML metadata"},
		{"resp.xml", `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`, "a SAML response (XML)"},
		{"page.yaml", "<!DOCTYPE html><html><body>login</body></html>", "a web page (HTML)"},
		{"cert.yaml", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "a PEM file"},
		{"bin.yaml", "\x00\x01\x02binary", "a binary file"},
		{"profile.yaml", "id: acme\nservice_provider:\n  name: Acme\n", "this is a jcsso profile"},
		{"other.yaml", "name: x\nitems: [1, 2]\n", "a YAML file with no version key"},
		{"other.json", `{"name": "x"}`, "a JSON file with no version key"},
		{"text.yaml", "just some words\n", "it is not a mapping of keys"},
		{"list.yaml", "- a\n- b\n", "it is not a mapping of keys"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path)
			if err == nil {
				t.Fatal("read as a configuration")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "jcsso setup wrote") {
				t.Errorf("%q, want %q: %q …, giving what to use instead", msg, path, tc.want)
			}
			if strings.Contains(msg, "unmarshal") || strings.Contains(msg, "struct") || strings.Contains(msg, "\n") {
				t.Errorf("the decoder's words leaked: %q", msg)
			}
		})
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "nosuch.yaml"), "nosuch.yaml: no such file"},
		{dir, dir + " is a folder"},
	} {
		if _, err := Read(tc.path); err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "open ") {
			t.Errorf("Read(%s) = %v, want %q", tc.path, err, tc.want)
		}
	}
}
