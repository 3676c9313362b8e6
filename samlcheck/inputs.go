package samlcheck

import "strings"

// Input is something a check needs from its caller that a user may not
// have given: a value to compare with (the SP's ACS URL), what verifies a
// signature (the metadata, a certificate), the clock. The engine serves
// several callers (jcsso check and inspect with their flags,
// troubleshooting, the wizard), so a message names an input by what it is;
// how a user gives it is the caller's word, through Inputs.
type Input string

// The inputs a check may ask for.
const (
	InputSPEntityID     Input = "sp-entity-id"
	InputACSURL         Input = "acs-url"
	InputIdPEntityID    Input = "idp-entity-id"
	InputAppName        Input = "app-name"
	InputMetadata       Input = "metadata" // IdP metadata whose certificates verify a response
	InputCert           Input = "cert"     // a signing certificate that verifies a response
	InputRequestID      Input = "request-id"
	InputAdmins         Input = "admins"
	InputNow            Input = "now"
	InputRequireSigning Input = "require-signing"
)

// Inputs says how the caller's user gives each input it takes ("--acs-url"
// on jcsso check's command line). An input it does not take, or a nil
// Inputs, is named by no flag: a message never tells a user to give what
// the tool in front of them does not take.
type Inputs map[Input]string

// How is how the user gives in, or "" when the caller does not take it.
func (ins Inputs) How(in Input) string { return ins[in] }

// Either is how the user gives any one of the inputs, those the caller
// takes joined by "or" ("--idp-entity-id or --metadata"), or "".
func (ins Inputs) Either(in ...Input) string {
	var hows []string
	for _, i := range in {
		if h := ins[i]; h != "" {
			hows = append(hows, h)
		}
	}
	return strings.Join(hows, " or ")
}

// NotGiven is the message of a check that could not run because what was
// not given, naming how to give it when the caller takes any of in: "not
// checked: the service provider's ACS URL was not given (--acs-url)".
func (ins Inputs) NotGiven(what string, in ...Input) string {
	msg := "not checked: " + what + " was not given"
	if how := ins.Either(in...); how != "" {
		msg += " (" + how + ")"
	}
	return msg
}
