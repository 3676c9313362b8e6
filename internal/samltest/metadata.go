package samltest

import "github.com/jcsso/jcsso/internal/testidp"

// SAML binding URIs used in generated metadata.
const (
	BindingPOST     = testidp.BindingPOST
	BindingRedirect = testidp.BindingRedirect
)

// MetadataOptions shapes a JumpCloud-like IdP metadata document; see
// testidp.MetadataOptions.
type MetadataOptions = testidp.MetadataOptions

// SSOService is one extra SingleSignOnService of generated metadata.
type SSOService = testidp.SSOService

// Metadata returns a JumpCloud-shaped IdP metadata document for kp.
func Metadata(kp KeyPair, o MetadataOptions) []byte { return testidp.Metadata(kp, o) }

// SPMetadata is a service provider's own metadata (an SPSSODescriptor
// only): what an admin hands over by mistake instead of JumpCloud's.
func SPMetadata(entityID, acsURL string) []byte { return testidp.SPMetadata(entityID, acsURL) }

// Entities wraps metadata documents (their XML declarations dropped) in an
// md:EntitiesDescriptor, as federation aggregates do.
func Entities(docs ...[]byte) []byte { return testidp.Entities(docs...) }
