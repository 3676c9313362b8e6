// Package drift compares fresh IdP metadata, checked, with what a
// configuration saved when it was written: the entityID, the sign-on URL
// and the signing certificates, where a rotated certificate shows before
// any login fails. `jcsso check --config` runs it today; the doctor and
// troubleshooting flows will too. It takes plain saved values, so the
// engine needs no configuration format.
package drift

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
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
}

// Compare compares checked fresh metadata with the values a
// configuration saved, and returns a finding per value: the entityID, the
// sign-on URL, and the signing certificates, where a rotation (no fresh
// certificate is a saved one) fails naming both fingerprints, since that is
// how a regenerated certificate shows before any login fails. A value the
// fresh report lacks (it could not be read) or that was not saved is
// reported as info, not compared.
func Compare(saved SavedIdP, fresh *metadata.Report) samlcheck.Findings {
	fs := samlcheck.DriftTable().Collector(3)
	add := func(id string, sev samlcheck.Severity, msg string) { fs.Add(id, sev, msg, "") }
	const beganFix = "Upload the fresh metadata to the service provider now, so that it trusts the new certificate before JumpCloud signs with it, then run jcsso setup again to save it."
	idp := fresh.IdP

	switch {
	case saved.EntityID == "" || idp.EntityID == "":
		add(samlcheck.IDDriftEntityIDChanged, samlcheck.SeverityInfo, "not compared: the saved configuration or the fresh metadata has no entityID")
	case idp.EntityID != saved.EntityID:
		add(samlcheck.IDDriftEntityIDChanged, samlcheck.SeverityFail, fmt.Sprintf("expected the saved entityID %q, the fresh metadata says %q", saved.EntityID, idp.EntityID))
	default:
		add(samlcheck.IDDriftEntityIDChanged, samlcheck.SeverityPass, fmt.Sprintf("the entityID is the saved %q", saved.EntityID))
	}

	var urls []string
	for _, ep := range idp.SSO {
		if !slices.Contains(urls, ep.URL) {
			urls = append(urls, ep.URL)
		}
	}
	switch {
	case saved.SSOURL == "" || len(urls) == 0:
		add(samlcheck.IDDriftSSOURLChanged, samlcheck.SeverityInfo, "not compared: the saved configuration or the fresh metadata has no sign-on URL")
	case !slices.Contains(urls, saved.SSOURL):
		add(samlcheck.IDDriftSSOURLChanged, samlcheck.SeverityFail, fmt.Sprintf("expected the saved sign-on URL %s, the fresh metadata offers %s", saved.SSOURL, strings.Join(urls, ", ")))
	default:
		add(samlcheck.IDDriftSSOURLChanged, samlcheck.SeverityPass, "the fresh metadata offers the saved sign-on URL "+saved.SSOURL)
	}

	savedFP := make([]string, 0, len(saved.CertSHA256))
	for _, fp := range saved.CertSHA256 {
		savedFP = append(savedFP, normalFingerprint(fp))
	}
	var kept, added []string
	for _, c := range idp.Certificates {
		if slices.Contains(savedFP, normalFingerprint(c.SHA256)) {
			kept = append(kept, c.SHA256)
		} else {
			added = append(added, c.SHA256)
		}
	}
	switch {
	case len(savedFP) == 0 || len(idp.Certificates) == 0:
		add(samlcheck.IDDriftCertRotated, samlcheck.SeverityInfo, "not compared: the saved configuration or the fresh metadata has no signing certificate")
	case len(kept) == 0:
		add(samlcheck.IDDriftCertRotated, samlcheck.SeverityFail, fmt.Sprintf("the signing certificate was rotated: the saved one is SHA-256 %s, the fresh metadata's is SHA-256 %s",
			strings.Join(saved.CertSHA256, ", "), strings.Join(added, ", ")))
	case len(added) > 0:
		fs.Add(samlcheck.IDDriftCertRotated, samlcheck.SeverityWarn, fmt.Sprintf("the fresh metadata lists a new signing certificate, SHA-256 %s, beside the saved SHA-256 %s: a rotation has begun, and logins signed with the new one fail until the service provider has it",
			strings.Join(added, ", "), strings.Join(kept, ", ")), beganFix)
	default:
		add(samlcheck.IDDriftCertRotated, samlcheck.SeverityPass, "the signing certificate is the saved one (SHA-256 "+strings.Join(kept, ", ")+")")
	}
	return fs.Findings()
}

// normalFingerprint is a fingerprint in upper case without separators.
func normalFingerprint(fp string) string {
	return strings.ToUpper(strings.NewReplacer(":", "", " ", "").Replace(fp))
}
