package main

import (
	"strings"
	"testing"
)

// setup --yes refuses one admin excluded twice in two cases, as the
// wizard's step 7 does: Vome ignores case in e-mail addresses (item 23).
func TestSetupRefusesTheSameAdminTwice(t *testing.T) {
	md := metadataFile(t, "jumpcloud-acmecorp")
	code, _, errOut := runCmd(t, "", "setup", "--yes", "--profile", "vome", "--org", "acmecorp",
		"--sp-entity-id", "https://vome.test/sp/acme", "--acs-url", "https://vome.test/sp/acme/acs",
		"--idp-entity-id", "jumpcloud-acmecorp", "--metadata", md, "--out", t.TempDir()+"/out", "--now", testNow,
		"--enforce-sso", "--exclude-admin", "Owner@AcmeCorp.org", "--exclude-admin", "owner@acmecorp.org")
	if code != exitUsage || !strings.Contains(errOut, `--exclude-admin: "Owner@AcmeCorp.org" and "owner@acmecorp.org" are the same admin for Vome`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
