package diagnose_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
)

// TestChecksDecide: what each check finds settles its cause with no
// question asked, and the diagnosis carries the values that prove it.
func TestChecksDecide(t *testing.T) {
	now, before := keys(t)
	signed := func(o samltest.ResponseOptions) samltest.ResponseOptions {
		o.InResponseTo, o.SignAssertion, o.SignResponse, o.Signer = "_req", true, true, now
		return o
	}
	w := avomaWords()
	clock := diagnose.Clock{At: judgedAt, Source: diagnose.ClockFlag}
	resp := func(o samltest.ResponseOptions, trusted samltest.KeyPair) diagnose.Evidence {
		r, xml := inspected(t, o, trusted)
		return diagnose.Evidence{Response: r, ResponseXML: xml, Expect: expect, Clock: clock}
	}
	fresh := checked(t, now, samltest.MetadataOptions{}, "")
	cases := []struct {
		name, symptom, cause string
		ev                   diagnose.Evidence
		say                  []string
	}{
		{"placeholder metadata", diagnose.SymptomPlaceholderEntityID, diagnose.CauseAppNotSavedBeforeExport,
			diagnose.Evidence{Metadata: checked(t, now, samltest.MetadataOptions{EntityID: "IdP Entity ID"}, "")},
			[]string{"entityid.placeholder", "Copy Metadata URL", "Avoma's support team"}},
		{"rotated, by the response", diagnose.SymptomSignatureError, diagnose.CauseStaleMetadata,
			resp(signed(samltest.ResponseOptions{}), before),
			[]string{"old fingerprint " + samlcheck.FingerprintSHA256(before.Cert), "new " + samlcheck.FingerprintSHA256(now.Cert)}},
		{"rotated, by the comparison", diagnose.SymptomSignatureError, diagnose.CauseStaleMetadata,
			diagnose.Evidence{Metadata: fresh, Saved: savedFrom(before), Drift: drift.Compare(*savedFrom(before), fresh)},
			[]string{"old fingerprint " + samlcheck.FingerprintSHA256(before.Cert), "new " + samlcheck.FingerprintSHA256(now.Cert)}},
		{"assertion only", diagnose.SymptomSignatureError, diagnose.CauseSigningSetting,
			resp(samltest.ResponseOptions{InResponseTo: "_req", SignAssertion: true, Signer: now}, now), []string{"signature.partial", "Assertion and Response"}},
		{"unsigned", diagnose.SymptomSignatureError, diagnose.CauseSigningSetting,
			resp(samltest.ResponseOptions{InResponseTo: "_req"}, now), []string{"signature.missing"}},
		{"sha1", diagnose.SymptomSignatureError, diagnose.CauseSigningSetting,
			resp(signed(samltest.ResponseOptions{Sign: samltest.SignOptions{SHA1: true}}), now), []string{"signature.algorithm", "RSA-SHA256"}},
		{"audience typo", diagnose.SymptomAudienceOrDestination, diagnose.CauseSPEntityIDTypo,
			resp(signed(samltest.ResponseOptions{SPEntityID: "https://app.avoma.con"}), now),
			[]string{`JumpCloud has "https://app.avoma.con", Avoma expects "` + expect.SPEntityID + `"`}},
		{"acs typo", diagnose.SymptomAudienceOrDestination, diagnose.CauseACSURLTypo,
			resp(signed(samltest.ResponseOptions{ACSURL: expect.ACSURL + "x"}), now),
			[]string{`JumpCloud has "` + expect.ACSURL + `x", Avoma expects "` + expect.ACSURL + `"`}},
		{"skew", diagnose.SymptomFailsAfterLogin, diagnose.CauseClockSkew,
			resp(signed(samltest.ResponseOptions{IssueInstant: samltest.DefaultIssueInstant.Add(10 * time.Minute)}), now), []string{"time.window", "NTP"}},
		{"another app's issuer", diagnose.SymptomSignatureError, diagnose.CauseWrongAppMetadata,
			resp(signed(samltest.ResponseOptions{IdPEntityID: "jumpcloud-other"}), now), []string{"issuer.mismatch"}},
		{"another app's sign-on URL", diagnose.SymptomPlaceholderEntityID, diagnose.CauseWrongAppMetadata,
			diagnose.Evidence{Metadata: checked(t, now, samltest.MetadataOptions{SSOURL: "https://sso.jumpcloud.com/saml2/othercrm"}, "avoma")},
			[]string{"sso.app-name"}},
		{"no redirect", diagnose.SymptomUnknown, diagnose.CauseRedirectNotDeclared,
			diagnose.Evidence{Metadata: checked(t, now, samltest.MetadataOptions{PostOnly: true}, "")}, []string{"sso.no-redirect", "Declare Redirect Endpoint"}},
		{"sessions end at Avoma", diagnose.SymptomSessionsEnded, diagnose.CauseSessionsEndedExpected,
			diagnose.Evidence{}, []string{"SSO option"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := walk(t, tc.symptom, tc.ev, w)
			d := wantDiagnosis(t, res, tc.cause)
			if !d.Confirmed || res.Next != nil {
				t.Errorf("confirmed %v, next %+v", d.Confirmed, res.Next)
			}
			all := d.Title + "\n" + d.Fix + "\n" + strings.Join(d.Evidence, "\n")
			for _, s := range tc.say {
				if !strings.Contains(all, s) {
					t.Errorf("diagnosis lacks %q:\n%s", s, all)
				}
			}
		})
	}
}

