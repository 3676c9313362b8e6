package testidp

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Errors Issue returns for a sign-in that gets no response.
var (
	// ErrUnknownUser: no user has that e-mail.
	ErrUnknownUser = errors.New("no such user")
	// ErrNoAccess: the user is in no group bound to the app (JumpCloud
	// shows its no-access page instead of posting a response).
	ErrNoAccess = errors.New("the user is not bound to the application")
)

// SignIn is what a response answers. The zero value is an IdP-initiated
// sign-in (the user portal's tile).
type SignIn struct {
	// RequestID is the AuthnRequest's ID, echoed as InResponseTo; empty for
	// an IdP-initiated sign-in.
	RequestID string
	// ACSURL is the request's AssertionConsumerServiceURL, used when it is
	// one of the configured ACS URLs (see Options.AlwaysDefaultACS).
	ACSURL string
	// RelayState is echoed back for an SP-initiated sign-in; an
	// IdP-initiated one carries the Default RelayState instead.
	RelayState string
}

// Issued is a response as the IdP posts it through the user's browser.
type Issued struct {
	// ACSURL is where the auto-submitting form posts (the Destination).
	ACSURL     string
	RelayState string
	// XML is the signed Response; SAMLResponse is its form value (base64).
	XML          []byte
	SAMLResponse string
	// ResponseID and InResponseTo ("" when unsolicited) identify it.
	ResponseID, InResponseTo string
	// NameID is the subject the response names.
	NameID string
	// SignedAssertion and SignedResponse say what carries a signature.
	SignedAssertion, SignedResponse bool
}

// Issue makes the response the IdP would post for the user with that
// e-mail, applying the SSO tab's values and every fault. It is what the
// login form does after a correct password, available without HTTP for
// fixtures; the server need not be started (Destination aside, nothing in
// a response depends on the server's address).
func (s *Server) Issue(email string, in SignIn) (*Issued, error) {
	u, ok := s.user(email)
	if !ok {
		return nil, fmt.Errorf("sign in %q: %w", email, ErrUnknownUser)
	}
	if !s.Bound(u) {
		return nil, fmt.Errorf("sign in %q: %w", email, ErrNoAccess)
	}
	cfg := s.sso.Load()
	unsolicited := in.RequestID == "" || s.faults[FaultIdPInitiatedOnly]
	acs := cfg.ACSURLs[0]
	if !unsolicited && !s.opts.AlwaysDefaultACS && slices.Contains(cfg.ACSURLs, in.ACSURL) {
		acs = in.ACSURL
	}
	relay := in.RelayState
	if unsolicited {
		relay = cfg.DefaultRelayState
	}
	if s.faults[FaultWrongACS] {
		acs = typo(acs)
	}
	audience := cfg.SPEntityID
	if s.faults[FaultWrongAudience] {
		audience = typo(audience)
	}
	if s.faults[FaultEmailMismatch] {
		u.Email = u.AlternateEmail
	}
	attrs := make([]Attribute, 0, len(cfg.Attributes))
	for _, a := range cfg.Attributes {
		attrs = append(attrs, Attribute{Name: a.Name, Values: u.field(a.Field)})
	}
	nameID := u.field(cfg.NameID)[0]
	if nameID == "" {
		return nil, fmt.Errorf("sign in %q: the user's %s, the NameID source, is empty", email, cfg.NameID)
	}
	signAssertion := cfg.Sign == SignAssertion || cfg.Sign == SignBoth
	signResponse := cfg.Sign == SignResponse || cfg.Sign == SignBoth
	switch {
	case s.faults[FaultAssertionOnly]:
		signAssertion, signResponse = true, false
	case s.faults[FaultResponseOnly]:
		signAssertion, signResponse = false, true
	case s.faults[FaultUnsigned]:
		signAssertion, signResponse = false, false
	}
	now := s.opts.Clock()
	if s.faults[FaultClockSkew] {
		now = now.Add(s.opts.Skew)
	}
	out := &Issued{ACSURL: acs, RelayState: relay, ResponseID: newID(), NameID: nameID,
		SignedAssertion: signAssertion, SignedResponse: signResponse}
	if !unsolicited {
		out.InResponseTo = in.RequestID
	}
	xml, err := ResponseXML(ResponseOptions{
		IdPEntityID:   s.EntityID(),
		SPEntityID:    audience,
		ACSURL:        acs,
		NameID:        nameID,
		NameIDFormat:  cfg.NameIDFormat,
		Email:         u.Email,
		Attributes:    attrs,
		InResponseTo:  out.InResponseTo,
		IssueInstant:  now,
		Validity:      DefaultValidity,
		ResponseID:    out.ResponseID,
		AssertionID:   newID(),
		SignAssertion: signAssertion,
		SignResponse:  signResponse,
		Signer:        s.signer,
		Sign:          SignOptions{SHA1: cfg.SignatureAlgorithm == SigRSASHA1 || s.faults[FaultSHA1]},
	})
	if err != nil {
		return nil, fmt.Errorf("sign in %q: %w", email, err)
	}
	out.XML = xml
	out.SAMLResponse = base64.StdEncoding.EncodeToString(xml)
	return out, nil
}

// user finds a user by e-mail; addresses are compared without case, as
// JumpCloud's login does.
func (s *Server) user(email string) (User, bool) {
	email = strings.TrimSpace(email)
	for _, u := range s.opts.Users {
		if strings.EqualFold(u.Email, email) {
			return u, true
		}
	}
	return User{}, false
}

// newID is a fresh SAML ID: an underscore (an ID must not start with a
// digit) and 160 random bits.
func newID() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "_" + hex.EncodeToString(b)
}
