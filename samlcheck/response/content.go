package response

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// statusSuccess is the top-level StatusCode of a successful response.
const statusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success"

// noAssertion is the message of a check that needs the Assertion's values.
const noAssertion = "not checked: there is no readable Assertion (see assertion.count)"

func shortStatus(code string) string {
	return strings.TrimPrefix(code, "urn:oasis:names:tc:SAML:2.0:status:")
}

func (in *inspection) checkStatus() {
	st := xmlsafe.Child(in.respView, xmlsafe.NSProtocol, "Status")
	code := xmlsafe.Child(st, xmlsafe.NSProtocol, "StatusCode")
	top := xmlsafe.Attr(code, "Value")
	switch {
	case st == nil:
		in.b.Problem(samlcheck.IDResponseStatus, "the Response has no Status, so it does not say the login succeeded", "")
		return
	case code == nil || top == "":
		in.b.Problem(samlcheck.IDResponseStatus, "the Status has no StatusCode, so it does not say the login succeeded", "")
		return
	case top == statusSuccess:
		in.b.Pass(samlcheck.IDResponseStatus, "StatusCode Success")
		return
	}
	msg := "StatusCode is " + shortStatus(top)
	if second := xmlsafe.Attr(xmlsafe.Child(code, xmlsafe.NSProtocol, "StatusCode"), "Value"); second != "" {
		msg += ", second-level " + shortStatus(second)
	}
	if m := xmlsafe.Text(xmlsafe.Child(st, xmlsafe.NSProtocol, "StatusMessage")); m != "" {
		msg += fmt.Sprintf(", StatusMessage %q", m)
	}
	in.b.Problem(samlcheck.IDResponseStatus, msg+"; expected Success", "")
}

func (in *inspection) checkAssertionCount() {
	s := in.shape
	var problems []string
	fix := ""
	if s.encrypted > 0 {
		problems = append(problems, "the Assertion is encrypted (EncryptedAssertion): it cannot be read without the service provider's private key, so jcsso cannot check what it says")
		fix = "Check it in the service provider's own logs, or turn assertion encryption off while testing; JumpCloud encrypts assertions only when an SP certificate asks for it."
	}
	switch {
	case len(s.direct) == 0 && len(s.nested) == 0 && s.encrypted == 0:
		problems = append(problems, "the Response holds no Assertion, so nobody is logged in")
	case len(s.direct) > 1:
		problems = append(problems, fmt.Sprintf("the Response holds %d Assertions; SAML allows exactly one here", len(s.direct)))
	}
	for _, n := range s.nested {
		problems = append(problems, fmt.Sprintf("an Assertion sits inside %s, where no service provider reads it (signature wrapping)", xmlsafe.Describe(n.Parent())))
	}
	for _, sig := range s.stray {
		problems = append(problems, fmt.Sprintf("a Signature inside %s signs an element the values are not read from (signature wrapping)", xmlsafe.Describe(sig.Parent())))
	}
	for _, id := range s.dupIDs {
		problems = append(problems, fmt.Sprintf("the ID %q is carried by more than one element, so a signature could cover one copy while the values come from another", id))
	}
	if len(problems) > 0 {
		in.b.Problem(samlcheck.IDAssertionCount, strings.Join(problems, "; "), fix)
		return
	}
	in.b.Pass(samlcheck.IDAssertionCount, "one Assertion, directly inside the Response")
}

