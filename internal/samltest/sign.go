package samltest

import (
	"testing"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/testidp"
)

// SignOptions shape an enveloped signature made by SignEnveloped; the zero
// value is what JumpCloud does. See testidp.SignOptions.
type SignOptions = testidp.SignOptions

// SignEnveloped adds an enveloped XML signature by kp to el, in place, and
// returns el; see testidp.SignEnveloped.
func SignEnveloped(tb testing.TB, kp KeyPair, el *etree.Element, opts SignOptions) *etree.Element {
	tb.Helper()
	if err := testidp.SignEnveloped(kp, el, opts); err != nil {
		tb.Fatalf("%v", err)
	}
	return el
}

// SignedMetadata returns a JumpCloud-shaped metadata document (see Metadata)
// with an enveloped signature by kp on its root. JumpCloud does not sign its
// exports; this is for the metadata.signature checks.
func SignedMetadata(tb testing.TB, kp KeyPair, o MetadataOptions, so SignOptions) []byte {
	tb.Helper()
	out, err := testidp.SignedMetadata(kp, o, so)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return out
}
