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
	IDLiveBinding     = "live.binding"
)

// liveTable is the live test's own table, beside the inspection's.
var liveTable = samlcheck.NewTable(
	samlcheck.Check{ID: IDLiveUnsolicited, Title: "the response answers the request this test sent", Severity: samlcheck.SeverityWarn,
		Fix: "If you signed in from the JumpCloud portal's tile, this is expected. Otherwise the IdP ignored the request: service providers that refuse IdP-initiated logins reject such responses, so check that the service provider sends its requests to the app's IdP URL."},
	samlcheck.Check{ID: IDLiveRelayState, Title: "the RelayState comes back unchanged", Severity: samlcheck.SeverityWarn,
		Fix: "JumpCloud should return the service provider's RelayState as sent (the Default RelayState is for IdP-initiated logins); a service provider that uses it to send the user on lands them on the wrong page."},
	samlcheck.Check{ID: IDLiveBinding, Title: "the request goes by HTTP-Redirect, as the metadata offers it", Severity: samlcheck.SeverityWarn,
		Fix: "On the app's SSO tab in JumpCloud, tick Declare Redirect Endpoint, save, and export the metadata again (then give the service provider the new metadata): service providers that send their requests by redirect need that endpoint."},
)

// LiveChecks lists the live test's own checks, as samlcheck.ResponseTable
// lists the inspection's.
func LiveChecks() []samlcheck.Check { return liveTable.Checks() }

// liveFindings judges what the listener knows: whether the answer was
// solicited, whether the RelayState came back, and how the request went
// (asked is the binding asked for, BindingAuto to let the metadata
// decide; used the one it went by).
func liveFindings(unsolicited, loginOpened bool, sent, got string, asked, used Binding) samlcheck.Findings {
	fs := liveTable.Collector(3)
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
	switch {
	case used == BindingRedirect:
		add(IDLiveBinding, samlcheck.SeverityPass, "the request went by HTTP-Redirect")
	case asked == BindingPOST:
		add(IDLiveBinding, samlcheck.SeverityInfo, "the request went by HTTP-POST, as asked")
	default:
		add(IDLiveBinding, samlcheck.SeverityWarn,
			"the metadata offers no HTTP-Redirect sign-on URL, so the request went by HTTP-POST: Declare Redirect Endpoint is not ticked on the app's SSO tab")
	}
	return fs.Findings()
}
