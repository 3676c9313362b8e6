// Package metadata is `jcsso check`: it parses an IdP metadata document
// defensively and runs every metadata check on it (samlcheck's
// MetadataTable), answering with findings and what the document says about
// the identity provider. One entry point, Check (CheckContext to stop
// when a command is interrupted).
package metadata

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/response"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// Options are the expectations and clock for Check. Empty
// strings mean "not given": the matching check reports info, never pass.
type Options struct {
	// SPEntityID is the service provider's entity ID (--sp-entity-id).
	SPEntityID string
	// ACSURL is the service provider's ACS URL (--acs-url).
	ACSURL string
	// IdPEntityID is what the admin typed into JumpCloud's IdP Entity ID
	// field (--idp-entity-id), expected as the metadata's entityID.
	IdPEntityID string
	// WarnDays is how close to expiry a certificate earns cert.expiring;
	// 0 means the default, 60 (JumpCloud's first warning).
	WarnDays int
	// Now is the clock for every time comparison; zero means time.Now().
	Now time.Time
	// AppName is the JumpCloud application the metadata should belong to,
	// as its sign-on URL names it (https://sso.jumpcloud.com/saml2/NAME;
	// --app-name, or the name the wizard suggested). A full URL is taken
	// by its last part.
	AppName string
	// NameIDNotEmail says the service provider does not match users by
	// e-mail, which silences nameid.format. The zero value (match by
	// e-mail) is what every built-in profile does.
	NameIDNotEmail bool
	// Inputs says how the caller's user gives what a check lacks (a
	// command's flags); nil names none.
	Inputs samlcheck.Inputs
}

// DefaultWarnDays is JumpCloud's first certificate-expiry reminder.
const DefaultWarnDays = 60

// Report is the result of Check; its JSON form is the
// output of `jcsso check --json`.
type Report struct {
	Source   string             `json:"source"`
	OK       bool               `json:"ok"`
	IdP      samlcheck.IdPInfo  `json:"idp"`
	Findings samlcheck.Findings `json:"findings"`
}

// Check parses an IdP metadata document and runs every metadata
// check on it. It never fails: unreadable input is itself a finding.
//
// The checks run in the order of samlcheck.MetadataTable. Those that cannot run
// because an earlier one failed (no root to read, no IdP descriptor) are
// left out rather than reported as passing.
func Check(data []byte, opts Options) *Report {
	return CheckContext(context.Background(), data, opts)
}

// CheckContext is Check that stops early when ctx ends (an
// interrupted command): the parse and the signature verification observe
// it. A report cut short says so in its findings; callers that cancelled
// discard it.
func CheckContext(ctx context.Context, data []byte, opts Options) *Report {
	c := &mdChecker{ctx: ctx, opts: opts, now: opts.Now, fs: samlcheck.MetadataTable().Collector(24)}
	if c.now.IsZero() {
		c.now = time.Now()
	}
	c.now = c.now.UTC()
	if c.opts.WarnDays <= 0 {
		c.opts.WarnDays = DefaultWarnDays
	}
	r := &Report{IdP: samlcheck.IdPInfo{SSO: []samlcheck.Endpoint{}, NameIDFormats: []string{}, Certificates: []samlcheck.CertInfo{}}}
	c.report = r
	c.run(data)
	r.Findings = c.fs.Findings()
	r.OK = r.Findings.OK()
	return r
}

// mdChecker accumulates the findings of one Check call.
type mdChecker struct {
	ctx    context.Context
	opts   Options
	now    time.Time
	fs     samlcheck.Collector
	report *Report
}

// add records a finding; fails and warnings carry the table's fix.
func (c *mdChecker) add(id string, sev samlcheck.Severity, msg string) { c.fs.Add(id, sev, msg, "") }

// addFix records a finding with a fix more specific than the table's.
func (c *mdChecker) addFix(id string, sev samlcheck.Severity, msg, fix string) {
	c.fs.Add(id, sev, msg, fix)
}

