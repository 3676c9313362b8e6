package acs

import (
	"net/http"
	"time"
)

// RefusalReason is a stable id for why the listener refused a request.
type RefusalReason string

// The reasons, each with the status the browser gets.
const (
	// RefusedMethod: a GET (or other method) on the ACS path (405).
	RefusedMethod RefusalReason = "method"
	// RefusedPath: a path the listener does not serve (404).
	RefusedPath RefusalReason = "path"
	// RefusedTooLarge: a body over the cap (413).
	RefusedTooLarge RefusalReason = "too-large"
	// RefusedNoResponse: a POST without a SAMLResponse field (400).
	RefusedNoResponse RefusalReason = "no-saml-response"
	// RefusedOtherRequest: a response whose InResponseTo names another
	// request than the one this test sent (400).
	RefusedOtherRequest RefusalReason = "other-request"
	// RefusedReplay: the very response already received, posted again (409).
	RefusedReplay RefusalReason = "replay"
	// RefusedAssertionReplay: another response carrying an Assertion ID
	// already received (409).
	RefusedAssertionReplay RefusalReason = "assertion-replay"
	// RefusedAnswered: a new response to the request already answered; a
	// request is used once (409).
	RefusedAnswered RefusalReason = "already-answered"
	// RefusedSecond: any other POST after the one response (409).
	RefusedSecond RefusalReason = "second-response"
)

// Refusal is one request the listener refused, as the browser was told.
type Refusal struct {
	Reason  RefusalReason `json:"reason"`
	Method  string        `json:"method"`
	Path    string        `json:"path"`
	Status  int           `json:"status"`
	Message string        `json:"message"`
	At      time.Time     `json:"-"`
}

// refusalStatus is the HTTP status of each reason.
func refusalStatus(r RefusalReason) int {
	switch r {
	case RefusedMethod:
		return http.StatusMethodNotAllowed
	case RefusedPath:
		return http.StatusNotFound
	case RefusedTooLarge:
		return http.StatusRequestEntityTooLarge
	case RefusedNoResponse, RefusedOtherRequest:
		return http.StatusBadRequest
	}
	return http.StatusConflict
}
