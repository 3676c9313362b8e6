package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// answerFlag names the flag behind an answer, so a missing or wrong
// answer under --yes tells the admin exactly what to pass.
func answerFlag(field string) string {
	switch field {
	case ssoconfig.FieldOrg:
		return "--org"
	case ssoconfig.FieldSPEntityID:
		return "--sp-entity-id"
	case ssoconfig.FieldACSURLs:
		return "--acs-url"
	case ssoconfig.FieldIdPEntityID:
		return "--idp-entity-id"
	case ssoconfig.FieldMetadataURL:
		return "--metadata-url"
	case ssoconfig.FieldUsersNotified:
		return "--users-notified"
	case ssoconfig.FieldExcludedAdmins:
		return "--exclude-admin"
	}
	return field
}

// runHeadless is `jcsso setup --yes`: the wizard's steps without the UI.
// It writes nothing unless every answer is there and every failed check
// was overridden.
func runHeadless(cmd *cobra.Command, f *setupFlags, now time.Time) error {
	if f.profile == "" {
		return usageError("--profile is required with --yes: one of %s, or a profile file (see jcsso profiles)", strings.Join(profile.BuiltinIDs(), ", "))
	}
	p, err := profile.Resolve(f.profile)
	if err != nil {
		return inputError(err)
	}
	a := f.answers(p)
	if err := checkHeadlessAnswers(p, a, f); err != nil {
		return err
	}

	data, err := loadMetadata(cmd, newFetcher(f.timeout), f.metadata, "--metadata ")
	if err != nil {
		return err
	}
	rep := metadata.CheckContext(cmd.Context(), data, ssoconfig.MetadataOptions(p, a, now))
	if err := interrupted(cmd); err != nil {
		return err
	}
	if rep.Source == "" {
		rep.Source = samlcheck.RedactURL(f.metadata)
	}

	out := colorWriter(cmd.OutOrStdout())
	spEntityID, acsURLs := ssoconfig.SPValues(p, a)
	renderSummary(out, "Checking JumpCloud's metadata for "+p.Name, []summaryRow{
		{"metadata", samlcheck.RedactURL(f.metadata)},
		{"IdP Entity ID", a.IdPEntityID},
		{"SP Entity ID", spEntityID},
		{"ACS URL", strings.Join(acsURLs, ", ")},
	})
	fmt.Fprintln(out)
	renderFindings(out, rep.Findings)

	unresolved, overridden, unused := ssoconfig.SplitFailures(rep.Findings, f.overrides)
	for _, id := range unused {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: --override %s matches no failed check; ignored\n", samlcheck.Printable(id))
	}
	if len(overridden) > 0 {
		fmt.Fprintf(out, "\nContinuing past %s (--override); this is recorded in the configuration.\n", strings.Join(overridden, ", "))
	}
	if len(unresolved) > 0 {
		fmt.Fprintf(out, "\nNothing was written. Fix the failures above (each says where), export the metadata again and re-run;\nor, to continue past one on purpose, add --override %s.\n", strings.Join(unresolved, " --override "))
		return errChecksFailed
	}

	written, err := ssoconfig.WriteSetup(cmd.Context(), p, a, data, rep, now, ssoconfig.WriteOptions{Format: f.format, Force: f.force})
	if written != nil {
		for _, n := range written.Notes {
			fmt.Fprintf(cmd.ErrOrStderr(), "note: %s\n", samlcheck.Printable(n))
		}
	}
	if errors.Is(err, ssoconfig.ErrFolderExists) {
		return usageError("%s already exists and holds files; pass --force to replace them (each old file is kept beside it as FILE.bak), or choose another --out", a.Folder())
	}
	if err != nil {
		return inputError(err)
	}
	printWritten(out, written, p)
	return nil
}

// checkHeadlessAnswers refuses missing or wrong answers before anything is
// read, naming the flag to pass for each.
func checkHeadlessAnswers(p *profile.Profile, a ssoconfig.Answers, f *setupFlags) error {
	var lines []string
	if f.metadata == "" {
		lines = append(lines, "--metadata: JumpCloud's metadata is needed: the file from Export Metadata on the app's SSO tab, its URL (Copy Metadata URL), or - for standard input.")
	}
	for _, pr := range ssoconfig.CheckAnswers(p, a) {
		msg := pr.Message
		if pr.Field == ssoconfig.FieldUsersNotified {
			msg = fmt.Sprintf("%s ends every signed-in session when SSO goes live and SSO becomes the only way in; pass --users-notified to confirm your users know.", p.Name)
		}
		if pr.Field == ssoconfig.FieldMetadataURL && a.MetadataURL == "" {
			msg += " Pass it with --metadata-url (or give the URL itself as --metadata)."
		}
		lines = append(lines, answerFlag(pr.Field)+": "+msg)
	}
	if f.enforceSSO && p.Rollout.Mode != profile.RolloutOptional {
		lines = append(lines, fmt.Sprintf("--enforce-sso: %s has no enforcement switch; SSO becomes the only way in when it goes live.", p.Name))
	}
	if len(lines) == 0 {
		return nil
	}
	return usageError("%s", strings.Join(lines, "\n"))
}
