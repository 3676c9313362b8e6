package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/acs"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
)

// demoCause is what the headless demo must say for a fault: the finding
// (or, with no response, the first cause) naming the cause DOMAIN.md gives
// for the symptom, at the severity it has, with words of that cause.
type demoCause struct {
	code int
	// id is a finding of the inspection or the live test; cause, when no
	// response comes, the first likely cause.
	id, cause string
	sev       string
	say       string
}

// demoCauses is every fault of the test IdP with what the demo says.
var demoCauses = map[testidp.Fault]demoCause{
	// The app was not saved before the export.
	testidp.FaultPlaceholderEntityID: {1, samlcheck.IDIssuerPlaceholder, "", "fail", "Save the application in JumpCloud and export fresh metadata"},
	// The user is in no group bound to the app.
	testidp.FaultUnboundUser: {exitNoResponse, "", acs.CauseUserNotBound, "", "User Groups tab"},
	// The e-mail JumpCloud returns is not an existing admin's.
	testidp.FaultEmailMismatch: {1, samlcheck.IDAdminUnknown, "", "fail", "Create the admin in the service provider first"},
	// Stale metadata: the certificate was regenerated.
	testidp.FaultRotatedCert: {1, samlcheck.IDSignatureInvalid, "", "fail", "regenerated since the metadata was last uploaded"},
	// The wrong signing setting.
	testidp.FaultAssertionOnly: {0, samlcheck.IDSignaturePartial, "", "warn", "only the Assertion is signed"},
	testidp.FaultResponseOnly:  {0, samlcheck.IDSignaturePartial, "", "warn", "only the Response is signed"},
	testidp.FaultUnsigned:      {1, samlcheck.IDSignatureMissing, "", "fail", "Sign"},
	testidp.FaultSHA1:          {0, samlcheck.IDSignatureAlgorithm, "", "warn", "SHA-1"},
	// Expired is not rotated.
	testidp.FaultExpiredCert: {1, samlcheck.IDSignatureCertExpired, "", "fail", "expired"},
	testidp.FaultClockSkew:   {1, samlcheck.IDTimeWindow, "", "fail", "clock"},
	// SP Entity ID or ACS URL typed wrong in JumpCloud.
	testidp.FaultWrongAudience: {1, samlcheck.IDAudienceMismatch, "", "fail", "SP Entity ID"},
	testidp.FaultWrongACS:      {exitNoResponse, "", acs.CauseACSURLDiffers, "", "copy the test ACS URL again exactly"},
	// Declare Redirect Endpoint unticked.
	testidp.FaultNoRedirectBinding: {0, acs.IDLiveBinding, "", "warn", "Declare Redirect Endpoint"},
	// The SP's request ignored: an unsolicited response.
	testidp.FaultIdPInitiatedOnly: {0, acs.IDLiveUnsolicited, "", "warn", "unsolicited"},
}

// demoRun is demo --yes --json: its lines, decoded, and the exit status.
func demoRun(t *testing.T, args ...string) ([]map[string]any, int) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errOut := runCmd(t, "", append([]string{"demo", "--yes", "--json"}, args...)...)
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %q (stderr %s)", l, errOut)
		}
		lines = append(lines, m)
	}
	return lines, code
}

// TestDemoHeadless: demo --yes without a fault walks every step and ends
// with a passed login (exit 0): nine steps, the live test's events, the
// result last as test-login prints it.
func TestDemoHeadless(t *testing.T) {
	lines, code := demoRun(t)
	last := lines[len(lines)-1]
	if code != 0 || last["event"] != "result" || last["outcome"] != "passed" || last["ok"] != true {
		t.Fatalf("exit %d, last %v", code, last)
	}
	var steps, events []string
	for _, l := range lines[:len(lines)-1] {
		if l["event"] == "step" {
			steps = append(steps, l["key"].(string))
			if l["ok"] != true {
				t.Errorf("step %v", l)
			}
		} else {
			events = append(events, l["event"].(string))
		}
	}
	if got := strings.Join(steps, ","); got != "begin,spvalues,create,ssotab,assign,import,livetest,rollout,review" {
		t.Errorf("steps %s", got)
	}
	if got := strings.Join(events, ","); got != "listening,opened,received" {
		t.Errorf("events %s", got)
	}
	insp := last["inspection"].(map[string]any)
	if insp["ok"] != true || insp["subject"].(map[string]any)["email"] != testidp.DefaultEmail {
		t.Errorf("inspection %v", insp)
	}
	if !strings.HasPrefix(last["signing_key"].(string), "RSA-") {
		t.Errorf("signing key %v", last["signing_key"])
	}
}

// TestDemoHeadlessFaults: with each fault of the test IdP, the headless
// demo's live test names the cause DOMAIN.md gives for the symptom, and
// exits as test-login does (1 rejected, 3 no response, 0 passed with a
// warning). A fault added to the test IdP without an entry here fails.
func TestDemoHeadlessFaults(t *testing.T) {
	for _, fi := range testidp.Faults() {
		want, ok := demoCauses[fi.Name]
		if !ok {
			t.Errorf("fault %s: no expected cause for the demo", fi.Name)
			continue
		}
		t.Run(string(fi.Name), func(t *testing.T) {
			lines, code := demoRun(t, "--fault", string(fi.Name))
			last := lines[len(lines)-1]
			if code != want.code {
				t.Fatalf("exit %d, want %d; %v", code, want.code, last)
			}
			if want.cause != "" {
				causes, _ := last["causes"].([]any)
				if len(causes) == 0 {
					t.Fatalf("no causes: %v", last)
				}
				c := causes[0].(map[string]any)
				if c["id"] != want.cause || !strings.Contains(c["title"].(string)+" "+c["fix"].(string), want.say) {
					t.Errorf("first cause %v, want %s saying %q", c, want.cause, want.say)
				}
				return
			}
			var all []any
			all = append(all, last["findings"].([]any)...)
			all = append(all, last["inspection"].(map[string]any)["findings"].([]any)...)
			for _, f := range all {
				f := f.(map[string]any)
				if f["id"] == want.id {
					if f["severity"] != want.sev || !strings.Contains(f["message"].(string)+" "+f["fix"].(string), want.say) {
						t.Errorf("%s: %v, want %s saying %q", want.id, f, want.sev, want.say)
					}
					return
				}
			}
			t.Errorf("no %s finding in %v", want.id, last)
		})
	}
}

// TestDemoText: the plain report lists the steps and ends with the live
// test's verdict; bad usage is exit 2.
func TestDemoText(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errOut := runCmd(t, "", "demo", "--yes", "--profile", "vome")
	for _, want := range []string{"jcsso demo: Vome against a test IdP", "✓ 1 Before you begin", "✓ 6 Import the metadata", "✓ 7 Test a live login: alice@acmecorp.com signed in; passed",
		"✓ 9 Review and write: wrote 4 files", "ACCEPTED"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if code != 0 || errOut != "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := runCmd(t, "", "demo", "--json"); code != exitUsage || !strings.Contains(out, `"ok":false`) {
		t.Errorf("--json without --yes: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"demo", "--yes", "--fault", "typo"}, {"demo", "--yes", "--profile", "nosuch"},
		{"demo", "--yes", "--fault", "unsigned,sha1,assertion-only"}, {"demo"}} {
		if code, _, errOut := runCmd(t, "", args...); code != exitUsage || errOut == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
}
