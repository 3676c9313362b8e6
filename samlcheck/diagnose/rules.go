package diagnose

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
)

// The rules turn the checks' findings and reports into evidence about the
// causes. They read ids, severities and the reports' fields, never a
// message's words: a message is quoted as the evidence, not parsed.

// severityOf is the worst severity the findings give id, and whether any
// finding has it.
func severityOf(fs samlcheck.Findings, id string) (samlcheck.Severity, bool) {
	got := fs.ByID(id)
	if len(got) == 0 {
		return "", false
	}
	return got.Worst(), true
}

// said quotes a finding as evidence: its id and its message.
func said(fs samlcheck.Findings, id string) string {
	for _, f := range fs.ByID(id) {
		if f.Severity == fs.ByID(id).Worst() {
			return id + ": " + samlcheck.Printable(f.Message)
		}
	}
	return id
}

// checkRules gathers what the checks say.
func checkRules(ev *Evidence, w *Words, vs *verdicts) {
	metadataRules(ev, w, vs)
	driftRules(ev, w, vs)
	responseRules(ev, w, vs)
	captureRules(ev, vs)
}

func metadataRules(ev *Evidence, w *Words, vs *verdicts) {
	if ev.Metadata == nil {
		return
	}
	fs := ev.Metadata.Findings
	on := func(id string, cause string, onFail, onPass kind) {
		sev, ok := severityOf(fs, id)
		switch {
		case !ok:
		case sev == samlcheck.SeverityFail || sev == samlcheck.SeverityWarn:
			vs.check(cause, onFail, "the metadata: "+said(fs, id))
		case sev == samlcheck.SeverityPass && onPass != hint:
			vs.check(cause, onPass, "the metadata: "+said(fs, id))
		}
	}
	on(samlcheck.IDEntityIDPlaceholder, CauseAppNotSavedBeforeExport, confirm, ruleOut)
	on(samlcheck.IDSSOAppName, CauseWrongAppMetadata, confirm, ruleOut)
	on(samlcheck.IDCertExpired, CauseCertExpired, confirm, ruleOut)
	redirect := hint
	if w.DeclareRedirect {
		redirect = confirm
	}
	on(samlcheck.IDSSONoRedirect, CauseRedirectNotDeclared, redirect, ruleOut)
}

func driftRules(ev *Evidence, w *Words, vs *verdicts) {
	fs := ev.Drift
	if len(fs) == 0 || ev.Saved == nil || ev.Metadata == nil {
		return
	}
	ssoSev, _ := severityOf(fs, samlcheck.IDDriftSSOURLChanged)
	entitySev, _ := severityOf(fs, samlcheck.IDDriftEntityIDChanged)
	otherApp := ssoSev == samlcheck.SeverityFail
	switch ssoSev {
	case samlcheck.SeverityFail:
		vs.check(CauseWrongAppMetadata, confirm, "the comparison with the saved configuration: "+said(fs, samlcheck.IDDriftSSOURLChanged))
	case samlcheck.SeverityPass:
		vs.check(CauseWrongAppMetadata, ruleOut, "the comparison with the saved configuration: "+said(fs, samlcheck.IDDriftSSOURLChanged))
	}
	if entitySev == samlcheck.SeverityFail {
		vs.check(CauseWrongAppMetadata, hint, "the comparison with the saved configuration: "+said(fs, samlcheck.IDDriftEntityIDChanged))
	}
	// A rotation is the certificate check failing: no saved certificate
	// left in the fresh metadata. (A new one listed beside the saved one
	// is a rotation begun, which breaks nothing yet.)
	switch sev, _ := severityOf(fs, samlcheck.IDDriftCertRotated); {
	case sev == samlcheck.SeverityFail && !otherApp:
		oldFP, newFP := ev.Saved.CertSHA256, freshOnly(ev)
		v := vs.check(CauseStaleMetadata, confirm, "the comparison with the saved configuration: "+said(fs, samlcheck.IDDriftCertRotated))
		v.headline, v.fix = staleWords(w, oldFP, newFP)
	case sev == samlcheck.SeverityFail:
		vs.check(CauseStaleMetadata, hint, "the comparison with the saved configuration: "+said(fs, samlcheck.IDDriftCertRotated))
	case sev == samlcheck.SeverityPass:
		vs.check(CauseStaleMetadata, ruleOut, "the comparison with the saved configuration: "+said(fs, samlcheck.IDDriftCertRotated))
	}
}

