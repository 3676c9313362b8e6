package main

import "github.com/spf13/cobra"

// newInspectCmd is a placeholder until the command is built.
func newInspectCmd() *cobra.Command {
	return &cobra.Command{Use: "inspect", Short: "(not built yet)"}
}
