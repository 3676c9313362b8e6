package diagnose

import "slices"

// The questions' ids: stable, listed by `jcsso troubleshoot --list`, and
// given as `--answer ID=yes|no`.
const (
	QuestionUserInBoundGroup     = "user-in-bound-group"
	QuestionUsedSSOOption        = "used-sso-option"
	QuestionEmailMatches         = "email-matches"
	QuestionAdminExists          = "admin-exists"
	QuestionSPConfirmed          = "sp-confirmed"
	QuestionCertRegenerated      = "cert-regenerated"
	QuestionSignSetting          = "sign-setting"
	QuestionCertExpiredDate      = "cert-expired-date"
	QuestionSPEntityIDMatches    = "sp-entity-id-matches"
	QuestionACSURLMatches        = "acs-url-matches"
	QuestionClockErrorLogged     = "clock-error-logged"
	QuestionWorksFromSPLogin     = "works-from-sp-login"
	QuestionIdPURLMatches        = "idp-url-matches"
	QuestionPlaceholderAfterSave = "placeholder-after-save"
	QuestionRedirectTicked       = "redirect-ticked"
	QuestionSPEndsSessions       = "sp-ends-sessions"
)

// The answers a question takes. Unsure is always accepted and decides
// nothing, so a question nobody can answer does not stop the session.
const (
	AnswerYes    = "yes"
	AnswerNo     = "no"
	AnswerUnsure = "unsure"
)

// Choice is one answer a question offers.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// yesNo are the choices of a yes/no question.
var yesNo = []Choice{{AnswerYes, "Yes"}, {AnswerNo, "No"}, {AnswerUnsure, "Not sure"}}

// Question is one row of the questions table: something only JumpCloud's
// console, the service provider or the user can tell, asked as yes/no
// (or a short choice), with where to look. Texts may use the placeholders
// of Words.expand.
type Question struct {
	ID string `json:"id"`
	// Topic names the question in the header and the evidence panel.
	Topic string `json:"topic"`
	// Ask is the question itself.
	Ask string `json:"ask"`
	// Where says where to look.
	Where string `json:"where"`
	// Note is what the evidence so far says about it (the e-mail the
	// response carries, the value the SP expects), or "".
	Note    string   `json:"note,omitempty"`
	Choices []Choice `json:"choices"`

	effects []effect
	note    func(ev *Evidence, w *Words) string
	// profileAnswers, when set, says the service provider's profile
	// already answers the question (Avoma's rollout rule answers whether
	// it signs everyone out): it is never asked of that service provider.
	profileAnswers func(w *Words) bool
}

// effect is what one answer says about one cause.
type effect struct {
	answer, cause string
	confirms      bool
}

func yes(cause string) []effect {
	return []effect{{AnswerYes, cause, true}, {AnswerNo, cause, false}}
}

func no(cause string) []effect {
	return []effect{{AnswerNo, cause, true}, {AnswerYes, cause, false}}
}

