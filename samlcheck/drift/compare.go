// Package drift compares fresh IdP metadata, checked, with what a
// configuration saved when it was written: the entityID, the sign-on URL,
// the HTTP-Redirect binding and the signing certificates, where a rotated
// certificate shows before any login fails. `jcsso check --config CFG
// FRESH` and `jcsso doctor` run it (Compare, Refetched); troubleshooting
// refers to its ids. It takes plain saved values, so the engine needs no
// configuration format.
//
// Expiry is not judged here: the saved copy's certificates are judged by
// the metadata check itself (cert.expiring, cert.expired, against the real
// NotAfter and JumpCloud's reminders), which doctor runs on every saved
// copy. "Expired" and "rotated" stay two findings: an expired certificate
// breaks only the service providers that check its dates, a rotated one
// breaks every login.
package drift

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// SavedIdP is what a configuration recorded about the identity provider
// when it was written: the values fresh metadata is compared with. It is
// plain values, so the engine needs no configuration format (ssoconfig
// fills it in).
type SavedIdP struct {
	EntityID string
	// SSOURL is the sign-on URL the service provider was given.
	SSOURL string
	// CertSHA256 are the saved signing certificates' SHA-256 fingerprints,
	// as samlcheck.FingerprintSHA256 writes them (case and colons do not matter).
	CertSHA256 []string
	// Redirect says the saved metadata offered the HTTP-Redirect binding
	// (the binding the service provider was given): its disappearance from
	// fresh metadata is drift.redirect-removed.
	Redirect bool
}

// Compare compares checked fresh metadata with the values a configuration
// saved, and returns a finding per check of samlcheck.DriftTable but
// drift.fetch-failed (Refetched adds it): the entityID, the sign-on URL,
// the signing certificates (rotated: no saved one is published any more,
// naming both fingerprints and the new one's dates; added: a new one
// beside a saved one, a rollover begun, which is not also a rotation) and
// the HTTP-Redirect binding. A value the fresh report lacks (it could not
// be read) or that was not saved is reported as info, not compared.
func Compare(saved SavedIdP, fresh *metadata.Report) samlcheck.Findings {
	fs := samlcheck.DriftTable().Collector(5)
	compareEntityID(&fs, saved, fresh.IdP)
	compareSSOURL(&fs, saved, fresh.IdP)
	compareCerts(&fs, saved, fresh.IdP)
	compareRedirect(&fs, saved, fresh.IdP)
	return fs.Findings()
}

func compareEntityID(fs *samlcheck.Collector, saved SavedIdP, idp samlcheck.IdPInfo) {
	switch {
	case saved.EntityID == "" || idp.EntityID == "":
		fs.Info(samlcheck.IDDriftEntityIDChanged, "not compared: the saved configuration or the fresh metadata has no entityID", "")
	case idp.EntityID != saved.EntityID:
		fs.Fail(samlcheck.IDDriftEntityIDChanged, fmt.Sprintf("expected the saved entityID %q, the fresh metadata says %q", saved.EntityID, idp.EntityID), "")
	default:
		fs.Pass(samlcheck.IDDriftEntityIDChanged, fmt.Sprintf("the entityID is the saved %q", saved.EntityID))
	}
}

func compareSSOURL(fs *samlcheck.Collector, saved SavedIdP, idp samlcheck.IdPInfo) {
	var urls []string
	for _, ep := range idp.SSO {
		if !slices.Contains(urls, ep.URL) {
			urls = append(urls, ep.URL)
		}
	}
	switch {
	case saved.SSOURL == "" || len(urls) == 0:
		fs.Info(samlcheck.IDDriftSSOURLChanged, "not compared: the saved configuration or the fresh metadata has no sign-on URL", "")
	case !slices.Contains(urls, saved.SSOURL):
		fs.Fail(samlcheck.IDDriftSSOURLChanged, fmt.Sprintf("expected the saved sign-on URL %s, the fresh metadata offers %s", saved.SSOURL, strings.Join(urls, ", ")), "")
	default:
		fs.Pass(samlcheck.IDDriftSSOURLChanged, "the fresh metadata offers the saved sign-on URL "+saved.SSOURL)
	}
}

