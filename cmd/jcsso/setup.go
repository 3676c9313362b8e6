package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/steps/logintest"
	"github.com/jcsso/jcsso/steps/setup"
)

// setupFlags are `jcsso setup`'s answers and switches. The root command
// shares the same flag set, so `jcsso --profile avoma ...` works too.
type setupFlags struct {
	profile       string
	org           string
	spEntityID    string
	acsURLs       []string
	idpEntityID   string
	appName       string
	nameID        string
	nameIDFormat  string
	sign          string
	attributes    []string
	noAttributes  bool
	metadata      string
	metadataURL   string
	out           string
	format        string
	force         bool
	yes           bool
	resume        bool
	enforceSSO    bool
	excludeAdmins []string
	usersNotified bool
	overrides     []string
	now           string
	timeout       time.Duration
}

const setupLong = `Sets up SAML single sign-on from JumpCloud to a service provider (the app
being connected), checks JumpCloud's metadata, and writes a folder with
everything the service provider needs and what to do next.

On a terminal it opens a step-by-step wizard to keep beside JumpCloud's admin
console. With --yes it runs the same steps without the wizard, taking every
answer from flags: it checks the metadata, prints the findings, and writes
the folder only if no check failed (or each failure was passed with
--override ID, which is recorded).

Profiles (jcsso profiles lists them):
  vome     Vome makes its SP Entity ID and ACS URL for your organisation:
           pass them with --sp-entity-id and --acs-url. Only admins use SSO;
           you upload idp-metadata.xml in Vome; enforcement is optional
           (--enforce-sso, --exclude-admin EMAIL).
  avoma    Fixed SP values. You send Avoma's support the metadata URL and the
           IdP Entity ID; Avoma ends every session when SSO goes live, so
           --yes needs --users-notified.
  generic  Any SAML app: pass its --sp-entity-id and --acs-url, and the
           --app-name you give it in JumpCloud. --nameid, --nameid-format,
           --sign and --attribute NAME=FIELD (or --no-attributes) change
           the SSO tab's settings from the profile's.
  FILE     A vendor's profile file (see jcsso profiles show avoma).

The output folder (--out, default ./jcsso-ORG) is created with mode 0700 and
holds, each file 0600 and written atomically:
  sso-config.yaml   the settings (--format json writes sso-config.json);
                    jcsso check --config and jcsso inspect --config read it
  idp-metadata.xml  the exact metadata that was checked
  idp-signing.pem   JumpCloud's signing certificate(s)
  NEXT-STEPS.md     what to do in the service provider, and how to verify
The folder is written as a whole: killed at any moment, it holds the old
files or the new ones, never a mix (a run that finds what a killed one
left cleans it up and says so). An existing folder is refused unless
--force; each file replaced is kept beside it as FILE.bak. A folder that
holds other files is refused even with --force, and a symbolic link at
--out is followed only with --force. While another jcsso writes the same
folder, setup waits a moment, then says which process holds it.

Exit status: 0 written; 1 the metadata check failed (nothing written);
2 bad usage, a missing answer, or input that could not be read; 130 the
wizard was quit before writing (answers so far are kept for --resume).`

const setupExample = `  # The wizard
  jcsso setup

  # Avoma, headless: metadata exported from JumpCloud's SSO tab (Export
  # Metadata), plus the URL from Copy Metadata URL for Avoma's support
  jcsso setup --yes --profile avoma --org acmecorp \
      --idp-entity-id jumpcloud-acmecorp \
      --metadata ~/Downloads/JumpCloud-avoma-metadata.xml \
      --metadata-url '<the value Copy Metadata URL gives>' \
      --users-notified --out ./jcsso-acmecorp

  # Avoma, fetching the metadata from its URL (it is then the metadata URL too)
  jcsso setup --yes --profile avoma --org acmecorp \
      --idp-entity-id jumpcloud-acmecorp --users-notified \
      --metadata '<the value Copy Metadata URL gives>'

  # Vome, headless: the two values Vome shows on its SSO settings page
  jcsso setup --yes --profile vome --org acmecorp \
      --sp-entity-id '<SP Entity ID shown by Vome>' \
      --acs-url '<ACS URL shown by Vome>' \
      --idp-entity-id jumpcloud-acmecorp \
      --metadata JumpCloud-vome-metadata.xml \
      --enforce-sso --exclude-admin owner@acmecorp.com

  # Continue past one failed check on purpose, e.g. to test with an expired
  # certificate before renewing it (recorded in sso-config.yaml)
  jcsso setup --yes ... --override cert.expired`

