package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/profile"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/ssoconfig"
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

	data, err := loadMetadata(cmd, f.metadata, "--metadata ", f.timeout)
	if err != nil {
		return err
	}
	rep := samlcheck.CheckMetadataContext(cmd.Context(), data, ssoconfig.MetadataOptions(p, a, now))
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

	unresolved, overridden, unused := sortFailures(rep.Findings, f.overrides)
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

	b, err := ssoconfig.Build(p, a, data, rep, now)
	if err != nil {
		return inputError(err)
	}
	dir := f.out
	if dir == "" {
		dir = "jcsso-" + profile.NormalizeOrg(f.org)
	}
	res, err := ssoconfig.WriteBundle(cmd.Context(), dir, b, ssoconfig.WriteOptions{Format: f.format, Force: f.force})
	for _, n := range res.Notes {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: %s\n", samlcheck.Printable(n))
	}
	if errors.Is(err, ssoconfig.ErrFolderExists) {
		return usageError("%s already exists and holds files; pass --force to replace them (each old file is kept beside it as FILE.bak), or choose another --out", dir)
	}
	if err != nil {
		return inputError(err)
	}
	printWritten(out, res.Dir, res.Paths, p, b.Config)
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

// sortFailures splits the failed checks into those not overridden and those
// overridden, and lists --override ids that match no failure.
func sortFailures(fs samlcheck.Findings, overrides []string) (unresolved, overridden, unused []string) {
	for _, fd := range fs {
		if fd.Severity != samlcheck.SeverityFail {
			continue
		}
		if slices.Contains(overrides, fd.ID) {
			if !slices.Contains(overridden, fd.ID) {
				overridden = append(overridden, fd.ID)
			}
		} else if !slices.Contains(unresolved, fd.ID) {
			unresolved = append(unresolved, fd.ID)
		}
	}
	for _, id := range overrides {
		if !slices.Contains(overridden, id) && !slices.Contains(unused, id) {
			unused = append(unused, id)
		}
	}
	return unresolved, overridden, unused
}

// printWritten lists the files and the NEXT-STEPS headings, with the
// values to hand over when the SP's support configures its side.
func printWritten(w io.Writer, dir string, paths []string, p *profile.Profile, c *ssoconfig.Config) {
	st := newReportStyles()
	fmt.Fprintf(w, "\n%s\n", st.title.Render(samlcheck.Printable("Wrote "+dir)))
	for _, path := range paths {
		fmt.Fprintf(w, "  %s\n", samlcheck.Printable(path))
	}
	fmt.Fprintf(w, "\n%s\n", st.title.Render("Next steps"))
	nextSteps := filepath.Join(dir, ssoconfig.NextStepsMD)
	for _, line := range strings.Split(string(ssoconfig.NextSteps(p, c)), "\n") {
		// The numbered headings are the steps ("## 1. Upload …").
		if title, ok := strings.CutPrefix(line, "## "); ok && title != "" && title[0] >= '1' && title[0] <= '9' {
			fmt.Fprintf(w, "  %s\n", samlcheck.Printable(title))
		}
	}
	if p.Handoff.Method == profile.HandoffSupport {
		fmt.Fprintf(w, "\n  Metadata URL:  %s\n  IdP Entity ID: %s\n", samlcheck.Printable(c.IdentityProvider.MetadataURL), samlcheck.Printable(c.IdentityProvider.EntityID))
	}
	fmt.Fprintf(w, "\nThe details, and a ready-to-use text where one is needed, are in %s.\n", samlcheck.Printable(nextSteps))
}
