package main

import (
	"github.com/spf13/cobra"
)

// newRootCmd is the whole command tree; execute runs it on a command line.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "jcsso",
		Short: "Get JumpCloud SAML single sign-on working with a SaaS app, first try",
		Long: `jcsso connects an organisation's JumpCloud to a SaaS app (the service provider)
over SAML, and explains exactly why a login fails when it does.

Run it without a command to open the setup wizard.`,
		Example: `  jcsso                                  # the setup wizard
  jcsso check JumpCloud-avoma-metadata.xml --idp-entity-id jumpcloud-acmecorp
  jcsso inspect saml-response.txt --metadata idp-metadata.xml \
      --sp-entity-id https://app.avoma.com --acs-url https://prod-api.avoma.com/saml2/acs`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Paths in flags are read as the wizard reads typed ones (~, quotes, file://).
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return cleanPathFlags(cmd) },
	}
	setup := newSetupCmd()
	// `jcsso` alone is `jcsso setup`: share its flags and run.
	root.Flags().AddFlagSet(setup.Flags())
	root.RunE = setup.RunE
	root.Args = noArgsButCommands
	root.AddCommand(setup, newCheckCmd(), newInspectCmd(), newProfilesCmd())
	root.AddCommand(newIdPCmd(), newManCmd())
	root.AddCommand(newTroubleshootCmd())
	root.AddCommand(newDoctorCmd())
	root.AddCommand(newTestLoginCmd(), newDemoCmd())
	registerCompletions(root)
	addHelp(root)
	root.SetFlagErrorFunc(flagUsageError)
	return root
}
