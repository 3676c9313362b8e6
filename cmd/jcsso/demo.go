package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/demo"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
)

const demoLong = `Walks the whole setup without a JumpCloud account: a JumpCloud-shaped test
IdP starts in this process on 127.0.0.1 and plays JumpCloud, and the setup
wizard runs against it. What you enter on the SSO tab step is what the test
IdP is configured with; the import reads the test IdP's Metadata URL (its
HTTPS certificate is trusted by this process alone); the live login test
completes in your browser (o) or by letting the demo sign its user in (d).
Nothing touches a real JumpCloud, and the folder is written to a temporary
place, whose path the last screen and the summary give.

--fault NAME starts the test IdP with one of its faults (jcsso idp
--list-faults), for training support staff: the import and the live test
then show the finding and fix for that fault.

--yes runs every step and the login headless and prints the result (with
--json, JSON lines: the steps and the live test's events, last
{"event":"result",...} as test-login prints it). CI runs it.

The test IdP signs with RSA-4096, as JumpCloud does. Generating such a key
takes seconds, so the wizard makes it in the background while the first
steps are read and keeps it in the cache folder ($XDG_CACHE_HOME/jcsso,
0600) for the next demo. --yes uses that cached key when there is one and
otherwise a fresh RSA-2048 key, which takes a fraction of a second.

Exit status: 0 the live login passed; 1 it was rejected; 2 bad usage;
3 no response reached the test (the output lists the likely causes);
130 the wizard was quit.`

const demoExample = `  # The whole setup against a test IdP, in the wizard
  jcsso demo

  # Training: the IdP's certificate was regenerated after the export
  jcsso demo --profile avoma --fault rotated-cert

  # Headless, for CI
  jcsso demo --yes --json`

// demoFlags are the options of `jcsso demo`.
type demoFlags struct {
	faults  []string
	profile string
	yes     bool
	json    bool
}

func newDemoCmd() *cobra.Command {
	f := &demoFlags{}
	cmd := &cobra.Command{
		Use:     "demo",
		Short:   "Walk the whole setup against a test IdP that plays JumpCloud, with faults for training",
		Long:    demoLong,
		Example: demoExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.faults, "fault", nil, "start the test IdP with a fault (repeatable or comma separated; see jcsso idp --list-faults)")
	fl.StringVar(&f.profile, "profile", "", "service provider: vome, avoma, generic, or a profile FILE (default: chosen on step 1; --yes: avoma)")
	fl.BoolVar(&f.yes, "yes", false, "run every step and the login without the wizard, and print the result")
	fl.BoolVar(&f.json, "json", false, "with --yes, print JSON lines (the steps, the live test's events, the result last)")
	return cmd
}

func runDemo(cmd *cobra.Command, f *demoFlags) error {
	faults, p, err := f.check()
	if err != nil {
		return plainErrors(cmd, err)
	}
	if !f.yes {
		if problem := screenProblem(cmd); problem != "" {
			return plainErrors(cmd, usageError("%s", needsScreen("jcsso demo", problem, "run jcsso demo --yes to run it headless")))
		}
		return runDemoWizard(cmd, faults, p)
	}
	return runDemoHeadless(cmd, f, faults, p)
}

// check reads the faults and the profile.
func (f *demoFlags) check() ([]testidp.Fault, *profile.Profile, error) {
	var faults []testidp.Fault
	for _, name := range f.faults {
		fault, err := testidp.ParseFault(strings.TrimSpace(name))
		if err != nil {
			return nil, nil, usageError("--fault: %w (see jcsso idp --list-faults)", err)
		}
		faults = append(faults, fault)
	}
	if f.json && !f.yes {
		return nil, nil, usageError("--json goes with --yes: the wizard draws a screen")
	}
	var p *profile.Profile
	if f.profile != "" {
		var err error
		if p, err = profile.Resolve(f.profile); err != nil {
			return nil, nil, usageError("--profile: %w", err)
		}
	}
	return faults, p, nil
}

// The demo's made-up organisation and service provider, for profiles
// whose SP makes its values per organisation.
const (
	demoOrg        = "acmecorp"
	demoSPEntityID = "https://sp.demo.example/saml"
	demoSPACS      = "https://sp.demo.example/saml/acs"
	demoAppName    = "Acme CRM"
)

