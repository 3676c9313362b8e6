package samlcheck

import (
	"regexp"
	"strings"
	"testing"
)

// TestCatalogNamesNoFlag: a table's fix is the same for every caller (jcsso
// check, troubleshooting, the wizard), so it names no flag, which only
// some callers have ("on the command line, give that name with
// --app-name" read wrong in the wizard), unless inside a command line to
// run ("jcsso check --config …"). A check adds a flag to its own fix
// through Inputs, where the caller takes it.
func TestCatalogNamesNoFlag(t *testing.T) {
	flag := regexp.MustCompile(`--[a-z]`)
	for name, table := range map[string]Table{"metadata": MetadataTable(), "response": ResponseTable(), "drift": DriftTable()} {
		for _, c := range table.Checks() {
			for _, loc := range flag.FindAllStringIndex(c.Fix, -1) {
				before := c.Fix[:loc[0]]
				if i := strings.LastIndexAny(before, ".:;"); i >= 0 {
					before = before[i:]
				}
				if !strings.Contains(before, "jcsso ") {
					t.Errorf("%s %s: the fix names a flag outside a command line: %q", name, c.ID, c.Fix)
				}
			}
		}
	}
}

// TestInputsNotGiven: a "not checked" message names how to give what is
// missing only where the caller takes it, and joins alternatives.
func TestInputsNotGiven(t *testing.T) {
	ins := Inputs{InputIdPEntityID: "--idp-entity-id", InputMetadata: "--metadata"}
	for _, tc := range []struct {
		ins  Inputs
		in   []Input
		want string
	}{
		{ins, []Input{InputIdPEntityID, InputMetadata}, "not checked: the IdP entity ID was not given (--idp-entity-id or --metadata)"},
		{ins, []Input{InputCert}, "not checked: the IdP entity ID was not given"},
		{nil, []Input{InputIdPEntityID}, "not checked: the IdP entity ID was not given"},
	} {
		if got := tc.ins.NotGiven("the IdP entity ID", tc.in...); got != tc.want {
			t.Errorf("%v %v: %q, want %q", tc.ins, tc.in, got, tc.want)
		}
	}
}
