package diagnose

// The symptoms' ids: what the customer reports, stable, listed by `jcsso
// troubleshoot --list`.
const (
	SymptomPlaceholderEntityID   = "placeholder-entity-id"
	SymptomNotAssigned           = "not-assigned"
	SymptomFailsAfterLogin       = "fails-after-login"
	SymptomSignatureError        = "signature-error"
	SymptomSessionsEnded         = "sessions-ended"
	SymptomOneUserCannotLogin    = "one-user-cannot-login"
	SymptomAudienceOrDestination = "audience-or-destination"
	SymptomUnknown               = "unknown"
)

// Symptom is one row of the symptoms table: what the customer sees, in
// their words, what evidence helps most, and the causes it can have,
// likeliest first.
type Symptom struct {
	ID string
	// Title is what the customer reports, as support hears it.
	Title string
	// Helps says which of the customer's files tell the most.
	Helps string
	// Causes are the candidate causes, likeliest first; nil means every
	// cause (unknown).
	Causes []string
}

var symptomTable = [...]Symptom{
	{ID: SymptomPlaceholderEntityID, Title: "The exported metadata still shows \u201cIdP Entity ID\u201d",
		Helps:  "the exported metadata file, or its Metadata URL",
		Causes: []string{CauseAppNotSavedBeforeExport, CauseWrongAppMetadata}},
	{ID: SymptomNotAssigned, Title: "JumpCloud says the user has no access or is not assigned",
		Helps:  "a HAR file of the attempt (it shows whether JumpCloud sent anything)",
		Causes: []string{CauseUserNotBound, CauseWrongAppMetadata}},
	{ID: SymptomFailsAfterLogin, Title: "The user signs in at JumpCloud, then {sp} refuses",
		Helps:  "a HAR file (or SAML-tracer export) of the failed login, and the saved sso-config.yaml",
		Causes: []string{CauseEmailMismatch, CauseAdminMissing, CauseIdPInitiatedRejected, CauseClockSkew, CauseSPNotConfirmed, CauseWrongAppMetadata}},
	{ID: SymptomSignatureError, Title: "Signature errors: verification or callback signature failures",
		Helps:  "a HAR file of the failed login, and the saved sso-config.yaml (or the metadata {sp} has)",
		Causes: []string{CauseStaleMetadata, CauseSigningSetting, CauseCertExpired, CauseWrongAppMetadata}},
	{ID: SymptomSessionsEnded, Title: "Users were signed out when SSO went live",
		Causes: []string{CauseSessionsEndedExpected}},
	{ID: SymptomOneUserCannotLogin, Title: "One user cannot sign in since SSO was switched on",
		Helps:  "a HAR file of that user's attempt",
		Causes: []string{CauseUserNotBound, CauseWrongLoginMethod, CauseEmailMismatch, CauseAdminMissing, CauseSPNotConfirmed}},
	{ID: SymptomAudienceOrDestination, Title: "Every login fails with an audience, destination or recipient error",
		Helps:  "a HAR file of a failed login",
		Causes: []string{CauseSPEntityIDTypo, CauseACSURLTypo}},
	{ID: SymptomUnknown, Title: "Not sure: run every check",
		Helps: "every file the customer has: a HAR file, the metadata, the saved sso-config.yaml"},
}

// Symptoms lists every symptom, in the table's order, in the words given.
func Symptoms(w Words) []Symptom {
	out := make([]Symptom, len(symptomTable))
	for i, s := range symptomTable {
		out[i] = s.in(&w)
	}
	return out
}

func (s Symptom) in(w *Words) Symptom {
	s.Title, s.Helps = w.expand(s.Title), w.expand(s.Helps)
	s.Causes = s.candidates()
	return s
}

// candidates are the causes a walk weighs, likeliest first.
func (s Symptom) candidates() []string {
	if s.Causes != nil {
		return append([]string(nil), s.Causes...)
	}
	out := make([]string, len(causeTable))
	for i, c := range causeTable {
		out[i] = c.ID
	}
	return out
}

// SymptomByID returns the symptom with id, in the words given.
func SymptomByID(id string, w Words) (Symptom, bool) {
	for _, s := range symptomTable {
		if s.ID == id {
			return s.in(&w), true
		}
	}
	return Symptom{}, false
}
