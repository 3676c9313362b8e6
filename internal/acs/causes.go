package acs

import (
	"net/url"
	"slices"
	"strings"
)

// Cause is one likely reason no response reached the listener, with what
// to do about it. IDs are stable: scripts and the screens match them.
type Cause struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Fix   string `json:"fix"`
}

// The causes' ids. The last three are the domain's usual suspects, in the
// order the CLI and the screen list them; the others are put first when
// the listener saw evidence for them.
const (
	// CauseResponseRefused: a response reached the listener and was
	// refused (it answered another request, or was too large).
	CauseResponseRefused = "response.refused"
	// CauseACSURLDiffers: a POST arrived on this port at another path, so
	// the ACS URL in JumpCloud is not exactly the test ACS URL.
	CauseACSURLDiffers = "acs.url-differs"
	// CauseLoginNotOpened: no browser opened the login URL.
	CauseLoginNotOpened = "login.not-opened"
	// CauseACSNotAdded: the test ACS URL is not on the app's SSO tab.
	CauseACSNotAdded = "acs.not-added"
	// CauseDefaultACS: JumpCloud posted to the default (first) ACS URL.
	CauseDefaultACS = "acs.default-used"
	// CauseUserNotBound: the user is not bound to the app.
	CauseUserNotBound = "user.not-bound"
)

// causeTable is every cause, in the order they are listed when all apply.
var causeTable = []Cause{
	{CauseResponseRefused, "a response reached the test listener but was refused (see the refusals above)",
		"Start the login again from the login URL of this test, in one browser tab; an older tab answers an older request."},
	{CauseACSURLDiffers, "the IdP posted to this port but another path: the ACS URL in JumpCloud is not exactly the test ACS URL",
		"On the app's SSO tab, copy the test ACS URL again exactly (no trailing slash, http not https), save, and try again."},
	{CauseLoginNotOpened, "no browser opened the login URL",
		"Open the login URL in a browser on this machine (over SSH, forward the test's port first, e.g. ssh -L 8741:127.0.0.1:8741)."},
	{CauseACSNotAdded, "the test ACS URL was not added in JumpCloud, or the SSO tab was not saved",
		"On the app's SSO tab, add the test ACS URL as an extra ACS URL, save, and try again; remove it after the test."},
	{CauseDefaultACS, "JumpCloud posted the response to the default (first) ACS URL, so the browser went to the service provider instead",
		"For the test, move the test ACS URL to the first place (and back afterwards), or use a separate test app in JumpCloud."},
	{CauseUserNotBound, "the user is not bound to the app: JumpCloud showed its no-access page instead of sending a response",
		"On the app's User Groups tab, bind a group the user is in, save, and try again."},
}

// Causes is every cause with its words, in listing order.
func Causes() []Cause { return slices.Clone(causeTable) }

// Evidence is what a listener saw while it waited, the input of
// LikelyCauses, and what a scripted browser saw when one played the user.
type Evidence struct {
	LoginOpened bool
	Refusals    []Refusal
	// ACSURL is the listener's test ACS URL, to tell its posts from
	// others'; empty means any loopback one.
	ACSURL  string
	Browser BrowserOutcome
}

// BrowserOutcome is how a sign-in ended in a browser the program drives
// itself (jcsso demo signs its demo user in so); a person's browser tells
// the listener nothing, and its zero value says nothing.
type BrowserOutcome struct {
	// NoResponse: the IdP's last page carried no response (a no-access
	// page, the user not bound to the app).
	NoResponse bool
	// PostedTo is where the IdP's form posted the response.
	PostedTo string
}

// LikelyCauses orders the causes for what the listener saw: evidence first
// (a refused response, a POST to another path, a login URL never opened,
// in that order), then the test ACS URL not added, JumpCloud posting to
// the default ACS URL, and the user not bound, which always stay listed
// since the listener cannot tell them apart.
func LikelyCauses(ev Evidence) []Cause {
	seen := map[string]bool{CauseACSNotAdded: true, CauseDefaultACS: true, CauseUserNotBound: true}
	for _, r := range ev.Refusals {
		switch {
		case r.Method == "POST" && r.Path == ACSPath && (r.Reason == RefusedOtherRequest || r.Reason == RefusedTooLarge):
			seen[CauseResponseRefused] = true
		case r.Method == "POST" && r.Path != ACSPath:
			seen[CauseACSURLDiffers] = true
		}
	}
	if !ev.LoginOpened {
		seen[CauseLoginNotOpened] = true
	}
	var first, out []Cause
	promoted := ""
	switch b := ev.Browser; {
	case b.NoResponse:
		promoted = CauseUserNotBound
	case b.PostedTo != "" && postedElsewhere(b.PostedTo, ev.ACSURL):
		// The form posted to another server than this listener: the
		// default ACS URL. (A POST to this port at another path is a
		// refusal, which acs.url-differs names.)
		promoted = CauseDefaultACS
	}
	for _, c := range causeTable {
		switch {
		case c.ID == promoted:
			first = append(first, c)
		case seen[c.ID]:
			out = append(out, c)
		}
	}
	return append(first, out...)
}

// postedElsewhere reports whether a post went to another server than the
// listener at acsURL (any loopback listener when acsURL is empty).
func postedElsewhere(postedTo, acsURL string) bool {
	u, err := url.Parse(postedTo)
	if err != nil {
		return true
	}
	if a, err := url.Parse(acsURL); err == nil && a.Host != "" {
		return !strings.EqualFold(u.Host, a.Host)
	}
	return u.Hostname() != Host
}

// WithBrowser returns the error with its causes ordered again for what a
// scripted browser saw (see BrowserOutcome). A browser that finished
// without delivering a response here makes it ErrNoResponse: nothing would
// have come by waiting longer.
func (e *WaitError) WithBrowser(b BrowserOutcome) *WaitError {
	c := *e
	if b.NoResponse || b.PostedTo != "" {
		c.Err = ErrNoResponse
	}
	c.Causes = LikelyCauses(Evidence{LoginOpened: e.LoginOpened, Refusals: e.Refusals, ACSURL: e.ACSURL, Browser: b})
	return &c
}
