package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
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
	case ssoconfig.FieldAppName:
		return "--app-name"
	case ssoconfig.FieldNameID:
		return "--nameid"
	case ssoconfig.FieldNameIDFormat:
		return "--nameid-format"
	case ssoconfig.FieldSign:
		return "--sign"
	case ssoconfig.FieldAttributes:
		return "--attribute"
	}
	return field
}

// runHeadless is `jcsso setup --yes`: the wizard's steps without the UI,
// once f.check found every answer there and right. It writes nothing
// unless every failed check was overridden.
func runHeadless(cmd *cobra.Command, f *setupFlags, p *profile.Profile, now time.Time) error {
	a := f.answers(p)
	fetcher := newFetcher(f.timeout)
	data, err := loadMetadata(cmd, fetcher, f.metadata, "--metadata ")
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

	out := reportWriter(cmd.OutOrStdout())
	spEntityID, acsURLs := ssoconfig.SPValues(p, a)
	renderSummary(out, "Checking JumpCloud's metadata for "+a.App(p), []summaryRow{
		{"metadata", samlcheck.RedactURL(f.metadata)},
		{"IdP Entity ID", a.IdPEntityID},
		{"SP Entity ID", spEntityID},
		{"ACS URL", strings.Join(acsURLs, ", ")},
	})
	fmt.Fprintln(out)
	// The findings in the profile's words, one failure per cause, as the
	// wizard shows them; the overrides are decided on those.
	explained := ssoconfig.Explain(p, a, rep)
	renderFindings(out, explained)

	a.Overridden = ssoconfig.ExplainedOverrides(rep.Findings, f.overrides)
	unresolved, overridden, _ := ssoconfig.SplitFailures(explained, a.Overridden)
	_, _, unused := ssoconfig.SplitFailures(rep.Findings, a.Overridden)
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
	if err := compareSentURL(cmd, out, fetcher, p, a, rep, now); err != nil {
		return err
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

// compareSentURL fetches the Metadata URL the SP's support is sent, when
// the metadata came from elsewhere, and compares what it serves with the
// checked metadata, as the wizard does (drift.ServedFrom): other metadata
// writes nothing (exit 1); a URL that cannot be fetched, or serves no
// metadata, is said plainly and goes on unchecked, as the wizard's second
// enter takes it.
func compareSentURL(cmd *cobra.Command, out io.Writer, fetcher *samlsource.Fetcher, p *profile.Profile, a ssoconfig.Answers, rep *metadata.Report, now time.Time) error {
	url := a.URLToCompare(p)
	if url == "" {
		return nil
	}
	body, fetchErr := samlsource.Load(cmd.Context(), url, samlsource.LoadOptions{Fetcher: fetcher})
	if err := interrupted(cmd); err != nil {
		return err
	}
	served := drift.ServedFrom(cmd.Context(), rep.IdP, body, fetchErr, ssoconfig.MetadataOptions(p, a, now))
	shown := samlcheck.Printable(samlcheck.RedactURL(url))
	switch {
	case served.Unchecked != "":
		fmt.Fprintf(out, "\nThe Metadata URL %s could not be checked: %s.\nIt goes into the message for %s unchecked: open it in a private browser window before sending it.\n",
			shown, samlcheck.Printable(served.Unchecked), p.SPName())
	case served.Differs() != "":
		fmt.Fprintf(out, "\nThe Metadata URL %s serves other metadata than --metadata: %s.\nNothing was written. Copy this app's URL again (Copy Metadata URL on its SSO tab) and pass it with --metadata-url;\nor, if you changed the app in JumpCloud since the export, pass the URL itself as --metadata.\n",
			shown, samlcheck.Printable(served.Differs()))
		return errChecksFailed
	default:
		fmt.Fprintf(out, "\nThe Metadata URL %s serves the same metadata as --metadata.\n", shown)
	}
	return nil
}

// answerProblems lists what is missing or wrong in the answers, each line
// starting with the flag to pass or fix. given filters them: the wizard is
// told only of the flags that were given (it asks for the rest), setup --yes
// of everything.
func answerProblems(p *profile.Profile, a ssoconfig.Answers, f *setupFlags, given func(flag string) bool) []string {
	var lines []string
	add := func(flag, msg string) {
		if given(flag) {
			lines = append(lines, flag+": "+msg)
		}
	}
	if f.metadata == "" {
		add("--metadata", "JumpCloud's metadata is needed: the file from Export Metadata on the app's SSO tab, its URL (Copy Metadata URL), or - for standard input.")
	}
	for _, pr := range ssoconfig.CheckAnswers(p, a) {
		msg := pr.Message
		if pr.Field == ssoconfig.FieldUsersNotified {
			msg = fmt.Sprintf("%s ends every signed-in session when SSO goes live and SSO becomes the only way in; pass --users-notified to confirm your users know.", p.Name)
		}
		flag := answerFlag(pr.Field)
		switch {
		case pr.Field == ssoconfig.FieldMetadataURL && a.MetadataURL == "":
			msg += " Pass it with --metadata-url (or give the URL itself as --metadata)."
		case pr.Field == ssoconfig.FieldMetadataURL && f.metadataURL == "":
			// The URL to send is --metadata's own: blame the flag given.
			flag = "--metadata"
			msg += " --metadata may keep them for the import; pass the URL to send, without them, as --metadata-url."
		}
		add(flag, msg)
	}
	if f.noAttributes && len(f.attributes) > 0 {
		add("--no-attributes", "sends no attributes and cannot be combined with --attribute.")
	}
	if f.enforceSSO && p.Rollout.Mode != profile.RolloutOptional {
		add("--enforce-sso", fmt.Sprintf("%s has no enforcement switch; SSO becomes the only way in when it goes live.", p.Name))
	}
	return lines
}