// TestGenuineResponseRulesOut: a response the service provider would
// accept rules out every cause a response can show, and the user is bound.
func TestGenuineResponseRulesOut(t *testing.T) {
	now, _ := keys(t)
	r, _ := inspected(t, samltest.ResponseOptions{InResponseTo: "_req", SignAssertion: true, SignResponse: true, Signer: now}, now)
	res := walk(t, diagnose.SymptomUnknown, diagnose.Evidence{Response: r, Expect: expect, Clock: diagnose.Clock{At: judgedAt, Source: diagnose.ClockFlag}}, avomaWords())
	for _, c := range []string{diagnose.CauseUserNotBound, diagnose.CauseStaleMetadata, diagnose.CauseSigningSetting, diagnose.CauseCertExpired,
		diagnose.CauseSPEntityIDTypo, diagnose.CauseACSURLTypo, diagnose.CauseClockSkew, diagnose.CauseIdPInitiatedRejected, diagnose.CauseWrongLoginMethod, diagnose.CauseWrongAppMetadata} {
		if got := statusOf(res, c); got != diagnose.StatusRuledOut {
			t.Errorf("%s: %s, want ruled out", c, got)
		}
	}
}

// TestOldCaptureIsNotSkew: judged at the current time, a response
// captured earlier is out of its window for that alone; it is not
// evidence of a clock problem unless it was issued in the future.
func TestOldCaptureIsNotSkew(t *testing.T) {
	now, _ := keys(t)
	r, _ := inspected(t, samltest.ResponseOptions{InResponseTo: "_req", SignAssertion: true, SignResponse: true, Signer: now}, now)
	r2 := *r
	r2.Findings = append(samlcheck.Findings{{ID: samlcheck.IDTimeWindow, Severity: samlcheck.SeverityFail, Message: "expired"}}, r.Findings...)
	res := walk(t, diagnose.SymptomFailsAfterLogin, diagnose.Evidence{Response: &r2, Clock: diagnose.Clock{At: judgedAt.AddDate(1, 0, 0), Source: diagnose.ClockNow}}, avomaWords())
	if got := statusOf(res, diagnose.CauseClockSkew); got != diagnose.StatusPossible {
		t.Errorf("clock-skew %s, want possible", got)
	}
}

// TestQuestionsInOrder: one user who cannot sign in, nothing captured:
// the domain's order (assignment, the login method, the e-mail, the SP's
// confirmation), each answer moving on, the last one settling it.
func TestQuestionsInOrder(t *testing.T) {
	w := avomaWords()
	var ev diagnose.Evidence
	for _, step := range []struct{ want, answer string }{
		{diagnose.QuestionUserInBoundGroup, diagnose.AnswerYes},
		{diagnose.QuestionUsedSSOOption, diagnose.AnswerYes},
		{diagnose.QuestionEmailMatches, diagnose.AnswerYes},
	} {
		res := walk(t, diagnose.SymptomOneUserCannotLogin, ev, w)
		if res.Next == nil || res.Next.ID != step.want {
			t.Fatalf("after %v: next %+v, want %s (causes %+v)", ev.Answers, res.Next, step.want, res.Causes)
		}
		ev.Answers = append(ev.Answers, diagnose.Answer{Question: step.want, Value: step.answer})
	}
	// The only cause left is the diagnosis, with the question that would confirm it.
	res := walk(t, diagnose.SymptomOneUserCannotLogin, ev, w)
	d := wantDiagnosis(t, res, diagnose.CauseSPNotConfirmed)
	if d.Confirmed || d.ConfirmWith == nil || d.ConfirmWith.ID != diagnose.QuestionSPConfirmed {
		t.Fatalf("diagnosis %+v", d)
	}
	ev.Answers = append(ev.Answers, diagnose.Answer{Question: diagnose.QuestionSPConfirmed, Value: diagnose.AnswerNo})
	d = wantDiagnosis(t, walk(t, diagnose.SymptomOneUserCannotLogin, ev, w), diagnose.CauseSPNotConfirmed)
	if !d.Confirmed || !strings.Contains(d.Fix, "Avoma's support") {
		t.Errorf("diagnosis %+v", d)
	}
	// Vome: no confirmation to wait for, but the admin must exist.
	res = walk(t, diagnose.SymptomOneUserCannotLogin, diagnose.Evidence{Answers: ev.Answers[:3]}, vomeWords())
	if d := wantDiagnosis(t, res, diagnose.CauseAdminMissing); d.ConfirmWith == nil || d.ConfirmWith.ID != diagnose.QuestionAdminExists || !strings.Contains(d.Fix, "Create the admin in Vome first") {
		t.Fatalf("vome: %+v", d)
	}
	if statusOf(res, diagnose.CauseSPNotConfirmed) != diagnose.StatusRuledOut {
		t.Errorf("vome: sp-not-confirmed %s", statusOf(res, diagnose.CauseSPNotConfirmed))
	}
}