func (in *inspection) checkIssuer() {
	exp := in.opts.IdPEntityID
	respIss := xmlsafe.Child(in.respView, xmlsafe.NSAssertion, "Issuer")
	if exp == "" {
		in.b.Info(samlcheck.IDIssuerMismatch, fmt.Sprintf("%s; the Issuer is %q", in.opts.Inputs.NotGiven("the IdP entity ID", samlcheck.InputIdPEntityID, samlcheck.InputMetadata), in.rep.Issuer), "")
		return
	}
	var problems []string
	near := ""
	if respIss != nil && xmlsafe.Text(respIss) != exp {
		problems = append(problems, fmt.Sprintf("the Response's Issuer is %q", xmlsafe.Text(respIss)))
		near = nearMiss(exp, xmlsafe.Text(respIss))
	}
	if in.assertion != nil {
		switch {
		case !in.vals.hasIssuer:
			problems = append(problems, "the Assertion has no Issuer")
		case in.vals.issuer != exp:
			problems = append(problems, fmt.Sprintf("the Assertion's Issuer is %q", in.vals.issuer))
			near = nearMiss(exp, in.vals.issuer)
		}
	}
	if len(problems) == 0 {
		in.b.Pass(samlcheck.IDIssuerMismatch, fmt.Sprintf("Issuer %q is the IdP entity ID", exp))
		return
	}
	msg := fmt.Sprintf("expected the IdP entity ID %q, but %s", exp, strings.Join(problems, " and "))
	if near != "" {
		msg += "; " + near
	}
	fix := ""
	switch {
	case rules.IsJumpCloudPlaceholder(exp):
		msg += "; the expected value is JumpCloud's unfilled placeholder, so the metadata was exported before the app was saved"
		fix = "In JumpCloud, save the app (with its IdP Entity ID filled in), export fresh metadata and upload it to the service provider again."
	case rules.IsJumpCloudPlaceholder(in.rep.Issuer):
		msg += "; JumpCloud sends its unfilled placeholder: the IdP Entity ID field was never filled in"
		fix = "In JumpCloud, on the app's SSO tab, fill in IdP Entity ID (for example jumpcloud-<your-org>), save, export fresh metadata and upload it to the service provider again."
	}
	in.b.Problem(samlcheck.IDIssuerMismatch, msg, fix)
}

func (in *inspection) checkAudience() {
	exp := in.opts.SPEntityID
	switch {
	case in.assertion == nil:
		in.b.Info(samlcheck.IDAudienceMismatch, noAssertion, "")
		return
	case exp == "":
		in.b.Info(samlcheck.IDAudienceMismatch, fmt.Sprintf("%s; the Audience is %s", in.opts.Inputs.NotGiven("the SP entity ID", samlcheck.InputSPEntityID), quoteList(in.vals.audiences)), "")
		return
	case len(in.vals.audiences) == 0:
		in.b.Problem(samlcheck.IDAudienceMismatch, fmt.Sprintf("the Assertion names no Audience, so nothing says it is meant for the SP entity ID %q", exp), "")
		return
	}
	for _, list := range in.vals.restrictions {
		if slices.Contains(list, exp) {
			continue
		}
		msg := fmt.Sprintf("no Audience equals the SP entity ID %q: the Audience is %s", exp, quoteList(list))
		for _, au := range list {
			if n := nearMiss(exp, au); n != "" {
				msg += fmt.Sprintf("; %q is %s", au, n)
				break
			}
		}
		in.b.Problem(samlcheck.IDAudienceMismatch, msg, "")
		return
	}
	in.b.Pass(samlcheck.IDAudienceMismatch, fmt.Sprintf("Audience %q is the SP entity ID", exp))
}

func (in *inspection) checkDestination() {
	exp, dest := in.opts.ACSURL, xmlsafe.Attr(in.respView, "Destination")
	switch {
	case exp == "":
		in.b.Info(samlcheck.IDDestinationMismatch, fmt.Sprintf("%s; the Destination is %q", in.opts.Inputs.NotGiven("the ACS URL", samlcheck.InputACSURL), dest), "")
	case !xmlsafe.HasAttr(in.respView, "Destination"):
		in.b.Info(samlcheck.IDDestinationMismatch, "the Response has no Destination; nothing to compare", "")
	case dest != exp:
		msg := fmt.Sprintf("the Destination is %q, expected the ACS URL %q", dest, exp)
		if n := nearMiss(exp, dest); n != "" {
			msg += "; " + n
		}
		in.b.Problem(samlcheck.IDDestinationMismatch, msg, "")
	default:
		in.b.Pass(samlcheck.IDDestinationMismatch, fmt.Sprintf("Destination %q is the ACS URL", exp))
	}
}

