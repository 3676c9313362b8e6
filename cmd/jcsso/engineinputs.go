package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/samlcheck"
)

// inputFlags are the flags that give each of the engine's inputs, on the
// commands that have them.
var inputFlags = []struct {
	in    samlcheck.Input
	flags []string
}{
	{samlcheck.InputSPEntityID, []string{"sp-entity-id"}},
	{samlcheck.InputACSURL, []string{"acs-url"}},
	{samlcheck.InputIdPEntityID, []string{"idp-entity-id"}},
	{samlcheck.InputAppName, []string{"app-name"}},
	{samlcheck.InputMetadata, []string{"metadata"}},
	{samlcheck.InputCert, []string{"cert"}},
	{samlcheck.InputRequestID, []string{"request-id"}},
	{samlcheck.InputAdmins, []string{"admin", "admins"}},
	{samlcheck.InputNow, []string{"now"}},
	{samlcheck.InputRequireSigning, []string{"require-signing"}},
}

// engineInputs says, for the engine's messages, how a user of cmd gives
// each input: by cmd's own flags only, so that a finding never tells a
// user to give a flag the command in front of them does not have.
func engineInputs(cmd *cobra.Command) samlcheck.Inputs {
	out := samlcheck.Inputs{}
	for _, f := range inputFlags {
		var have []string
		for _, name := range f.flags {
			if cmd.Flags().Lookup(name) != nil {
				have = append(have, "--"+name)
			}
		}
		if len(have) > 0 {
			out[f.in] = strings.Join(have, " or ")
		}
	}
	return out
}