// freshOnly are the fingerprints of the fresh metadata's certificates
// that the saved configuration lacks.
func freshOnly(ev *Evidence) []string {
	var out []string
	for _, c := range ev.Metadata.IdP.Certificates {
		if !slices.ContainsFunc(ev.Saved.CertSHA256, func(s string) bool { return sameFingerprint(s, c.SHA256) }) {
			out = append(out, c.SHA256)
		}
	}
	return out
}

func sameFingerprint(a, b string) bool {
	norm := strings.NewReplacer(":", "", " ", "")
	return strings.EqualFold(norm.Replace(a), norm.Replace(b))
}

// staleWords are the stale-metadata diagnosis with both fingerprints.
func staleWords(w *Words, oldFP, newFP []string) (headline, fix string) {
	old, cur := strings.Join(oldFP, ", "), strings.Join(newFP, ", ")
	headline = fmt.Sprintf("Stale metadata: the certificate was regenerated (old fingerprint %s, new %s)", old, cur)
	fix = w.expand("In {ssotab}, {give-fresh}. ") + fmt.Sprintf("%s still trusts the old certificate (SHA-256 %s); JumpCloud now signs with the new one (SHA-256 %s), so every login fails its signature check until %s has it.", w.SPCap, old, cur, w.SP)
	return headline, fix
}

func responseRules(ev *Evidence, w *Words, vs *verdicts) {
	if !ev.decoded() {
		return
	}
	r := ev.Response
	fs := r.Findings
	sev := func(id string) samlcheck.Severity { s, _ := severityOf(fs, id); return s }
	failed := func(id string) bool { return sev(id) == samlcheck.SeverityFail }
	bad := func(id string) bool { return failed(id) || sev(id) == samlcheck.SeverityWarn }
	passed := func(id string) bool { return sev(id) == samlcheck.SeverityPass }
	from := "the captured response: "

	// JumpCloud sent a response: the user got through to an app.
	vs.check(CauseUserNotBound, ruleOut, fmt.Sprintf("the captured response: JumpCloud sent a SAMLResponse for %s, which it does only for a user bound to the app", quote(ev.who())))
	vs.check(CauseWrongLoginMethod, ruleOut, "the captured response: the user signed in through JumpCloud (SSO), not with a password")

	placeholder := failed(samlcheck.IDIssuerPlaceholder)
	otherIssuer := failed(samlcheck.IDIssuerMismatch) && !placeholder
	if placeholder {
		vs.check(CauseAppNotSavedBeforeExport, confirm, from+said(fs, samlcheck.IDIssuerPlaceholder))
	}
	if sc := r.StaleCertificate; sc != nil {
		text := fmt.Sprintf("the captured response: signed with the certificate SHA-256 %s, which %s's copy lacks (it has SHA-256 %s); see signature.invalid", sc.Signer, w.SP, strings.Join(sc.Trusted, ", "))
		if otherIssuer {
			vs.check(CauseStaleMetadata, hint, text)
		} else {
			v := vs.check(CauseStaleMetadata, confirm, text)
			v.headline, v.fix = staleWords(w, sc.Trusted, []string{sc.Signer})
		}
	} else if passed(samlcheck.IDSignatureInvalid) {
		vs.check(CauseStaleMetadata, ruleOut, from+said(fs, samlcheck.IDSignatureInvalid))
	}
	if otherIssuer {
		vs.check(CauseWrongAppMetadata, confirm, from+said(fs, samlcheck.IDIssuerMismatch))
	} else if passed(samlcheck.IDIssuerMismatch) {
		vs.check(CauseWrongAppMetadata, ruleOut, from+said(fs, samlcheck.IDIssuerMismatch))
	}

	signing := false
	for _, id := range []string{samlcheck.IDSignatureMissing, samlcheck.IDSignaturePartial, samlcheck.IDSignatureAlgorithm} {
		if bad(id) {
			vs.check(CauseSigningSetting, confirm, from+said(fs, id))
			signing = true
		}
	}
	if !signing && passed(samlcheck.IDSignaturePartial) && passed(samlcheck.IDSignatureAlgorithm) {
		vs.check(CauseSigningSetting, ruleOut, from+said(fs, samlcheck.IDSignaturePartial)+"; "+said(fs, samlcheck.IDSignatureAlgorithm))
	}

	switch {
	case failed(samlcheck.IDSignatureCertExpired):
		vs.check(CauseCertExpired, confirm, from+said(fs, samlcheck.IDSignatureCertExpired))
	case passed(samlcheck.IDSignatureCertExpired):
		vs.check(CauseCertExpired, ruleOut, from+said(fs, samlcheck.IDSignatureCertExpired))
	}

	switch {
	case failed(samlcheck.IDAudienceMismatch):
		v := vs.check(CauseSPEntityIDTypo, confirm, from+said(fs, samlcheck.IDAudienceMismatch))
		if got, want := first(r.Conditions.Audiences), ev.Expect.SPEntityID; got != "" && want != "" {
			v.headline = fmt.Sprintf("SP Entity ID typo: JumpCloud has %s, %s expects %s", quote(got), w.SP, quote(want))
			v.fix = w.expand("In {ssotab}, set {sp-entity-id} to exactly ") + quote(want) + w.expand(" ({sp}'s value; it is case-sensitive), in place of ") + quote(got) + w.expand(", click {save}, and sign in again.")
		}
	case passed(samlcheck.IDAudienceMismatch):
		vs.check(CauseSPEntityIDTypo, ruleOut, from+said(fs, samlcheck.IDAudienceMismatch))
	}

	switch {
	case failed(samlcheck.IDDestinationMismatch) || failed(samlcheck.IDRecipientMismatch):
		id := samlcheck.IDDestinationMismatch
		if !failed(id) {
			id = samlcheck.IDRecipientMismatch
		}
		v := vs.check(CauseACSURLTypo, confirm, from+said(fs, id))
		if got, want := r.Destination, ev.Expect.ACSURL; failed(samlcheck.IDDestinationMismatch) && got != "" && want != "" {
			v.headline = fmt.Sprintf("ACS URL typo: JumpCloud has %s, %s expects %s", quote(got), w.SP, quote(want))
			v.fix = w.expand("In {ssotab}, set {acs-url} to exactly ") + quote(want) + w.expand(" ({sp}'s value), in place of ") + quote(got) + w.expand(", click {save}, and sign in again.")
		}
	case passed(samlcheck.IDDestinationMismatch) && passed(samlcheck.IDRecipientMismatch):
		vs.check(CauseACSURLTypo, ruleOut, from+said(fs, samlcheck.IDDestinationMismatch))
	}

	clockRules(ev, vs, failed(samlcheck.IDTimeWindow), passed(samlcheck.IDTimeWindow))

	if r.InResponseTo == "" {
		vs.check(CauseIdPInitiatedRejected, hint, "the captured response answers no request (no InResponseTo): the login started from the app's tile in JumpCloud's "+w.Console.UserPortal)
	} else {
		vs.check(CauseIdPInitiatedRejected, ruleOut, "the captured response answers "+w.SP+"'s request "+quote(r.InResponseTo)+": the login started at "+w.SP)
	}
	if failed(samlcheck.IDSubjectEmail) || failed(samlcheck.IDSubjectMissing) {
		id := samlcheck.IDSubjectEmail
		if failed(samlcheck.IDSubjectMissing) {
			id = samlcheck.IDSubjectMissing
		}
		vs.check(CauseEmailMismatch, confirm, from+said(fs, id))
	}
	if failed(samlcheck.IDResponseStatus) {
		vs.check(CauseUserNotBound, hint, from+said(fs, samlcheck.IDResponseStatus))
	}
}