func (in *inspection) checkRecipient() {
	exp := in.opts.ACSURL
	if in.assertion == nil {
		in.b.Info(samlcheck.IDRecipientMismatch, noAssertion, "")
		return
	}
	var recipients []string
	for _, scd := range in.vals.confirmations {
		if xmlsafe.HasAttr(scd, "Recipient") {
			recipients = append(recipients, xmlsafe.Attr(scd, "Recipient"))
		}
	}
	switch {
	case exp == "":
		in.b.Info(samlcheck.IDRecipientMismatch, fmt.Sprintf("%s; the Recipient is %s", in.opts.Inputs.NotGiven("the ACS URL", samlcheck.InputACSURL), quoteList(recipients)), "")
		return
	case len(recipients) == 0:
		in.b.Info(samlcheck.IDRecipientMismatch, "the Assertion's SubjectConfirmationData has no Recipient; nothing to compare", "")
		return
	}
	for _, r := range recipients {
		if r != exp {
			msg := fmt.Sprintf("the SubjectConfirmationData's Recipient is %q, expected the ACS URL %q", r, exp)
			if n := nearMiss(exp, r); n != "" {
				msg += "; " + n
			}
			in.b.Problem(samlcheck.IDRecipientMismatch, msg, "")
			return
		}
	}
	in.b.Pass(samlcheck.IDRecipientMismatch, fmt.Sprintf("Recipient %q is the ACS URL", exp))
}

func (in *inspection) checkInResponseTo() {
	exp := in.opts.RequestID
	var answers []string
	if xmlsafe.HasAttr(in.respView, "InResponseTo") {
		answers = append(answers, xmlsafe.Attr(in.respView, "InResponseTo"))
	}
	for _, scd := range in.vals.confirmations {
		if xmlsafe.HasAttr(scd, "InResponseTo") {
			answers = append(answers, xmlsafe.Attr(scd, "InResponseTo"))
		}
	}
	if exp == "" {
		if len(answers) == 0 {
			in.b.Info(samlcheck.IDInResponseToMismatch, "not checked: the response answers no request (an IdP-initiated login, started from JumpCloud)", "")
		} else {
			in.b.Info(samlcheck.IDInResponseToMismatch, fmt.Sprintf("%s; the response answers request %q", in.opts.Inputs.NotGiven("the ID of the request the service provider sent", samlcheck.InputRequestID), answers[0]), "")
		}
		return
	}
	if len(answers) == 0 {
		in.b.Problem(samlcheck.IDInResponseToMismatch, fmt.Sprintf("the response answers no request (an IdP-initiated login), but the service provider sent request %q", exp),
			"Start the login from the service provider's login page (its SSO option), not from JumpCloud's user portal, when the service provider only accepts answers to its own requests.")
		return
	}
	for _, a := range answers {
		if a != exp {
			in.b.Problem(samlcheck.IDInResponseToMismatch, fmt.Sprintf("InResponseTo is %q, expected the request ID %q", a, exp), "")
			return
		}
	}
	in.b.Pass(samlcheck.IDInResponseToMismatch, fmt.Sprintf("it answers request %q", exp))
}

func (in *inspection) checkTimeWindow() {
	if in.assertion == nil {
		in.b.Info(samlcheck.IDTimeWindow, noAssertion, "")
		return
	}
	now, skew := in.opts.Now, in.opts.Skew
	var problems []string
	var bounds []string
	notAfter := func(label, v string) {
		t, err := parseSAMLTime(v)
		if err != nil {
			problems = append(problems, label+" "+err.Error())
			return
		}
		bounds = append(bounds, label+" "+v)
		if !now.Add(-skew).Before(t) {
			problems = append(problems, fmt.Sprintf("%s %s has passed (%s before the clock)", label, v, words.Gap(t, now)))
		}
	}
	if in.vals.notBefore != "" {
		if t, err := parseSAMLTime(in.vals.notBefore); err != nil {
			problems = append(problems, "Conditions NotBefore "+err.Error())
		} else {
			bounds = append(bounds, "Conditions NotBefore "+in.vals.notBefore)
			if now.Add(skew).Before(t) {
				problems = append(problems, fmt.Sprintf("Conditions NotBefore %s has not come yet (%s after the clock)", in.vals.notBefore, words.Gap(now, t)))
			}
		}
	}
	if in.vals.notOnOrAfter != "" {
		notAfter("Conditions NotOnOrAfter", in.vals.notOnOrAfter)
	}
	for _, scd := range in.vals.confirmations {
		if xmlsafe.HasAttr(scd, "NotOnOrAfter") {
			notAfter("SubjectConfirmationData NotOnOrAfter", xmlsafe.Attr(scd, "NotOnOrAfter"))
		}
	}
	clock := fmt.Sprintf("the clock is %s, allowing %s of skew", now.Format(time.RFC3339), skew)
	if d := in.clockDifference(); d != "" {
		clock += "; " + d
	}
	switch {
	case len(problems) > 0:
		in.b.Problem(samlcheck.IDTimeWindow, strings.Join(problems, "; ")+"; "+clock, "")
	case len(bounds) == 0:
		in.b.Info(samlcheck.IDTimeWindow, "the Assertion sets no validity window; "+clock, "")
	default:
		in.b.Pass(samlcheck.IDTimeWindow, "valid now: "+clock)
	}
}

