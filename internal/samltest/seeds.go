package samltest

import (
	"fmt"
	"strings"
	"testing"
)

// LoginPage is a JumpCloud-like sign-in page: what a metadata URL that
// needs a login returns, and what support is sent by mistake.
const LoginPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>JumpCloud &ndash; Admin Login</title></head>
<body><form method="post"><input type="email" name="email"><input type="password" name="password"></form></body></html>`

// FuzzKey is a 1024-bit key pair for fuzz targets: every fuzz worker
// process generates its own, and key generation in a coverage-instrumented
// binary is slow enough at 2048 bits to stall the workers.
func FuzzKey(f *testing.F) KeyPair {
	f.Helper()
	return NewKeyPair(f, 0, CertOptions{Bits: 1024})
}

// MetadataSeeds are fuzz seeds for whatever reads metadata: JumpCloud-shaped
// exports (plain, signed, aggregated), the service provider's metadata, a
// login page and a few broken shapes, and the parser's limits: one
// attribute past maxAttrs (the engine's limit, passed in), and UTF-16.
func MetadataSeeds(f *testing.F, maxAttrs int) [][]byte {
	f.Helper()
	kp := NewKeyPair(f, 0, CertOptions{Bits: 2048})
	good := Metadata(kp, MetadataOptions{})
	var many strings.Builder
	for i := range maxAttrs + 1 {
		fmt.Fprintf(&many, ` a%d="v"`, i)
	}
	return [][]byte{
		good,
		Metadata(kp, MetadataOptions{EntityID: "IdP Entity ID", PostOnly: true, ValidUntil: "2020-01-01T00:00:00Z"}),
		Metadata(kp, MetadataOptions{SSOURL: "javascript:alert(1)", KeyUse: "encryption", WantAuthnRequestsSigned: true}),
		SignedMetadata(f, kp, MetadataOptions{}, SignOptions{}),
		Entities(good, SPMetadata("https://sp.example", "https://sp.example/acs")),
		SPMetadata("https://sp.example", "https://sp.example/acs"),
		[]byte(LoginPage),
		[]byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>`),
		[]byte(`<a><b></a></b>`),
		[]byte(`<x::Root/>`),
		[]byte("\xef\xbb\xbf<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"),
		[]byte(""),
		[]byte(`<a` + many.String() + `/>`),
		[]byte("\xff\xfe<\x00a\x00/\x00>\x00"),
	}
}