// TestOnlyOneLeft: when every other cause is ruled out, the one left is
// the diagnosis, said to be only that.
func TestOnlyOneLeft(t *testing.T) {
	res := walk(t, diagnose.SymptomAudienceOrDestination, diagnose.Evidence{Answers: []diagnose.Answer{{Question: diagnose.QuestionSPEntityIDMatches, Value: diagnose.AnswerYes}}}, avomaWords())
	if d := wantDiagnosis(t, res, diagnose.CauseACSURLTypo); d.Confirmed {
		t.Errorf("confirmed with no evidence for it")
	}
}

// TestChecksOutweighAnswers: an answer that contradicts a check's fact
// does not decide; a changed answer re-decides.
func TestChecksOutweighAnswers(t *testing.T) {
	now, _ := keys(t)
	r, _ := inspected(t, samltest.ResponseOptions{InResponseTo: "_req", SignAssertion: true, SignResponse: true, Signer: now}, now)
	ev := diagnose.Evidence{Response: r, Expect: expect, Clock: diagnose.Clock{At: judgedAt, Source: diagnose.ClockFlag},
		Answers: []diagnose.Answer{{Question: diagnose.QuestionSignSetting, Value: diagnose.AnswerNo}}}
	res := walk(t, diagnose.SymptomSignatureError, ev, avomaWords())
	if got := statusOf(res, diagnose.CauseSigningSetting); got != diagnose.StatusRuledOut {
		t.Errorf("signing-setting %s: the response shows both signed", got)
	}
	ev = diagnose.Evidence{Answers: []diagnose.Answer{{Question: diagnose.QuestionCertRegenerated, Value: diagnose.AnswerNo}, {Question: diagnose.QuestionCertRegenerated, Value: diagnose.AnswerYes}}}
	res = walk(t, diagnose.SymptomSignatureError, ev, avomaWords())
	wantDiagnosis(t, res, diagnose.CauseStaleMetadata)
	if len(res.Answers) != 1 || res.Answers[0].Value != diagnose.AnswerYes {
		t.Errorf("answers %+v: one per question, the last given", res.Answers)
	}
}

// TestWalkRefuses: an unknown symptom or question, or an answer a
// question does not take, is an error naming what is accepted.
func TestWalkRefuses(t *testing.T) {
	for _, tc := range []struct {
		symptom string
		answers []diagnose.Answer
		want    error
		say     string
	}{
		{"signature-eror", nil, diagnose.ErrUnknownSymptom, "signature-error"},
		{"unknown", []diagnose.Answer{{Question: "nope", Value: "yes"}}, diagnose.ErrUnknownQuestion, "user-in-bound-group"},
		{"unknown", []diagnose.Answer{{Question: diagnose.QuestionSignSetting, Value: "maybe"}}, diagnose.ErrBadAnswer, "yes, no or unsure"},
	} {
		_, err := diagnose.Walk(tc.symptom, diagnose.Evidence{Answers: tc.answers}, avomaWords())
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.say) {
			t.Errorf("%s %v: %v", tc.symptom, tc.answers, err)
		}
	}
}

// TestMetadataRulesNeedTheirCheck: a check that could not run (info)
// decides nothing.
func TestMetadataRulesNeedTheirCheck(t *testing.T) {
	now, _ := keys(t)
	md := metadata.Check(samltest.Metadata(now, samltest.MetadataOptions{}), metadata.Options{Now: judgedAt})
	res := walk(t, diagnose.SymptomPlaceholderEntityID, diagnose.Evidence{Metadata: md}, avomaWords())
	if got := statusOf(res, diagnose.CauseWrongAppMetadata); got != diagnose.StatusPossible {
		t.Errorf("wrong-app-metadata %s with no app name to compare", got)
	}
	if got := statusOf(res, diagnose.CauseAppNotSavedBeforeExport); got != diagnose.StatusRuledOut {
		t.Errorf("app-not-saved-before-export %s with a real entityID", got)
	}
}