// clockDifference says how far the response's IssueInstant is from the
// clock: a large difference points at a wrong clock rather than a stale
// capture.
func (in *inspection) clockDifference() string {
	if in.rep.IssueInstant == "" {
		return ""
	}
	t, err := parseSAMLTime(in.rep.IssueInstant)
	if err != nil {
		return ""
	}
	switch now := in.opts.Now; {
	case t.After(now.Add(time.Second)):
		return fmt.Sprintf("the response was issued %s after your clock", words.Gap(now, t))
	case t.Before(now.Add(-time.Second)):
		return fmt.Sprintf("the response was issued %s before your clock", words.Gap(t, now))
	}
	return "the response was issued at your clock's time"
}

func (in *inspection) checkSubject() {
	switch {
	case in.assertion == nil:
		in.b.Info(samlcheck.IDSubjectMissing, noAssertion, "")
	case in.vals.encryptedID:
		in.b.Problem(samlcheck.IDSubjectMissing, "the NameID is encrypted (EncryptedID); it cannot be read without the service provider's private key", "")
	case in.vals.nameID == nil:
		in.b.Problem(samlcheck.IDSubjectMissing, "the Assertion's Subject has no NameID", "")
	case in.rep.Subject.NameID == "":
		in.b.Problem(samlcheck.IDSubjectMissing, "the NameID is empty", "")
	default:
		format := in.rep.Subject.Format
		if format == "" {
			format = "not given"
		}
		in.b.Pass(samlcheck.IDSubjectMissing, fmt.Sprintf("NameID %q (format %s)", in.rep.Subject.NameID, format))
	}
}

func (in *inspection) checkEmail() {
	if in.assertion == nil {
		in.b.Info(samlcheck.IDSubjectEmail, noAssertion, "")
		return
	}
	email := in.rep.Subject.Email
	switch {
	case email != "" && email == in.rep.Subject.NameID:
		in.b.Pass(samlcheck.IDSubjectEmail, fmt.Sprintf("%s, from the NameID", email))
	case email != "":
		_, name := emailAttribute(in.assertion)
		in.b.Pass(samlcheck.IDSubjectEmail, fmt.Sprintf("%s, from the attribute %q (the NameID is not an e-mail address)", email, name))
	default:
		names := in.vals.attrOrder
		sent := "no attributes"
		if len(names) > 0 {
			sent = "attributes " + quoteList(names)
		}
		in.b.Problem(samlcheck.IDSubjectEmail, fmt.Sprintf("neither the NameID (%q) nor an e-mail attribute (email, mail, emailaddress) holds an e-mail address; the response carries %s", in.rep.Subject.NameID, sent), "")
	}
}

func (in *inspection) checkAdmin() {
	email := in.rep.Subject.Email
	admins := in.opts.Admins
	switch {
	case admins == nil:
		in.b.Info(samlcheck.IDAdminUnknown, in.opts.Inputs.NotGiven("the list of the service provider's admins, to compare the e-mail with,", samlcheck.InputAdmins), "")
		return
	case email == "":
		in.b.Problem(samlcheck.IDAdminUnknown, fmt.Sprintf("there is no e-mail address to compare with the %d admins given (see subject.email)", len(admins)), "")
		return
	}
	for _, a := range admins {
		if strings.EqualFold(strings.TrimSpace(a), email) {
			in.b.Pass(samlcheck.IDAdminUnknown, fmt.Sprintf("%s is one of the service provider's admins", email))
			return
		}
	}
	in.b.Problem(samlcheck.IDAdminUnknown, fmt.Sprintf("JumpCloud sent %s, which is not %s; the service provider logs in only admins that already exist there, with this exact e-mail", email, adminsGiven(len(admins))), "")
}

func adminsGiven(n int) string {
	switch n {
	case 0:
		return "in the admin list given (it is empty)"
	case 1:
		return "the one admin given"
	}
	return fmt.Sprintf("among the %d admins given", n)
}

func quoteList(list []string) string {
	if len(list) == 0 {
		return "absent"
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
