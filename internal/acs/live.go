package acs

import (
	"fmt"

	"github.com/jcsso/jcsso/samlcheck"
)

// The live test's own finding ids, beside the inspection's: what only a
// listener that sent the request can tell.
const (
	IDLiveUnsolicited = "live.unsolicited"
	IDLiveRelayState  = "live.relay-state"
)

// liveTable is the live test's own table, beside the inspection's.
var liveTable = samlcheck.NewTable(
	samlcheck.Check{ID: IDLiveUnsolicited, Title: "the response answers the request this test sent", Severity: samlcheck.SeverityWarn,
		Fix: "If you signed in from the JumpCloud portal's tile, this is expected. Otherwise the IdP ignored the request: service providers that refuse IdP-initiated logins reject such responses, so check that the service provider sends its requests to the app's IdP URL."},
	samlcheck.Check{ID: IDLiveRelayState, Title: "the RelayState comes back unchanged", Severity: samlcheck.SeverityWarn,
		Fix: "JumpCloud should return the service provider's RelayState as sent (the Default RelayState is for IdP-initiated logins); a service provider that uses it to send the user on lands them on the wrong page."},
)

// LiveChecks lists the live test's own checks, as samlcheck.ResponseTable
// lists the inspection's.
func LiveChecks() []samlcheck.Check { return liveTable.Checks() }

// liveFindings judges what the listener knows: whether the answer was
// solicited, and whether the RelayState came back.
func liveFindings(unsolicited, loginOpened bool, sent, got string) samlcheck.Findings {
	fs := liveTable.Collector(2)
	add := func(id string, sev samlcheck.Severity, msg string) { fs.Add(id, sev, msg, "") }
	switch {
	case unsolicited && loginOpened:
		add(IDLiveUnsolicited, samlcheck.SeverityWarn,
			"the login started from this test's login URL, but the IdP answered with an unsolicited response (no InResponseTo): an IdP-initiated login")
	case unsolicited:
		add(IDLiveUnsolicited, samlcheck.SeverityInfo,
			"an IdP-initiated login (no InResponseTo), as from the JumpCloud portal's tile; inspected without a request ID")
	default:
		add(IDLiveUnsolicited, samlcheck.SeverityPass, "it answers the request this test sent")
	}
	switch {
	case unsolicited && got == "":
		add(IDLiveRelayState, samlcheck.SeverityInfo, "no RelayState came with the IdP-initiated response (the app has no Default RelayState)")
	case unsolicited:
		add(IDLiveRelayState, samlcheck.SeverityInfo, fmt.Sprintf("RelayState %q came with the IdP-initiated response (the app's Default RelayState)", got))
	case got == sent:
		add(IDLiveRelayState, samlcheck.SeverityPass, "the RelayState came back unchanged")
	case got == "":
		add(IDLiveRelayState, samlcheck.SeverityWarn, fmt.Sprintf("no RelayState came back; the request sent %q", sent))
	default:
		add(IDLiveRelayState, samlcheck.SeverityWarn, fmt.Sprintf("the RelayState came back as %q; the request sent %q", got, sent))
	}
	return fs.Findings()
}
