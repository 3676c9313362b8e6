package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
)

// Step is one wizard step as the headless demo ran it.
type Step struct {
	Key    string `json:"key"`
	Title  string `json:"title"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// Result is a headless demo: every step, the import's findings in the
// profile's words, and the live login's result (or why none came).
type Result struct {
	Steps    []Step             `json:"steps"`
	Metadata samlcheck.Findings `json:"metadata_findings"`
	Live     *acs.Result        `json:"-"`
	Wait     *acs.WaitError     `json:"-"`
	ACSURL   string             `json:"-"`
	// Took is the whole run, key and IdP included.
	Took time.Duration `json:"took_ns"`
}

// RunOptions shape a headless run.
type RunOptions struct {
	// Timeout bounds the live login's wait; zero is 30 s, far beyond the
	// scripted browser's few milliseconds.
	Timeout time.Duration
	// OnEvent sees each step as it ends and each event of the live test
	// (a Step or an acs.Event), for JSON lines.
	OnEvent func(any)
	// Now is the clock the checks use; zero is the current time.
	Now time.Time
}

// Run walks the setup without a screen, as the wizard would with the
// newcomer pressing enter: the SSO tab saved on the test IdP, its metadata
// imported from its URL and checked (failures continued past and
// recorded, as o does), the live login with the demo user signed in by the
// scripted browser, and the folder written to a temporary place, then
// removed. a holds the answers (demo's defaults); p the profile.
func (d *Demo) Run(ctx context.Context, p *profile.Profile, a ssoconfig.Answers, ro RunOptions) (*Result, error) {
	start := time.Now()
	res := &Result{}
	emit := func(v any) {
		if ro.OnEvent != nil {
			ro.OnEvent(v)
		}
	}
	step := func(key, title string, ok bool, detail string) {
		s := Step{Key: key, Title: title, OK: ok, Detail: detail}
		res.Steps = append(res.Steps, s)
		emit(s)
	}
	now := ro.Now
	if now.IsZero() {
		now = time.Now()
	}
	sp, acsURLs := ssoconfig.SPValues(p, a)
	step("begin", "Before you begin", true, "organisation "+a.Org+", "+p.Name)
	step("spvalues", "Service-provider values", true, fmt.Sprintf("SP Entity ID %s, ACS URL %v", sp, acsURLs))
	step("create", "Create the app in JumpCloud", true, "the demo's IdP plays JumpCloud: app "+profile.AppSlug(a.App(p)))
	mdURL, err := d.Configure(ctx, p, a)
	if err != nil {
		return nil, err
	}
	step("ssotab", "The SSO tab", true, "IdP Entity ID "+a.IdPEntityID+"; the IdP is configured with the SSO tab's values")
	step("assign", "Assign users or groups", true, User+" is in a group bound to the app")

	data, err := d.Load(ctx, mdURL, source.LoadOptions{Stdin: strings.NewReader("")})
	if err != nil {
		return nil, fmt.Errorf("import the demo IdP's metadata: %w", err)
	}
	rep := metadata.CheckContext(ctx, data, ssoconfig.MetadataOptions(p, a, now))
	res.Metadata = ssoconfig.Explain(p, a, rep)
	unresolved, _, _ := ssoconfig.SplitFailures(rep.Findings, nil)
	a.MetadataSource, a.MetadataURL, a.Overridden = mdURL, mdURL, unresolved
	detail := "checked " + mdURL
	if len(unresolved) > 0 {
		detail += "; continued past " + fmt.Sprint(unresolved) + " (recorded)"
	}
	step("import", "Import the metadata", rep.OK, detail)

	if err := d.live(ctx, p, a, rep, now, ro, res, emit); err != nil {
		return nil, err
	}
	step("livetest", "Test a live login", res.Live != nil && res.Live.OK(), liveDetail(res))
	step("rollout", "Roll out", true, "nothing is rolled out in the demo")

	dir, err := os.MkdirTemp("", "jcsso-demo-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	a.OutDir = dir + "/jcsso-" + profile.NormalizeOrg(a.Org)
	a.LiveLogin = liveKind(res)
	wr, err := ssoconfig.WriteSetup(ctx, p, a, data, rep, now, ssoconfig.WriteOptions{})
	if err != nil {
		return nil, fmt.Errorf("write the demo's folder: %w", err)
	}
	step("review", "Review and write", true, fmt.Sprintf("wrote %d files to a temporary folder (removed again)", len(wr.Paths)))
	res.Took = time.Since(start)
	return res, nil
}

// live runs the login test: the listener on a free port, its URL added
// on the SSO tab, the demo user signed in, the response inspected.
func (d *Demo) live(ctx context.Context, p *profile.Profile, a ssoconfig.Answers, rep *metadata.Report, now time.Time, ro RunOptions, res *Result, emit func(any)) error {
	o := ssoconfig.LiveTestOptions(p, a, rep, now)
	o.Port = 0
	o.Inspect.Admins = []string{User}
	sess, err := acs.Start(o)
	if err != nil {
		return err
	}
	defer sess.Close() //nolint:errcheck // Wait closes it
	res.ACSURL = sess.ACSURL()
	events := make(chan struct{})
	go func() {
		defer close(events)
		for ev := range sess.Events() {
			emit(ev)
		}
	}()
	if err := d.AddACSURL(sess.ACSURL()); err != nil {
		return err
	}
	out, signErr := d.SignIn(ctx, sess.LoginURL())
	timeout := ro.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if signErr != nil || out.NoResponse || out.PostedTo != sess.ACSURL() {
		// The browser is done and nothing reached the listener: waiting
		// longer brings nothing.
		cancel()
	}
	live, err := sess.Wait(wctx)
	<-events
	var we *acs.WaitError
	switch {
	case live != nil:
		res.Live = live
	case errors.As(err, &we):
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res.Wait = we.WithBrowser(out)
	default:
		return err
	}
	return nil
}

func liveKind(r *Result) string {
	switch {
	case r.Live != nil && r.Live.OK():
		return "passed"
	case r.Live != nil:
		return "rejected"
	}
	return "no-response"
}

func liveDetail(r *Result) string {
	if r.Live == nil {
		return "no response reached " + r.ACSURL
	}
	who := r.Live.Report.Subject.Email
	if who == "" {
		who = r.Live.Report.Subject.NameID
	}
	return fmt.Sprintf("%s signed in; %s", who, liveKind(r))
}