func (c *mdChecker) run(data []byte) {
	if isHTML, what := xmlsafe.SniffHTML(data); isHTML {
		c.add(samlcheck.IDXMLHTML, samlcheck.SeverityFail, "the source is "+what+", not SAML metadata; expected an XML document starting with <md:EntityDescriptor>")
		return
	}
	c.add(samlcheck.IDXMLHTML, samlcheck.SeverityPass, "the source is not an HTML page")
	doc, err := xmlsafe.ParseXMLContext(c.ctx, data)
	if err != nil {
		msg, fix := mdParseProblem(data, err)
		c.addFix(samlcheck.IDXMLParse, samlcheck.SeverityFail, msg, fix)
		return
	}
	c.add(samlcheck.IDXMLParse, samlcheck.SeverityPass, "the document is well-formed XML with no DOCTYPE, within the size and nesting limits, and survives the round-trip guard")

	root := doc.Root()
	entity := c.checkRoot(root)
	if entity == nil {
		return
	}
	idp, anyIdP := idpDescriptor(entity)
	c.checkIdPPresent(entity, idp, anyIdP)
	c.checkValidUntil(root, entity, idp)
	certs := parseSigningCerts(idp)
	c.checkSignature(root, entity, certs)
	c.checkEntityID(entity)
	if idp == nil {
		return
	}
	c.checkSSO(idp)
	c.checkAppName()
	c.checkACS()
	c.checkCerts(certs)
	c.checkNameIDFormats(idp)
	c.checkSignedRequests(idp)
}

// mdParseProblem explains why the document is not acceptable XML, naming
// the wrong kinds of file support is sent most: an image or archive (by its
// first bytes), a PEM file, a SAML response in its base64 form, a browser
// capture, other JSON. fix is "" when the table's fix applies.
func mdParseProblem(data []byte, err error) (msg, fix string) {
	reason := err.Error()
	if errors.Is(err, xmlsafe.ErrUnsafeXML) {
		reason = strings.TrimPrefix(reason, xmlsafe.ErrUnsafeXML.Error()+": ")
	}
	trimmed := bytes.TrimSpace(xmlsafe.TrimBOM(data))
	if kind := xmlsafe.BinaryKind(trimmed); kind != "" {
		return "the source is not XML: looks like " + kind + ", not SAML metadata", ""
	}
	if isSAMLResponse(trimmed) {
		return "the source is a SAML response (the base64 SAMLResponse value a browser posts to the service provider), not metadata", inspectInsteadFix
	}
	switch {
	case bytes.HasPrefix(trimmed, []byte("-----BEGIN")):
		return "the source is a PEM file (a certificate or key), not SAML metadata: " + reason, ""
	case bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")):
		if c, cerr := response.ParseCapture(trimmed); cerr == nil {
			return fmt.Sprintf("the source is a browser capture (%s, %s), not SAML metadata", c.FormatName(), words.CountNoun(len(c.Responses), "SAMLResponse")), inspectInsteadFix
		}
		return "the source looks like JSON, not SAML metadata: " + reason, ""
	}
	return "the document is not acceptable XML: " + reason, ""
}

// inspectInsteadFix is the fix when check is given what inspect reads.
const inspectInsteadFix = "This is what `jcsso inspect` explains: run `jcsso inspect FILE --metadata METADATA` on it. `jcsso check` takes the IdP metadata exported from the application's SSO tab in JumpCloud."

// isSAMLResponse reports whether data, in any form inspect accepts, is a
// SAML 2.0 Response: only to name a wrong input, so the cost is no concern.
func isSAMLResponse(data []byte) bool {
	xmlBytes, _, err := response.Decode(data)
	if err != nil {
		return false
	}
	doc, err := xmlsafe.ParseXML(xmlBytes)
	return err == nil && xmlsafe.IsElem(doc.Root(), xmlsafe.NSProtocol, "Response")
}