// demoAnswers are the answers the demo starts from: the organisation, and
// the SP's values where the SP would show them to the admin. The wizard
// shows them in its fields, where the newcomer may change them.
func demoAnswers(p *profile.Profile, out string) ssoconfig.Answers {
	a := ssoconfig.Answers{Org: demoOrg, OutDir: out}
	if p != nil && p.ServiceProvider.Generated {
		a.SPEntityID, a.ACSURLs = demoSPEntityID, []string{demoSPACS}
	}
	if p != nil && p.Customizable {
		a.AppName = demoAppName
	}
	return a
}

// demoOptions are the engine's options: the faults, the key cache.
func demoOptions(faults []testidp.Fault) demo.Options {
	o := demo.Options{Faults: faults, UserAgent: userAgent()}
	if dir, err := demo.CacheDir(); err == nil {
		o.KeyDir = dir
	}
	return o
}

// runDemoHeadless is demo --yes: every step headless, then the result.
func runDemoHeadless(cmd *cobra.Command, f *demoFlags, faults []testidp.Fault, p *profile.Profile) error {
	if p == nil {
		p, _ = profile.Builtin("avoma")
	}
	o := demoOptions(faults)
	// No one waits for RSA-4096 here: the cached key, else a 2048-bit one.
	o.FallbackBits = testidp.MinServerKeyBits
	d, err := demo.New(o)
	if err != nil {
		return plainErrors(cmd, usageError("%w", err))
	}
	defer d.Close() //nolint:errcheck // a test IdP in this process; nothing to report
	a := demoAnswers(p, "")
	a.IdPEntityID = p.SuggestIdPEntityID(a.Org)
	a.UsersNotified = true
	pr := newLoginPrinter(cmd, f.json)
	start := time.Now()
	res, err := d.Run(cmd.Context(), p, a, demo.RunOptions{OnEvent: func(v any) {
		if f.json {
			pr.line(demoEvent(v))
		}
	}})
	if ierr := interrupted(cmd); ierr != nil {
		return ierr
	}
	if err != nil {
		return plainErrors(cmd, inputError(err))
	}
	var waitErr error
	if res.Wait != nil {
		waitErr = res.Wait
	}
	lr := newLoginResult(res.ACSURL, res.Live, waitErr)
	if f.json {
		pr.line(demoResult{loginResult: lr, Faults: faultNames(faults), Key: d.KeyNote(), Profile: p.ID,
			Steps: res.Steps, MetadataFindings: res.Metadata, TookNS: time.Since(start)})
	} else {
		renderDemo(reportWriter(cmd.OutOrStdout()), p, faults, d.KeyNote(), res, waitErr)
	}
	return exitOfOutcome(lr.Outcome)
}

// demoEvent is a JSON line of the headless run: a step, or an event of the
// live test as test-login prints it.
func demoEvent(v any) any {
	if s, ok := v.(demo.Step); ok {
		return struct {
			Event string `json:"event"`
			demo.Step
		}{"step", s}
	}
	return v
}

// demoResult is demo --yes's last JSON line: test-login's result, with
// the steps and the import's findings.
type demoResult struct {
	loginResult
	Profile          string             `json:"profile"`
	Faults           []string           `json:"faults"`
	Key              string             `json:"signing_key"`
	Steps            []demo.Step        `json:"steps"`
	MetadataFindings samlcheck.Findings `json:"metadata_findings"`
	TookNS           time.Duration      `json:"took_ns"`
}

func faultNames(faults []testidp.Fault) []string {
	out := []string{}
	for _, f := range faults {
		out = append(out, string(f))
	}
	return out
}

// demoOutDir is where the wizard's demo writes its folder: a temporary
// one, so a demo leaves nothing in the folder it was run from.
func demoOutDir() (string, error) {
	dir, err := os.MkdirTemp("", "jcsso-demo-")
	if err != nil {
		return "", fmt.Errorf("a temporary folder for the demo: %w", err)
	}
	return filepath.Join(dir, "jcsso-"+demoOrg), nil
}

var errDemoQuit = errors.New("the demo ended before the folder was written")
