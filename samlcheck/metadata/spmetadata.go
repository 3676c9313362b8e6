package metadata

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// SPMetadata is what a service provider's own SAML metadata says that an
// admin would otherwise copy by hand into JumpCloud's SSO tab
// (saml-metadata-2.0-os §2.4.4, md:SPSSODescriptor).
type SPMetadata struct {
	// EntityID is the md:EntityDescriptor's entityID: JumpCloud's SP Entity ID.
	EntityID string
	// ACSURLs are the HTTP-POST AssertionConsumerService locations (the
	// binding JumpCloud posts with), the default first: isDefault="true",
	// else the lowest index, else document order (§2.2.3).
	ACSURLs []string
	// OtherBindings counts ACS endpoints of bindings JumpCloud does not
	// use (Artifact, PAOS), left out of ACSURLs.
	OtherBindings int
	// AuthnRequestsSigned is the SP's own AuthnRequestsSigned.
	AuthnRequestsSigned bool
}

// ErrNotSPMetadata is returned by ReadSPMetadata for a document that is
// well-formed but holds no service provider.
var ErrNotSPMetadata = errors.New("not a service provider's SAML metadata")

// ReadSPMetadata reads a service provider's metadata with the engine's
// defensive parser (ParseXML: no DOCTYPE, size and depth limits, the
// round-trip guard). The root is an md:EntityDescriptor with an
// md:SPSSODescriptor, or an md:EntitiesDescriptor holding exactly one.
func ReadSPMetadata(data []byte) (*SPMetadata, error) {
	if isHTML, what := xmlsafe.SniffHTML(data); isHTML {
		return nil, fmt.Errorf("%w: the source is %s", ErrNotSPMetadata, what)
	}
	doc, err := xmlsafe.ParseXML(data)
	if err != nil {
		return nil, err
	}
	root := doc.Root()
	var entity, sp *etree.Element
	switch {
	case xmlsafe.IsElem(root, xmlsafe.NSMetadata, "EntityDescriptor"):
		entity, sp = root, spDescriptor(root)
	case xmlsafe.IsElem(root, xmlsafe.NSMetadata, "EntitiesDescriptor"):
		var found []*etree.Element
		for _, e := range entityDescriptors(root, nil) {
			if d := spDescriptor(e); d != nil {
				entity, sp = e, d
				found = append(found, e)
			}
		}
		if len(found) > 1 {
			return nil, fmt.Errorf("%w: the document describes %d service providers; use the one of this app", ErrNotSPMetadata, len(found))
		}
	default:
		return nil, fmt.Errorf("%w: expected the root md:EntityDescriptor, got %s", ErrNotSPMetadata, xmlsafe.Describe(root))
	}
	if sp == nil {
		if _, idp := idpDescriptor(entity); idp {
			return nil, fmt.Errorf("%w: it describes an identity provider (md:IDPSSODescriptor), such as JumpCloud's own metadata", ErrNotSPMetadata)
		}
		return nil, fmt.Errorf("%w: it has no md:SPSSODescriptor supporting SAML 2.0", ErrNotSPMetadata)
	}
	out := &SPMetadata{
		EntityID:            strings.TrimSpace(entity.SelectAttrValue("entityID", "")),
		AuthnRequestsSigned: strings.TrimSpace(sp.SelectAttrValue("AuthnRequestsSigned", "")) == "true",
	}
	if out.EntityID == "" {
		return nil, fmt.Errorf("%w: the md:EntityDescriptor has no entityID", ErrNotSPMetadata)
	}
	type acs struct {
		url   string
		def   bool
		index int
		order int
	}
	var list []acs
	for i, el := range xmlsafe.Children(sp, xmlsafe.NSMetadata, "AssertionConsumerService") {
		if strings.TrimSpace(el.SelectAttrValue("Binding", "")) != rules.BindingPOST {
			out.OtherBindings++
			continue
		}
		loc := strings.TrimSpace(el.SelectAttrValue("Location", ""))
		if loc == "" {
			continue
		}
		idx, err := strconv.Atoi(strings.TrimSpace(el.SelectAttrValue("index", "")))
		if err != nil {
			idx = 1 << 30
		}
		list = append(list, acs{url: loc, def: strings.TrimSpace(el.SelectAttrValue("isDefault", "")) == "true", index: idx, order: i})
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.def != b.def {
			return a.def
		}
		if a.index != b.index {
			return a.index < b.index
		}
		return a.order < b.order
	})
	for _, a := range list {
		out.ACSURLs = append(out.ACSURLs, a.url)
	}
	if len(out.ACSURLs) == 0 {
		return nil, fmt.Errorf("%w: it lists no AssertionConsumerService with the HTTP-POST binding, the one JumpCloud uses", ErrNotSPMetadata)
	}
	return out, nil
}

// spDescriptor returns the entity's SPSSODescriptor that supports SAML 2.0.
func spDescriptor(entity *etree.Element) *etree.Element {
	for _, d := range xmlsafe.Children(entity, xmlsafe.NSMetadata, "SPSSODescriptor") {
		for _, p := range strings.Fields(d.SelectAttrValue("protocolSupportEnumeration", "")) {
			if p == xmlsafe.NSProtocol {
				return d
			}
		}
	}
	return nil
}
