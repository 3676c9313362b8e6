package main

import "github.com/spf13/cobra"

// newSetupCmd is a placeholder until the command is built.
func newSetupCmd() *cobra.Command {
	return &cobra.Command{Use: "setup", Short: "(not built yet)"}
}
