// Package acs is a one-shot SAML service provider on the loopback address:
// it sends one AuthnRequest to the IdP's sign-on URL and waits for the one
// response the IdP posts back through the user's browser to
// http://127.0.0.1:PORT/saml/acs, then inspects it with the engine
// (response.Inspect) and says which ACS URL the IdP used.
//
// It is the engine behind `jcsso test-login`, the wizard's live-login step
// and `jcsso demo`:
//
//	sess, err := acs.Start(opts)          // listening; sess.ACSURL() goes into JumpCloud
//	open(sess.LoginURL())                 // the browser starts the login
//	for ev := range sess.Events() { ... } // listening, opened, refused, received (optional)
//	res, err := sess.Wait(ctx)            // the inspected response, or *WaitError
//
// The listener takes exactly one response: InResponseTo must name the
// request it sent (or be absent: an IdP-initiated login, inspected too);
// every other request (a GET, another path, a second POST, a replay, a
// response to another request, an oversized body) gets a short page saying
// why, with a 4xx status, and is recorded as a Refusal. Wait closes the
// listener. Requests are not signed: JumpCloud does not want them signed.
//
// Values read here are for the live test only; the verdict on the response
// is the inspection's. Nothing in this package reads flags or writes to a
// terminal; the words a user reads (causes, refusals, the live test's own
// findings) are data, so the CLI and the screen show the same ones.
package acs
