package diagnose

import (
	"fmt"
	"strings"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// Evidence is what a walk reasons from: the reports of the checks that
// could be run on what the customer sent, the saved values they were
// compared with, the values the checks expected, and the answers given so
// far. Every part is optional. The caller runs the checks (no I/O here).
type Evidence struct {
	// Metadata is the checked metadata: the fresh metadata when Saved is
	// set (then compared in Drift), else the metadata the service provider
	// has. MetadataSource names it.
	Metadata       *metadata.Report
	MetadataSource string
	// Saved are the values a saved configuration recorded (the service
	// provider's copy); SavedSource names the file.
	Saved       *drift.SavedIdP
	SavedSource string
	// Drift is the comparison of Metadata with Saved.
	Drift samlcheck.Findings
	// Response is the inspected SAMLResponse, verified against the
	// certificates the service provider has (Saved's, else Metadata's);
	// ResponseSource names the file it came from.
	Response       *response.Report
	ResponseSource string
	// Capture describes the browser capture the response came from, or
	// says that it held none.
	Capture *Capture
	// ResponseXML is the inspected response's XML, kept only for a report
	// that asks to include it (ReportOptions.IncludeResponse).
	ResponseXML []byte
	// Expect are the values the checks expected.
	Expect Expect
	// Clock is the time the response was judged at.
	Clock Clock
	// Answers are the answers given, in the order given (a later answer
	// to the same question replaces an earlier one).
	Answers []Answer
	// Unchecked says, one line each, what was given but could not be read
	// and so was not checked, and why (the saved configuration's metadata
	// file): the report names it instead of saying nothing was given.
	Unchecked []string
}

// Capture is what a browser capture held: its format, how many requests
// and SAMLResponses. A capture with no SAMLResponse is evidence too (JumpCloud
// sent the browser nothing to post).
type Capture struct {
	Format    string `json:"format"`
	Requests  int    `json:"requests"`
	Responses int    `json:"responses"`
	// Picked is the number of the response inspected (from 1).
	Picked int `json:"picked,omitempty"`
}

// Expect are the service provider's values the checks were run against:
// the profile's fixed ones (Avoma's), or a saved configuration's.
type Expect struct {
	SPEntityID  string `json:"sp_entity_id,omitempty"`
	ACSURL      string `json:"acs_url,omitempty"`
	IdPEntityID string `json:"idp_entity_id,omitempty"`
}

// Clock is when the response was judged, and where that time came from.
type Clock struct {
	At time.Time `json:"at"`
	// Source is ClockFlag (--now), ClockCapture (when the browser sent
	// it) or ClockNow (the current time: a response captured earlier is
	// then out of its window for that reason alone).
	Source string `json:"source"`
}

// The sources of Clock.
const (
	ClockFlag    = "flag"
	ClockCapture = "capture"
	ClockNow     = "now"
)

// Answer is one question answered.
type Answer struct {
	Question string `json:"question"`
	Value    string `json:"answer"`
}

// answers are the answers by question id, the last given winning.
func (ev *Evidence) answers() map[string]string {
	m := map[string]string{}
	for _, a := range ev.Answers {
		m[a.Question] = a.Value
	}
	return m
}

// AnswerTo is the answer given to question id, or "".
func (ev *Evidence) AnswerTo(id string) string { return ev.answers()[id] }

// Findings are every check's findings: the metadata's, the comparison's,
// then the response's.
func (ev *Evidence) Findings() samlcheck.Findings {
	fs := samlcheck.Findings{}
	if ev.Metadata != nil {
		fs = append(fs, ev.Metadata.Findings...)
	}
	fs = append(fs, ev.Drift...)
	if ev.Response != nil {
		fs = append(fs, ev.Response.Findings...)
	}
	return fs
}

// decoded reports whether there is a response that could be read.
func (ev *Evidence) decoded() bool {
	if ev.Response == nil {
		return false
	}
	for _, f := range ev.Response.Findings.ByID(samlcheck.IDResponseDecode) {
		if f.Severity == samlcheck.SeverityFail {
			return false
		}
	}
	return true
}

// who names the user a response is about.
func (ev *Evidence) who() string {
	s := ev.Response.Subject
	switch {
	case s.Email != "":
		return s.Email
	case s.NameID != "":
		return s.NameID
	}
	return "the user"
}

// quote is a value from a document, safe to show, in quotes.
func quote(s string) string { return fmt.Sprintf("%q", samlcheck.Printable(s)) }

// The notes questions carry when the evidence says something about them.

func noteUser(ev *Evidence, w *Words) string {
	if !ev.decoded() {
		return ""
	}
	return "The captured response names the user " + quote(ev.who()) + ": that is the e-mail JumpCloud sends for them."
}

func noteSPEntityID(ev *Evidence, w *Words) string {
	var parts []string
	if v := ev.Expect.SPEntityID; v != "" {
		parts = append(parts, w.SPCap+" expects "+quote(v)+".")
	}
	if ev.decoded() && len(ev.Response.Conditions.Audiences) > 0 {
		parts = append(parts, "The captured response's Audience (JumpCloud's SP Entity ID) is "+quote(ev.Response.Conditions.Audiences[0])+".")
	}
	return strings.Join(parts, " ")
}

func noteACSURL(ev *Evidence, w *Words) string {
	var parts []string
	if v := ev.Expect.ACSURL; v != "" {
		parts = append(parts, w.SPCap+" expects "+quote(v)+".")
	}
	if ev.decoded() && ev.Response.Destination != "" {
		parts = append(parts, "The captured response was addressed to "+quote(ev.Response.Destination)+".")
	}
	return strings.Join(parts, " ")
}

func noteInResponseTo(ev *Evidence, w *Words) string {
	if !ev.decoded() {
		return ""
	}
	if ev.Response.InResponseTo == "" {
		return "The captured response answers no request (no InResponseTo): that login started from the tile in " + "JumpCloud's " + w.Console.UserPortal + "."
	}
	return "The captured response answers " + w.SP + "'s request " + quote(ev.Response.InResponseTo) + ": that login started at " + w.SP + "."
}

func noteSSOURL(ev *Evidence, w *Words) string {
	if ev.Saved != nil && ev.Saved.SSOURL != "" {
		return "The saved configuration's sign-on URL is " + quote(ev.Saved.SSOURL) + "."
	}
	if ev.Metadata != nil && len(ev.Metadata.IdP.SSO) > 0 {
		return "The metadata given names the sign-on URL " + quote(ev.Metadata.IdP.SSO[0].URL) + "."
	}
	return ""
}
