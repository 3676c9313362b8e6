package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
)

// newProfilesCmd lists the built-in service-provider profiles and shows one
// as YAML, so a vendor can start their own profile from it.
func newProfilesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "List the built-in service-provider profiles",
		Long: `A profile describes one service provider (the app being connected): its SAML
values or the fact that it makes them per organisation, who signs in through
SSO, how JumpCloud's metadata reaches it, and how SSO goes live.

Pass a built-in id to jcsso setup --profile, or the path of your own profile
file. "jcsso profiles show ID" prints a profile as YAML to start from; "jcsso
profiles show FILE" checks a profile file and prints it, or says which line
is wrong.`,
		Example: `  jcsso profiles
  jcsso profiles show avoma > acme-crm.yaml   # start a vendor profile
  jcsso profiles show ./acme-crm.yaml         # check it`,
		Args: noArgsButCommands,
		RunE: func(cmd *cobra.Command, _ []string) error {
			listProfiles(cmd.OutOrStdout())
			return nil
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show ID|FILE",
		Short: "Print a profile as YAML (a built-in one, or a file after checking it)",
		Args:  oneInput("ID|FILE", "a built-in profile ("+strings.Join(profile.BuiltinIDs(), ", ")+") or the path of a profile file", "jcsso profiles show avoma", false),
		RunE: func(cmd *cobra.Command, args []string) error {
			idOrFile, err := typedPath(args[0])
			if err != nil {
				return plainErrors(cmd, err)
			}
			return plainErrors(cmd, showProfile(cmd.OutOrStdout(), cmd.ErrOrStderr(), idOrFile))
		},
	})
	return cmd
}

func listProfiles(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tWHO USES SSO\tSP VALUES\tHANDOFF\tDESCRIPTION")
	for _, p := range profile.Builtins() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, scopeText(p), spValuesText(p), handoffText(p), p.Description)
	}
	tw.Flush() //nolint:errcheck // a closed stdout has nowhere to report to.
	fmt.Fprintln(w, "\nUse one with: jcsso setup --profile ID (or --profile FILE for your own; see jcsso profiles show ID).")
}

func scopeText(p *profile.Profile) string {
	if p.Access.Scope == profile.ScopeAdmins {
		return "admins only"
	}
	return "all users"
}

func spValuesText(p *profile.Profile) string {
	if p.ServiceProvider.Generated {
		return "typed in"
	}
	return "fixed"
}

func handoffText(p *profile.Profile) string {
	if p.Handoff.Method == profile.HandoffSupport {
		return "send to support"
	}
	return "upload metadata"
}

// showProfile prints a built-in profile's source (with its comments), or a
// profile file as it is once it passes the loader; a bad file is exit 2
// with FILE:LINE: reason.
func showProfile(w, errw io.Writer, idOrFile string) error {
	if data, ok := profile.BuiltinYAML(idOrFile); ok {
		_, err := w.Write(data)
		return err
	}
	if !strings.ContainsAny(idOrFile, `/\.`) {
		if _, err := profile.Resolve(idOrFile); err != nil {
			return usageError("%w", err)
		}
	}
	p, err := profile.Load(idOrFile)
	if err != nil {
		return inputError(err)
	}
	data, err := os.ReadFile(idOrFile) // Load has read and capped it already
	if err != nil {
		return inputError(err)
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	// On stderr, so redirecting the YAML to a file keeps it clean.
	fmt.Fprintf(errw, "ok: %s is a valid profile (id %s, %s)\n", idOrFile, p.ID, p.Name)
	return nil
}