var questionTable = [...]Question{
	{ID: QuestionUserInBoundGroup, Topic: "The app's user groups",
		Ask:     "Is the user in a user group that is bound to the app?",
		Where:   "{groupstab}: is a group that contains the user ticked? (The user's own page lists their groups.)",
		effects: no(CauseUserNotBound), note: noteUser},
	{ID: QuestionUsedSSOOption, Topic: "How the user signs in",
		Ask:     "Did the user choose the SSO option on {sp}'s login page?",
		Where:   "Ask the user, or watch them sign in: {sign-in}. A password typed there never reaches JumpCloud.",
		effects: no(CauseWrongLoginMethod)},
	{ID: QuestionEmailMatches, Topic: "The user's e-mail",
		Ask:     "Is the e-mail JumpCloud sends exactly the e-mail of {account}?",
		Where:   "The user's e-mail in {console} → Users, against {account}.",
		effects: no(CauseEmailMismatch), note: noteUser},
	{ID: QuestionAdminExists, Topic: "The admin account",
		Ask:     "Does {sp} already have an admin account for this person, under any e-mail?",
		Where:   "{SP}'s list of admins.",
		effects: append(no(CauseAdminMissing), effect{AnswerNo, CauseEmailMismatch, false}), note: noteUser},
	{ID: QuestionSPConfirmed, Topic: "{SP}'s confirmation",
		Ask:     "Has {sp}'s support confirmed that SSO is configured on their side?",
		Where:   "Their reply to the message with the Metadata URL and the IdP Entity ID.",
		effects: no(CauseSPNotConfirmed)},
	{ID: QuestionCertRegenerated, Topic: "The signing certificate",
		Ask:     "Was the app's certificate regenerated (or a new one uploaded) after the metadata was given to {sp}?",
		Where:   "{ssotab}: the certificate's dates, or the admin who manages the app.",
		effects: yes(CauseStaleMetadata)},
	{ID: QuestionSignSetting, Topic: "The Sign setting",
		Ask:     "Does {sign} say {sign-needed}, and {sig-alg} RSA-SHA256?",
		Where:   "{ssotab}: the {sign} and {sig-alg} fields.",
		effects: no(CauseSigningSetting)},
	{ID: QuestionCertExpiredDate, Topic: "The certificate's expiry",
		Ask:     "Has the app's signing certificate expired?",
		Where:   "{ssotab}: the certificate's expiry date. JumpCloud e-mails a warning 60, 30 and 7 days and 24 hours before it.",
		effects: yes(CauseCertExpired)},
	{ID: QuestionSPEntityIDMatches, Topic: "The SP Entity ID",
		Ask:     "Is {sp-entity-id} on the app's SSO tab exactly {sp}'s value, character for character?",
		Where:   "{ssotab}: {sp-entity-id}, against the value {sp} gives.",
		effects: no(CauseSPEntityIDTypo), note: noteSPEntityID},
	{ID: QuestionACSURLMatches, Topic: "The ACS URL",
		Ask:     "Is {acs-url} on the app's SSO tab exactly {sp}'s value, character for character?",
		Where:   "{ssotab}: {acs-url}, against the value {sp} gives.",
		effects: no(CauseACSURLTypo), note: noteACSURL},
	{ID: QuestionClockErrorLogged, Topic: "The clock",
		Ask:     "Does {sp}'s log of the failed login say the assertion is not yet valid, or expired?",
		Where:   "{SP}'s SAML or SSO log of that login.",
		effects: yes(CauseClockSkew)},
	{ID: QuestionWorksFromSPLogin, Topic: "Where the login starts",
		Ask:     "Does the login work when the user starts at {sp}'s login page rather than the app's tile in {portal}?",
		Where:   "Ask the user to try once each way: {sign-in}; then the tile in {portal}.",
		effects: yes(CauseIdPInitiatedRejected), note: noteInResponseTo},
	{ID: QuestionIdPURLMatches, Topic: "Which app",
		Ask:     "Is the {idp-url} of the app the users are bound to the sign-on URL in the metadata {sp} has?",
		Where:   "{ssotab}: {idp-url}, against the metadata {sp} has.",
		effects: no(CauseWrongAppMetadata), note: noteSSOURL},
	{ID: QuestionPlaceholderAfterSave, Topic: "A fresh export",
		Ask:   "After {save} on the app's SSO tab, does a new {export} still show \u201cIdP Entity ID\u201d?",
		Where: "{ssotab}: type the IdP Entity ID, click {save}, then {export}, and open the new file (or give it to this session).",
		effects: []effect{{AnswerNo, CauseAppNotSavedBeforeExport, true}, {AnswerNo, CauseWrongAppMetadata, false},
			{AnswerYes, CauseAppNotSavedBeforeExport, false}, {AnswerYes, CauseWrongAppMetadata, true}}},
	{ID: QuestionRedirectTicked, Topic: "Declare Redirect Endpoint",
		Ask:     "Is {declare-redirect} ticked on the app's SSO tab?",
		Where:   "{ssotab}: {declare-redirect}.",
		effects: no(CauseRedirectNotDeclared)},
	{ID: QuestionSPEndsSessions, Topic: "{SP}'s rollout",
		Ask:     "Does {sp} sign everyone out when SSO is switched on?",
		Where:   "{SP}'s SSO documentation, or its support.",
		effects: yes(CauseSessionsEndedExpected), profileAnswers: func(w *Words) bool { return w.SessionsEnd }},
}

// Questions lists every question, in the table's order, in the words
// given (without notes: those come from the evidence of a walk).
func Questions(w Words) []Question {
	out := make([]Question, len(questionTable))
	for i, q := range questionTable {
		out[i] = q.in(&w, nil)
	}
	return out
}

// QuestionByID returns the question with id, in the words given.
func QuestionByID(id string, w Words) (Question, bool) {
	for _, q := range questionTable {
		if q.ID == id {
			return q.in(&w, nil), true
		}
	}
	return Question{}, false
}

// in is the question with its texts expanded and, given evidence, its note.
func (q Question) in(w *Words, ev *Evidence) Question {
	q.Topic, q.Ask, q.Where = w.expand(q.Topic), w.expand(q.Ask), w.expand(q.Where)
	q.Choices = yesNo
	if q.note != nil && ev != nil {
		q.Note = q.note(ev, w)
	}
	return q
}

// Causes are the ids of the causes an answer to the question decides.
func (q Question) Causes() []string {
	var out []string
	for _, e := range q.effects {
		if !contains(out, e.cause) {
			out = append(out, e.cause)
		}
	}
	return out
}

// Takes reports whether answer is one of the question's choices.
func (q Question) Takes(answer string) bool {
	for _, c := range yesNo {
		if c.Value == answer {
			return true
		}
	}
	return false
}

// appliesTo reports whether the question means anything for the service
// provider the words describe: some cause an answer to it confirms can
// happen there. Its other effects are inferences that hold only then
// ("no admin account at all, so not a mismatched e-mail" says nothing of
// a service provider that needs no admin account), so a question that
// does not apply is not asked, and an answer to it decides nothing.
func (q Question) appliesTo(w *Words) bool {
	for _, e := range q.effects {
		if c, ok := causeByID(e.cause); e.confirms && ok && c.Applies(*w) {
			return true
		}
	}
	return false
}

// askable reports whether the question may be asked of the service
// provider the words describe: it applies there and its profile does not
// already answer it.
func (q Question) askable(w *Words) bool {
	return q.appliesTo(w) && (q.profileAnswers == nil || !q.profileAnswers(w))
}

func questionByID(id string) (Question, bool) {
	for _, q := range questionTable {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
