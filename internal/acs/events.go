package acs

import (
	"encoding/json"
	"time"
)

// EventKind names what a session just did.
type EventKind string

// The events, in the order they usually come.
const (
	// EventListening: the listener is up (always the first event).
	EventListening EventKind = "listening"
	// EventOpened: a browser opened the login URL (the first time only).
	EventOpened EventKind = "opened"
	// EventRefused: a request was refused; the session keeps waiting.
	EventRefused EventKind = "refused"
	// EventReceived: the one response was accepted; Wait has its result
	// as soon as the inspection is done.
	EventReceived EventKind = "received"
)

// eventBuffer is the Events channel's capacity. Listening, opened and
// received always fit; refusals beyond the room left are dropped from the
// channel (never from WaitError.Refusals), so a flood of requests can
// neither block the listener nor crowd out the received event.
const eventBuffer = 32

// Event is one step of a session, for a UI or JSON lines. Its JSON form is
// flat and holds only the kind's fields, e.g.
// {"event":"listening","acs_url":...,"login_url":...,"request_id":...,"binding":...}.
type Event struct {
	Kind EventKind
	At   time.Time
	// Listening: the URLs and the request.
	ACSURL, LoginURL, RequestID string
	// Listening and Opened: how the request is sent.
	Binding Binding
	// Refused: what was refused and why.
	Refusal *Refusal
	// Received: what the response answers and where the IdP said it goes.
	InResponseTo string
	IdPInitiated bool
	Destination  string
}

// MarshalJSON writes the event as one flat object with the kind's fields.
func (e Event) MarshalJSON() ([]byte, error) {
	switch e.Kind {
	case EventListening:
		return json.Marshal(struct {
			Event     EventKind `json:"event"`
			ACSURL    string    `json:"acs_url"`
			LoginURL  string    `json:"login_url"`
			RequestID string    `json:"request_id"`
			Binding   Binding   `json:"binding"`
		}{e.Kind, e.ACSURL, e.LoginURL, e.RequestID, e.Binding})
	case EventOpened:
		return json.Marshal(struct {
			Event   EventKind `json:"event"`
			Binding Binding   `json:"binding"`
		}{e.Kind, e.Binding})
	case EventRefused:
		r := Refusal{}
		if e.Refusal != nil {
			r = *e.Refusal
		}
		return json.Marshal(struct {
			Event EventKind `json:"event"`
			Refusal
		}{e.Kind, r})
	case EventReceived:
		return json.Marshal(struct {
			Event        EventKind `json:"event"`
			InResponseTo string    `json:"in_response_to"`
			IdPInitiated bool      `json:"idp_initiated"`
			Destination  string    `json:"destination"`
		}{e.Kind, e.InResponseTo, e.IdPInitiated, e.Destination})
	}
	return json.Marshal(struct {
		Event EventKind `json:"event"`
	}{e.Kind})
}

// emit queues an event without ever blocking a handler; the caller holds
// s.mu. Refusals leave room for the events that must arrive.
func (s *Session) emit(ev Event) {
	if s.eventsClosed {
		return
	}
	if ev.Kind == EventRefused && len(s.events) >= eventBuffer-3 {
		return
	}
	select {
	case s.events <- ev:
	default:
	}
}
