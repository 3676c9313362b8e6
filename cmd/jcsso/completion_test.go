package main

import (
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// complete asks the completion cobra serves to every shell script for the
// last word of args, and returns the offered values (descriptions dropped)
// and the directive line.
func complete(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	_, out, _ := runCmd(t, "", append([]string{"__complete"}, args...)...)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var values []string
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		values = append(values, v)
	}
	return values, lines[len(lines)-1]
}

// The flags and arguments whose values jcsso knows complete to them
// (issue 10, item 19): profiles (files too), formats, signing
// requirements, faults, and the ids --override can name.
func TestCompletionValues(t *testing.T) {
	const noFiles, filesToo = ":4", ":0"
	placeholder := checkFixture(t, samltest.MetadataOptions{EntityID: "IdP Entity ID"})
	good := checkFixture(t, samltest.MetadataOptions{})
	for _, tc := range []struct {
		args      []string
		want      string // the values, space separated
		directive string
	}{
		{[]string{"--profile", ""}, "vome avoma generic", filesToo},
		{[]string{"setup", "--profile", "av"}, "avoma", filesToo},
		{[]string{"setup", "--profile", "./"}, "", filesToo}, // a vendor's file
		{[]string{"idp", "--profile", "g"}, "generic", filesToo},
		{[]string{"profiles", "show", ""}, "vome avoma generic", filesToo},
		{[]string{"profiles", "show", "avoma", ""}, "", noFiles},
		{[]string{"setup", "--format", ""}, "yaml json", noFiles},
		{[]string{"inspect", "r.txt", "--require-signing", ""}, "both assertion response either", noFiles},
		{[]string{"idp", "--sign", ""}, "assertion response both", noFiles},
		{[]string{"idp", "--fault", "sha1,clock"}, "sha1,clock-skew", noFiles},
		{[]string{"demo", "--fault", "rot"}, "rotated-cert", noFiles},
		{[]string{"demo", "--profile", "v"}, "vome", filesToo},
		{[]string{"test-login", "--binding", ""}, "auto redirect post", noFiles},
		{[]string{"test-login", "--profile", "a"}, "avoma", filesToo},
		// --override: the failures of the check this command line would
		// run on its --metadata file...
		{[]string{"setup", "--yes", "--profile", "avoma", "--idp-entity-id", "jumpcloud-acmecorp", "--metadata", placeholder, "--now", testNow, "--override", ""},
			"entityid.placeholder entityid.mismatch", noFiles},
		{[]string{"setup", "--metadata", good, "--now", testNow, "--override", ""}, "", noFiles},
		// ...else every metadata check, from the engine's table.
		{[]string{"setup", "--override", "cert."}, "cert.missing cert.invalid cert.expired cert.expiring cert.weak", noFiles},
		{[]string{"--metadata", "https://sso.jumpcloud.com/saml2/metadata/x", "--override", "sso.n"}, "sso.not-jumpcloud sso.no-redirect", noFiles},
	} {
		values, directive := complete(t, tc.args...)
		if got := strings.Join(values, " "); got != tc.want || directive != tc.directive {
			t.Errorf("jcsso %s<TAB>: %q %s, want %q %s", strings.Join(tc.args, " "), got, directive, tc.want, tc.directive)
		}
	}
}
