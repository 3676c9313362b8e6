package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCmd is `jcsso man`: the manual page, in roff, from the commands
// themselves. jcsso makes its own instead of fang's (hidden, and built from
// bare flag names) to list it among the commands, show each flag's value
// placeholder, and add the EXIT STATUS and ENVIRONMENT sections.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (read it with: jcsso man | man -l -)",
		Long: `Prints jcsso's manual page in roff, every command and flag with its exit
statuses and environment. Read it at once, or install it:

  jcsso man | man -l -
  jcsso man > ~/.local/share/man/man1/jcsso.1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := io.WriteString(cmd.OutOrStdout(), manPage(cmd.Root()))
			return err
		},
	}
}

// manPage builds the manual page of root and its commands.
func manPage(root *cobra.Command) string {
	page := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(unwrapLines(root.Long))
	addManCommand(&page.Root, root)
	page.WithSection("Exit Status", exitStatusText())
	page.WithSection("Environment", strings.Join([]string{
		"*NO_COLOR: any value turns colour off (so does TERM=dumb).",
		"*HTTPS_PROXY, NO_PROXY: the proxy a metadata URL is fetched through.",
		"*SSL_CERT_FILE, SSL_CERT_DIR: extra CA certificates to trust when fetching (the test IdP's, for one).",
		"*XDG_STATE_HOME: where the wizard keeps its session (default ~/.local/state/jcsso/session.json).",
	}, "\n"))
	return page.Build(roff.NewDocument())
}

// addManCommand adds c's flags and visible subcommands to m.
func addManCommand(m *mango.Command, c *cobra.Command) {
	c.InitDefaultHelpFlag()
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		_ = m.AddFlag(mango.Flag{Name: flagTitle(f), Short: f.Shorthand, Usage: f.Usage, PFlag: true})
	})
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		item := mango.NewCommand(sub.Name(), sub.Short, sub.Use)
		addManCommand(item, sub)
		_ = m.AddCommand(item)
	}
}

// unwrapLines joins the lines of each paragraph of a help text: roff
// starts a paragraph at every line break, and help texts break theirs at 80
// columns.
func unwrapLines(s string) string {
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n")
}

// exitStatusText is the man page's EXIT STATUS: one item per status.
func exitStatusText() string {
	var b strings.Builder
	for i, s := range exitStatuses {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "*%d: %s", s.code, s.meaning)
	}
	return b.String()
}