// clockRules: a response out of its window is a clock problem only when
// the clock it was judged by is when it was sent (a capture's time, or
// --now); judged at the current time, a response captured earlier is out
// of its window for that alone, unless it was issued in the future.
func clockRules(ev *Evidence, vs *verdicts, failed, passed bool) {
	fs := ev.Response.Findings
	from := "the captured response: "
	known := ev.Clock.Source == ClockFlag || ev.Clock.Source == ClockCapture
	issued, err := time.Parse(time.RFC3339Nano, ev.Response.IssueInstant)
	future := err == nil && !ev.Clock.At.IsZero() && issued.After(ev.Clock.At)
	switch {
	case failed && (known || future):
		vs.check(CauseClockSkew, confirm, from+said(fs, samlcheck.IDTimeWindow))
	case failed:
		vs.check(CauseClockSkew, hint, from+said(fs, samlcheck.IDTimeWindow)+" (judged at the current time, not when it was captured: give --now with the time of the login to judge the clock)")
	case passed:
		vs.check(CauseClockSkew, ruleOut, from+said(fs, samlcheck.IDTimeWindow))
	}
}

func captureRules(ev *Evidence, vs *verdicts) {
	c := ev.Capture
	if c == nil || c.Responses > 0 {
		return
	}
	vs.check(CauseUserNotBound, hint, fmt.Sprintf("the capture: %d requests and no SAMLResponse: JumpCloud sent the browser nothing to post (what a user who is not bound sees)", c.Requests))
	vs.check(CauseWrongLoginMethod, hint, "the capture: no SAMLResponse, so the sign-in never went through JumpCloud's SSO, or failed before it")
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}