// checkRoot finds the EntityDescriptor to check: the root itself, or the
// only identity provider in an md:EntitiesDescriptor. It returns nil when
// there is nothing to check further.
func (c *mdChecker) checkRoot(root *etree.Element) *etree.Element {
	switch {
	case xmlsafe.IsElem(root, xmlsafe.NSMetadata, "EntityDescriptor"):
		c.add(samlcheck.IDMetadataRoot, samlcheck.SeverityPass, "the root element is md:EntityDescriptor")
		return root
	case xmlsafe.IsElem(root, xmlsafe.NSMetadata, "EntitiesDescriptor"):
		all := entityDescriptors(root, nil)
		var idps []*etree.Element
		for _, e := range all {
			if d, _ := idpDescriptor(e); d != nil {
				idps = append(idps, e)
			}
		}
		switch len(idps) {
		case 1:
			c.add(samlcheck.IDMetadataRoot, samlcheck.SeverityWarn, fmt.Sprintf("expected one md:EntityDescriptor as the root, got an md:EntitiesDescriptor of %d entities; its only identity provider, %q, is checked", len(all), idps[0].SelectAttrValue("entityID", "")))
			return idps[0]
		case 0:
			c.add(samlcheck.IDMetadataRoot, samlcheck.SeverityFail, fmt.Sprintf("expected one md:EntityDescriptor of an identity provider, got an md:EntitiesDescriptor of %d entities, none of them an identity provider", len(all)))
		default:
			ids := make([]string, 0, len(idps))
			for i, e := range idps {
				if i == 5 {
					ids = append(ids, fmt.Sprintf("and %d more", len(idps)-5))
					break
				}
				ids = append(ids, fmt.Sprintf("%q", e.SelectAttrValue("entityID", "")))
			}
			c.addFix(samlcheck.IDMetadataRoot, samlcheck.SeverityFail,
				fmt.Sprintf("expected one identity provider, got an md:EntitiesDescriptor of %d identity providers: %s", len(idps), strings.Join(ids, ", ")),
				"Use the metadata of the one JumpCloud application this service provider signs in with: export it from that application's SSO tab in JumpCloud.")
		}
		return nil
	}
	if root.NamespaceURI() == xmlsafe.NSProtocol {
		what := "a SAML protocol message"
		switch root.Tag {
		case "Response":
			what = "a SAML response"
		case "AuthnRequest":
			what = "a SAML authentication request"
		}
		c.addFix(samlcheck.IDMetadataRoot, samlcheck.SeverityFail, fmt.Sprintf("the document is %s (<%s>), not metadata: expected the root element md:EntityDescriptor", what, root.FullTag()), inspectInsteadFix)
		return nil
	}
	ns := root.NamespaceURI()
	got := fmt.Sprintf("<%s>", root.FullTag())
	if ns != xmlsafe.NSMetadata {
		if ns == "" {
			got += " in no namespace"
		} else {
			got += " in namespace " + ns
		}
	}
	c.add(samlcheck.IDMetadataRoot, samlcheck.SeverityFail, fmt.Sprintf("expected the root element md:EntityDescriptor (namespace %s), got %s", xmlsafe.NSMetadata, got))
	return nil
}

// checkIdPPresent reports metadata.idp.
func (c *mdChecker) checkIdPPresent(entity, idp *etree.Element, anyIdP bool) {
	switch {
	case idp != nil:
		c.add(samlcheck.IDMetadataIdP, samlcheck.SeverityPass, "the document describes a SAML 2.0 identity provider (md:IDPSSODescriptor)")
	case anyIdP:
		c.add(samlcheck.IDMetadataIdP, samlcheck.SeverityFail, "expected an md:IDPSSODescriptor supporting "+xmlsafe.NSProtocol+", got one that does not list SAML 2.0 in protocolSupportEnumeration")
	case len(xmlsafe.Children(entity, xmlsafe.NSMetadata, "SPSSODescriptor")) > 0:
		c.add(samlcheck.IDMetadataIdP, samlcheck.SeverityFail, "expected identity-provider metadata (md:IDPSSODescriptor), got an md:SPSSODescriptor only: this looks like the service provider's own metadata, not JumpCloud's")
	default:
		c.add(samlcheck.IDMetadataIdP, samlcheck.SeverityFail, "expected an md:IDPSSODescriptor (identity provider), found none")
	}
}

