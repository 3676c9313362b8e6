package main

import "github.com/spf13/cobra"

// newCheckCmd is a placeholder until the command is built.
func newCheckCmd() *cobra.Command {
	return &cobra.Command{Use: "check", Short: "(not built yet)"}
}