// compareCerts reports drift.cert-rotated and drift.cert-added: the fresh
// certificates split into those saved (kept) and the others (added).
func compareCerts(fs *samlcheck.Collector, saved SavedIdP, idp samlcheck.IdPInfo) {
	savedFP := make([]string, 0, len(saved.CertSHA256))
	for _, fp := range saved.CertSHA256 {
		savedFP = append(savedFP, normalFingerprint(fp))
	}
	var kept []string
	var added []samlcheck.CertInfo
	for _, c := range idp.Certificates {
		if slices.Contains(savedFP, normalFingerprint(c.SHA256)) {
			kept = append(kept, c.SHA256)
		} else {
			added = append(added, c)
		}
	}
	switch {
	case len(savedFP) == 0 || len(idp.Certificates) == 0:
		const msg = "not compared: the saved configuration or the fresh metadata has no signing certificate"
		fs.Info(samlcheck.IDDriftCertRotated, msg, "")
		fs.Info(samlcheck.IDDriftCertAdded, msg, "")
	case len(kept) == 0:
		fs.Fail(samlcheck.IDDriftCertRotated, fmt.Sprintf("the signing certificate was rotated: the service provider's copy, SHA-256 %s, is stale; JumpCloud now publishes %s, so every login fails its signature check until the service provider has the fresh metadata",
			strings.Join(saved.CertSHA256, ", "), describeCerts(added)), "")
		fs.Info(samlcheck.IDDriftCertAdded, "not judged: no saved certificate is published any more (drift.cert-rotated)", "")
	default:
		fs.Pass(samlcheck.IDDriftCertRotated, "a saved signing certificate is still published (SHA-256 "+strings.Join(kept, ", ")+")")
		if len(added) > 0 {
			fs.Problem(samlcheck.IDDriftCertAdded, fmt.Sprintf("the fresh metadata lists a new signing certificate, %s, beside the saved SHA-256 %s: a rollover has begun, and logins signed with the new one will fail until the service provider has it",
				describeCerts(added), strings.Join(kept, ", ")), "")
		} else {
			fs.Pass(samlcheck.IDDriftCertAdded, "no signing certificate was added beside the saved one")
		}
	}
}

// describeCerts names certificates by fingerprint and validity, as an
// admin compares them with JumpCloud's console.
func describeCerts(cs []samlcheck.CertInfo) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("SHA-256 %s (valid %s to %s)", c.SHA256, words.Day(c.NotBefore), words.Day(c.NotAfter))
	}
	return strings.Join(parts, ", ")
}

func compareRedirect(fs *samlcheck.Collector, saved SavedIdP, idp samlcheck.IdPInfo) {
	redirect := slices.ContainsFunc(idp.SSO, func(ep samlcheck.Endpoint) bool { return ep.Binding == rules.BindingRedirect })
	switch {
	case !saved.Redirect:
		fs.Info(samlcheck.IDDriftRedirectRemoved, "not compared: the saved metadata offered no HTTP-Redirect binding", "")
	case len(idp.SSO) == 0:
		fs.Info(samlcheck.IDDriftRedirectRemoved, "not compared: the fresh metadata has no sign-on URL", "")
	case !redirect:
		var names []string
		for _, ep := range idp.SSO {
			if n := rules.BindingName(ep.Binding); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		fs.Problem(samlcheck.IDDriftRedirectRemoved, "the saved metadata offered the HTTP-Redirect binding, which the service provider was given; the fresh metadata offers only "+strings.Join(names, ", ")+" (Declare Redirect Endpoint was unticked in JumpCloud)", "")
	default:
		fs.Pass(samlcheck.IDDriftRedirectRemoved, "the fresh metadata still offers the HTTP-Redirect binding")
	}
}

// normalFingerprint is a fingerprint in upper case without separators.
func normalFingerprint(fp string) string {
	return strings.ToUpper(strings.NewReplacer(":", "", " ", "").Replace(fp))
}
