package main

import "github.com/spf13/cobra"

// newProfilesCmd is a placeholder until the command is built.
func newProfilesCmd() *cobra.Command {
	return &cobra.Command{Use: "profiles", Short: "(not built yet)"}
}
