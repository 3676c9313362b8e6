package samlcheck

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
)

// metadataSeeds are fuzz seeds made here: JumpCloud-shaped exports (plain,
// signed, aggregated), the service provider's metadata, a login page and a
// few broken shapes.
func metadataSeeds(f *testing.F) [][]byte {
	kp := samltest.NewKeyPair(f, 0, samltest.CertOptions{Bits: 2048})
	good := samltest.Metadata(kp, samltest.MetadataOptions{})
	return [][]byte{
		good,
		samltest.Metadata(kp, samltest.MetadataOptions{EntityID: "IdP Entity ID", PostOnly: true, ValidUntil: "2020-01-01T00:00:00Z"}),
		samltest.Metadata(kp, samltest.MetadataOptions{SSOURL: "javascript:alert(1)", KeyUse: "encryption", WantAuthnRequestsSigned: true}),
		samltest.SignedMetadata(f, kp, samltest.MetadataOptions{}, samltest.SignOptions{}),
		samltest.Entities(good, samltest.SPMetadata("https://sp.example", "https://sp.example/acs")),
		samltest.SPMetadata("https://sp.example", "https://sp.example/acs"),
		[]byte(loginPage),
		[]byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>`),
		[]byte(`<a><b></a></b>`),
		[]byte(`<x::Root/>`),
		[]byte("\xef\xbb\xbf<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"),
		[]byte(""),
		// The limits: one attribute past MaxXMLAttrs, and UTF-16.
		[]byte(`<a` + manyAttrs(MaxXMLAttrs+1) + `/>`),
		[]byte("\xff\xfe<\x00a\x00/\x00>\x00"),
	}
}

// manyAttrs is n distinct attributes, a0="v" a1="v"...
func manyAttrs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` a%d="v"`, i)
	}
	return b.String()
}

// FuzzParseXML: any input gives a document with a root, or an error that
// wraps ErrUnsafeXML; never a panic or a hang. An accepted input gives
// exactly the tree etree's own reader builds.
func FuzzParseXML(f *testing.F) {
	for _, s := range metadataSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseXML(data)
		switch {
		case err != nil && !errors.Is(err, ErrUnsafeXML):
			t.Fatalf("error %v does not wrap ErrUnsafeXML", err)
		case err == nil && (doc == nil || doc.Root() == nil):
			t.Fatal("no error and no root")
		}
		sameTreeAsEtree(t, "input", data)
	})
}

// FuzzCheckMetadata: any input gives a report whose ok follows its
// findings, each with an id and a known severity, and a fix on every fail
// or warning; never a panic or a hang.
func FuzzCheckMetadata(f *testing.F) {
	for _, s := range metadataSeeds(f) {
		f.Add(s)
	}
	opts := MetadataOptions{Now: testNow, IdPEntityID: "jumpcloud-acmecorp", SPEntityID: "https://sp.example", ACSURL: "https://sp.example/acs"}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := CheckMetadata(data, opts)
		if r == nil || len(r.Findings) == 0 {
			t.Fatal("no findings")
		}
		if r.OK != r.Findings.OK() {
			t.Fatalf("ok = %t, findings say %t", r.OK, r.Findings.OK())
		}
		for _, fd := range r.Findings {
			switch fd.Severity {
			case SeverityPass, SeverityInfo:
			case SeverityWarn, SeverityFail:
				if fd.Fix == "" {
					t.Fatalf("%s %s has no fix", fd.Severity, fd.ID)
				}
			default:
				t.Fatalf("finding %s has severity %q", fd.ID, fd.Severity)
			}
			if fd.ID == "" || fd.Message == "" {
				t.Fatalf("finding without id or message: %+v", fd)
			}
		}
	})
}
