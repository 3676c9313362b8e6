package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/demo"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/steps/logintest"
	"github.com/jcsso/jcsso/steps/setup"
)

// runDemoWizard is the demo on a terminal: the setup wizard against the
// test IdP, started with the key being read or made in the background.
func runDemoWizard(cmd *cobra.Command, faults []testidp.Fault, p *profile.Profile) error {
	d, err := demo.New(demoOptions(faults))
	if err != nil {
		return plainErrors(cmd, usageError("%w", err))
	}
	defer d.Close() //nolint:errcheck // a test IdP in this process
	out, err := demoOutDir()
	if err != nil {
		return plainErrors(cmd, inputError(err))
	}
	err = runFullScreen(cmd, fullScreen{
		name: "the demo",
		run: func() error {
			return setup.Run(cmd.Context(), demoSetupOptions(d, faults, p, out, cmd.OutOrStdout()))
		},
		quitLine: func(err error) (string, bool) { return errDemoQuit.Error(), errors.Is(err, setup.ErrQuit) },
	})
	return plainErrors(cmd, err)
}

// demoGuide is the line above each step saying what the demo does for the
// newcomer there.
func demoGuide(d *demo.Demo, faults []testidp.Fault) func(string) string {
	training := ""
	if len(faults) > 0 {
		training = fmt.Sprintf(" Training: the IdP runs with %s.", samlcheck.Printable(fmt.Sprint(faultNames(faults))))
	}
	return func(key string) string {
		switch key {
		case "begin":
			key := "Its RSA-4096 signing key is being made in the background."
			if d.KeyReady() {
				key = "Its signing key: " + d.KeyNote() + "."
			}
			return "Demo: a test IdP on 127.0.0.1 plays JumpCloud; no real account is touched. " + key + training
		case "spvalues":
			return "Demo: the service provider is made up: its values are filled in where it makes them (change them if you like)."
		case "create":
			return "Demo: there is no console to click through: tick the items (a ticks all) to go on."
		case "ssotab":
			return "Demo: what this step shows is what the test IdP is configured with when you press enter."
		case "assign":
			return "Demo: " + demo.User + " is in a group bound to the app."
		case "import":
			if u := d.MetadataURL(); u != "" {
				return "Demo: the test IdP's Metadata URL waits under 1 (press 1, then enter). It warns sso.not-jumpcloud: its sign-on URL is on 127.0.0.1."
			}
			if !d.KeyReady() {
				return "Demo: the test IdP starts once its RSA-4096 key is made, in a few seconds; its Metadata URL then waits under 1."
			}
			return "Demo: the test IdP starts when the SSO tab is saved (step 4)."
		case "livetest":
			return "Demo: d signs " + demo.User + " in for you; o opens your browser instead (any password)."
		case "review":
			return "Demo: the folder goes to a temporary place, shown below."
		}
		return ""
	}
}

// demoSetupOptions are the wizard's options for the demo: the answers it
// starts from, the guide line, the test IdP as JumpCloud (its metadata
// fetched with its own certificate trusted, the SSO tab applied to it, the
// live test's URL added to it, its user signed in), and no session.
func demoSetupOptions(d *demo.Demo, faults []testidp.Fault, p *profile.Profile, out string, summary io.Writer) setup.Options {
	return setup.Options{
		Answers: demoAnswers(p, out),
		Profile: p,
		Name:    "jcsso demo",
		Guide:   demoGuide(d, faults),
		Format:  "yaml",
		Load:    source.LoadOptions{Stdin: strings.NewReader("")},
		Services: setup.Services{
			Load: d.Load,
			SaveApp: func(ctx context.Context, p *profile.Profile, a ssoconfig.Answers) (setup.AppSaved, error) {
				url, err := d.Configure(ctx, p, a)
				return setup.AppSaved{MetadataURL: url, Note: "saved on the demo IdP: it now signs as the SSO tab says"}, err
			},
			LiveTest: logintest.Services{AddACSURL: d.AddACSURL, SignIn: d.SignIn, SignInAs: demo.User, Open: openBrowser},
			// The demo keeps no session: it must not replace the one a
			// real setup saved for --resume.
			SaveSession:  func(ssoconfig.Answers) error { return nil },
			LoadSession:  func() (ssoconfig.Answers, error) { return ssoconfig.Answers{}, ssoconfig.ErrNoSession },
			ClearSession: func() error { return nil },
		},
		LiveTest: setup.LiveTest{AnyPort: true, Admins: []string{demo.User}, Remote: remoteSession()},
		Summary:  summary,
		// The made-up SP's values wait in step 2's fields for a profile
		// whose SP makes them; a fixed profile has its own.
		OnProfile: func(p *profile.Profile, a *ssoconfig.Answers) {
			if !p.ServiceProvider.Generated {
				a.SPEntityID, a.ACSURLs = "", nil
				return
			}
			if a.SPEntityID == "" && len(a.ACSURLs) == 0 {
				a.SPEntityID, a.ACSURLs = demoSPEntityID, []string{demoSPACS}
			}
			if p.Customizable && a.AppName == "" {
				a.AppName = demoAppName
			}
		},
	}
}