// checkValidUntil reports metadata.expired for every validUntil in scope:
// on the root, the entity and the IdP descriptor.
func (c *mdChecker) checkValidUntil(els ...*etree.Element) {
	seen, bad := 0, false
	for i, el := range els {
		if el == nil || (i > 0 && el == els[i-1]) {
			continue
		}
		v := el.SelectAttrValue("validUntil", "")
		if v == "" {
			continue
		}
		seen++
		t, ok := mdParseDateTime(v)
		switch {
		case !ok:
			bad = true
			c.add(samlcheck.IDMetadataExpired, samlcheck.SeverityFail, fmt.Sprintf("validUntil %q on <%s> is not a date and time (expected like 2030-01-02T15:04:05Z); service providers refuse such metadata", words.Truncate(v, 40), el.FullTag()))
		case !c.now.Before(t):
			bad = true
			c.add(samlcheck.IDMetadataExpired, samlcheck.SeverityFail, fmt.Sprintf("expected validUntil after %s, got %s on <%s>: the metadata expired %s", words.Stamp(c.now), words.Stamp(t), el.FullTag(), words.Ago(c.now.Sub(t))))
		}
	}
	switch {
	case bad:
	case seen == 0:
		c.add(samlcheck.IDMetadataExpired, samlcheck.SeverityPass, "the metadata has no validUntil, so it does not expire (JumpCloud's exports have none)")
	default:
		c.add(samlcheck.IDMetadataExpired, samlcheck.SeverityPass, fmt.Sprintf("every validUntil is after %s", words.Stamp(c.now)))
	}
}

// checkEntityID reports the entityid.* findings.
func (c *mdChecker) checkEntityID(entity *etree.Element) {
	raw := entity.SelectAttrValue("entityID", "")
	id := strings.TrimSpace(raw)
	c.report.IdP.EntityID = raw
	if id == "" {
		c.add(samlcheck.IDEntityIDMissing, samlcheck.SeverityFail, "expected an entityID attribute on md:EntityDescriptor, got none or an empty one")
		return
	}
	c.add(samlcheck.IDEntityIDMissing, samlcheck.SeverityPass, fmt.Sprintf("the entityID is %q", raw))
	if rules.IsJumpCloudPlaceholder(id) {
		c.add(samlcheck.IDEntityIDPlaceholder, samlcheck.SeverityFail, fmt.Sprintf("the entityID is %q, the unfilled placeholder of JumpCloud's IdP Entity ID field: the application was not saved before the metadata was exported; save the application in JumpCloud and export fresh metadata", raw))
	} else {
		c.add(samlcheck.IDEntityIDPlaceholder, samlcheck.SeverityPass, "the entityID is not JumpCloud's placeholder \"IdP Entity ID\"")
	}
	switch sp := strings.TrimSpace(c.opts.SPEntityID); {
	case sp == "":
		c.add(samlcheck.IDEntityIDSameAsSP, samlcheck.SeverityInfo, c.opts.Inputs.NotGiven("the service provider's entity ID", samlcheck.InputSPEntityID))
	case rules.SameEntityID(sp, id):
		c.add(samlcheck.IDEntityIDSameAsSP, samlcheck.SeverityFail, fmt.Sprintf("the IdP entityID %q is the same as the service provider's entity ID; the two must differ", raw))
	default:
		c.add(samlcheck.IDEntityIDSameAsSP, samlcheck.SeverityPass, fmt.Sprintf("the IdP entityID differs from the service provider's entity ID %q", sp))
	}
	switch want := c.opts.IdPEntityID; {
	case want == "":
		c.add(samlcheck.IDEntityIDMismatch, samlcheck.SeverityInfo, c.opts.Inputs.NotGiven("the expected IdP Entity ID", samlcheck.InputIdPEntityID))
	case want == raw:
		c.add(samlcheck.IDEntityIDMismatch, samlcheck.SeverityPass, fmt.Sprintf("the entityID is the expected %q", want))
	default:
		why := ""
		switch {
		case strings.EqualFold(strings.TrimSpace(want), id):
			why = " (they differ only in letter case or surrounding spaces, and entity IDs are compared exactly)"
		case want == id || strings.TrimSpace(want) == id:
			why = " (they differ only in surrounding spaces, and entity IDs are compared exactly)"
		}
		c.add(samlcheck.IDEntityIDMismatch, samlcheck.SeverityFail, fmt.Sprintf("expected the entityID %q, got %q%s", want, raw, why))
	}
}