// newSetupCmd builds `jcsso setup`; the root command reuses its flags and
// RunE, so both share one setupFlags value.
func newSetupCmd() *cobra.Command {
	var f setupFlags
	cmd := &cobra.Command{
		Use:     "setup",
		Short:   "Set up SSO with a service provider: the wizard, or --yes with flags",
		Long:    setupLong,
		Example: setupExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return plainErrors(cmd, runSetup(cmd, &f))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", "", "service provider: vome, avoma, generic, or a profile FILE")
	fl.StringVar(&f.org, "org", "", "your organisation's short name or domain (acmecorp); names the IdP Entity ID and the output folder")
	fl.StringVar(&f.spEntityID, "sp-entity-id", "", "the SP Entity ID, for profiles whose SP makes one per organisation (vome, generic)")
	fl.StringArrayVar(&f.acsURLs, "acs-url", nil, "the SP's ACS URL, for profiles whose SP makes one (repeatable; the first is the default)")
	fl.StringVar(&f.idpEntityID, "idp-entity-id", "", "the IdP Entity ID typed into JumpCloud's SSO tab (suggested: jumpcloud-ORG)")
	fl.StringVar(&f.appName, "app-name", "", "the app's name in JumpCloud: its Display Label and the end of its IdP URL (generic)")
	fl.StringVar(&f.nameID, "nameid", "", "the SAMLSubject NameID user field, such as email or username (generic; default email)")
	fl.StringVar(&f.nameIDFormat, "nameid-format", "", "the SAMLSubject NameID Format, one of JumpCloud's four URNs (generic; default emailAddress)")
	fl.StringVar(&f.sign, "sign", "", "what JumpCloud signs: assertion_and_response, assertion or response (generic; default assertion_and_response)")
	fl.StringArrayVar(&f.attributes, "attribute", nil, "an attribute NAME=FIELD: the SP's attribute name, then the JumpCloud user field; replaces the profile's (repeatable; generic)")
	fl.BoolVar(&f.noAttributes, "no-attributes", false, "send no attributes besides the NameID (generic)")
	fl.StringVar(&f.metadata, "metadata", "", "The metadata from JumpCloud: its https URL, the exported file, or - for standard input")
	fl.StringVar(&f.metadataURL, "metadata-url", "", "the Copy Metadata URL value, when --metadata is a file (avoma needs it)")
	fl.StringVar(&f.out, "out", "", "output folder (default ./jcsso-ORG)")
	fl.StringVar(&f.format, "format", "yaml", "Format of the sso-config file: yaml or json")
	fl.BoolVar(&f.force, "force", false, "replace an existing output folder's files, keeping each as FILE.bak (and follow --out when it is a symbolic link)")
	fl.BoolVar(&f.yes, "yes", false, "run without the wizard, taking every answer from flags")
	fl.BoolVar(&f.resume, "resume", false, "continue the wizard where you left off")
	fl.BoolVar(&f.enforceSSO, "enforce-sso", false, "you will switch on SSO enforcement in the SP (optional-enforcement profiles)")
	fl.StringArrayVar(&f.excludeAdmins, "exclude-admin", nil, "an admin EMAIL excluded from enforcement (repeatable)")
	fl.BoolVar(&f.usersNotified, "users-notified", false, "confirm your users were told that every session ends when SSO goes live (avoma)")
	fl.StringArrayVar(&f.overrides, "override", nil, "continue past this failed check ID; recorded in sso-config (repeatable)")
	addNowFlag(fl, &f.now, "the metadata's certificates")
	addTimeoutFlag(fl, &f.timeout, "a --metadata URL")
	completeSetupFlags(cmd, &f)
	return cmd
}

func runSetup(cmd *cobra.Command, f *setupFlags) error {
	p, now, err := f.check(cmd)
	if err != nil {
		return err
	}
	if f.yes {
		return runHeadless(cmd, f, p, now)
	}
	clock := func() time.Time { return time.Now() }
	if f.now != "" {
		clock = func() time.Time { return now }
	}
	return runFullScreen(cmd, fullScreen{
		name:      "the setup wizard",
		crashNote: "your answers are saved as of the last step you finished: jcsso setup --resume continues",
		run: func() error {
			return setup.Run(cmd.Context(), setup.Options{
				Answers: f.answers(p),
				Profile: p,
				Resume:  f.resume,
				Format:  f.format,
				Force:   f.force,
				Now:     clock,
				// No standard input: the wizard owns the terminal, and reading it
				// for "-" would swallow every key (the wizard refuses "-" anyway).
				Load: source.LoadOptions{Fetcher: newFetcher(f.timeout), Stdin: strings.NewReader("")},
				// The wizard's screen is gone when it closes; this keeps the list
				// of files written and the next step in the scrollback.
				Summary:  cmd.OutOrStdout(),
				Services: setup.Services{LiveTest: logintest.Services{Open: openBrowser}},
				LiveTest: setup.LiveTest{Remote: remoteSession()},
			})
		},
		// The admin chose to quit: say where they are, not an error box.
		quitLine: func(err error) (string, bool) { return err.Error(), errors.Is(err, setup.ErrQuit) },
	})
}

// answers turns the flags into the answers the wizard and Build share.
// p may be nil (the wizard lets the admin pick a profile).
func (f *setupFlags) answers(p *profile.Profile) ssoconfig.Answers {
	a := ssoconfig.Answers{
		Org:            f.org,
		SPEntityID:     f.spEntityID,
		ACSURLs:        f.acsURLs,
		IdPEntityID:    f.idpEntityID,
		AppName:        strings.TrimSpace(f.appName),
		NameID:         f.nameID,
		NameIDFormat:   f.nameIDFormat,
		Sign:           f.sign,
		MetadataSource: f.metadata,
		MetadataURL:    f.metadataURL,
		Overridden:     f.overrides,
		EnforceSSO:     f.enforceSSO,
		ExcludedAdmins: f.excludeAdmins,
		UsersNotified:  f.usersNotified,
		OutDir:         f.out,
	}
	// nil keeps the profile's attributes; an empty list sends none.
	switch {
	case f.noAttributes:
		a.Attributes = []profile.Attribute{}
	case len(f.attributes) > 0:
		for _, at := range f.attributes {
			a.Attributes = append(a.Attributes, ssoconfig.ParseAttribute(at))
		}
	}
	if _, ok := profile.Builtin(f.profile); ok {
		a.ProfileID = f.profile
	} else if p != nil {
		// Absolute, so a resumed session finds the file from any folder.
		a.ProfilePath = f.profile
		if abs, err := filepath.Abs(f.profile); err == nil {
			a.ProfilePath = abs
		}
	}
	// An https --metadata is JumpCloud's metadata URL itself.
	if a.MetadataURL == "" && ssoconfig.IsURL(f.metadata) {
		a.MetadataURL = f.metadata
	}
	return a
}

// isTerminal reports whether r or w is a terminal (a *os.File on a tty).
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
