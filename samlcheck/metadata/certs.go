package metadata

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// mdCerts are the IdP's signing certificates, parsed once and shared by the
// signature and certificate checks.
type mdCerts struct {
	parsed   []samlcheck.CertInfo
	invalid  []string // one message per certificate that could not be read
	texts    int      // X509Certificate elements seen
	signing  bool     // some signing KeyDescriptor exists
	encrOnly bool     // only use="encryption" KeyDescriptors exist
}

// parseSigningCerts reads the descriptor's signing certificates, dropping
// duplicates (the same certificate listed twice is one certificate).
func parseSigningCerts(idp *etree.Element) mdCerts {
	var mc mdCerts
	if idp == nil {
		return mc
	}
	texts, signing, encrOnly := signingCertTexts(idp)
	mc.texts, mc.signing, mc.encrOnly = len(texts), signing, encrOnly
	// A set, not a comparison with every earlier one: hostile metadata
	// lists thousands.
	seen := make(map[string]bool, len(texts))
	for i, t := range texts {
		c, err := samlcheck.ParseBase64Cert(t)
		if err != nil {
			mc.invalid = append(mc.invalid, certProblem(i+1, len(texts), t))
			continue
		}
		if !seen[string(c.Raw)] {
			seen[string(c.Raw)] = true
			mc.parsed = append(mc.parsed, samlcheck.NewCertInfo(c))
		}
	}
	return mc
}

// certProblem says why the n-th of total X509Certificate texts is unusable,
// recognising the two common mistakes: PEM text pasted in, and PEM text
// base64-encoded a second time.
func certProblem(n, total int, text string) string {
	which := "the signing certificate"
	if total > 1 {
		which = fmt.Sprintf("signing certificate %d of %d", n, total)
	}
	trimmed := strings.TrimSpace(text)
	switch {
	case trimmed == "":
		return which + " is empty: expected the certificate's base64 DER in X509Certificate"
	case strings.Contains(trimmed, "-----BEGIN"):
		return which + " is PEM text: expected only the base64 between the BEGIN and END lines"
	}
	der, err := samlcheck.CertDER(trimmed)
	if err != nil {
		return which + " is not valid base64: expected the certificate's base64 DER"
	}
	if bytes.HasPrefix(bytes.TrimSpace(der), []byte("-----BEGIN")) {
		return which + " is PEM text encoded in base64 a second time: expected the base64 DER itself"
	}
	if _, err := x509.ParseCertificate(der); err != nil {
		return which + " decodes but is not an X.509 certificate: " + words.OneLine(err.Error())
	}
	return which + " cannot be read"
}

// certLabel names a certificate in messages.
func certLabel(ci samlcheck.CertInfo, n, total int) string {
	name := samlcheck.CertName(ci.Cert)
	fp := ci.SHA256
	if len(fp) > 11 {
		fp = fp[:11] + "…"
	}
	if total > 1 {
		return fmt.Sprintf("signing certificate %d of %d (%s, SHA-256 %s)", n, total, name, fp)
	}
	return fmt.Sprintf("the signing certificate (%s, SHA-256 %s)", name, fp)
}

// checkCerts reports cert.missing, cert.invalid, cert.expired,
// cert.expiring and cert.weak, and records the certificates in the report.
func (c *mdChecker) checkCerts(mc mdCerts) {
	c.report.IdP.Certificates = append(c.report.IdP.Certificates, mc.parsed...)
	switch {
	case mc.texts == 0 && mc.encrOnly:
		c.add(samlcheck.IDCertMissing, samlcheck.SeverityFail, "expected a signing certificate (a KeyDescriptor with use=\"signing\" or without use), got only encryption keys")
	case mc.texts == 0 && mc.signing:
		c.add(samlcheck.IDCertMissing, samlcheck.SeverityFail, "expected an X509Certificate in the signing KeyDescriptor, got a KeyDescriptor without one")
	case mc.texts == 0:
		c.add(samlcheck.IDCertMissing, samlcheck.SeverityFail, "expected a signing certificate (a KeyDescriptor with an X509Certificate), found none")
	case len(mc.parsed) > 0:
		n := "one signing certificate"
		if len(mc.parsed) > 1 {
			n = fmt.Sprintf("%d signing certificates", len(mc.parsed))
		}
		c.add(samlcheck.IDCertMissing, samlcheck.SeverityPass, "the IdP publishes "+n)
	}
	for _, p := range mc.invalid {
		c.add(samlcheck.IDCertInvalid, samlcheck.SeverityFail, p)
	}
	if mc.texts > 0 && len(mc.invalid) == 0 {
		c.add(samlcheck.IDCertInvalid, samlcheck.SeverityPass, "every signing certificate decodes and parses")
	}
	warn := time.Duration(c.opts.WarnDays) * 24 * time.Hour
	for i, ci := range mc.parsed {
		label := certLabel(ci, i+1, len(mc.parsed))
		switch {
		case c.now.After(ci.NotAfter):
			c.add(samlcheck.IDCertExpired, samlcheck.SeverityFail, fmt.Sprintf("%s expired on %s (%s); it was valid %s to %s", label, words.Stamp(ci.NotAfter), words.Ago(c.now.Sub(ci.NotAfter)), words.Day(ci.NotBefore), words.Day(ci.NotAfter)))
		case c.now.Before(ci.NotBefore):
			clock := "the clock of the machine"
			if how := c.opts.Inputs.How(samlcheck.InputNow); how != "" {
				clock += " (or " + how + ")"
			}
			c.addFix(samlcheck.IDCertExpired, samlcheck.SeverityFail, fmt.Sprintf("%s is not valid yet: it starts on %s, the clock says %s", label, words.Stamp(ci.NotBefore), words.Stamp(c.now)),
				"Check "+clock+"; if it is right, the certificate was made with a future start date: regenerate it on the application's SSO tab in JumpCloud and export fresh metadata.")
		default:
			c.add(samlcheck.IDCertExpired, samlcheck.SeverityPass, fmt.Sprintf("%s is valid now (%s to %s)", label, words.Day(ci.NotBefore), words.Day(ci.NotAfter)))
			left := ci.NotAfter.Sub(c.now)
			// At exactly 60 days JumpCloud sends its first reminder: the
			// warning starts on that day, not the day after.
			if left <= warn {
				c.add(samlcheck.IDCertExpiring, samlcheck.SeverityWarn, fmt.Sprintf("%s expires on %s, in %s; expected more than %d days left%s", label, words.Stamp(ci.NotAfter), words.InDays(left), c.opts.WarnDays, reminderNote(left)))
			} else {
				c.add(samlcheck.IDCertExpiring, samlcheck.SeverityPass, fmt.Sprintf("%s expires on %s, in %s", label, words.Day(ci.NotAfter), words.InDays(left)))
			}
		}
		c.checkWeak(ci, label)
	}
}

// checkWeak reports cert.weak for one certificate.
func (c *mdChecker) checkWeak(ci samlcheck.CertInfo, label string) {
	weak := false
	if k, ok := ci.Cert.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
		weak = true
		c.add(samlcheck.IDCertWeak, samlcheck.SeverityFail, fmt.Sprintf("%s has an RSA key of %d bits; expected at least 2048 (JumpCloud makes RSA-4096)", label, k.N.BitLen()))
	}
	switch ci.Cert.SignatureAlgorithm {
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1, x509.MD5WithRSA, x509.MD2WithRSA:
		weak = true
		c.add(samlcheck.IDCertWeak, samlcheck.SeverityWarn, fmt.Sprintf("%s is signed with %s; expected SHA-256 or stronger (SHA-1 and MD5 are broken, and some service providers refuse such certificates)", label, ci.Cert.SignatureAlgorithm))
	}
	if !weak {
		c.add(samlcheck.IDCertWeak, samlcheck.SeverityPass, fmt.Sprintf("%s has a strong key (%s) and is signed with %s", label, ci.Key, ci.Cert.SignatureAlgorithm))
	}
}

// reminderNote names the last of JumpCloud's expiry e-mails due for a
// certificate with left to live (rules.ExpiryReminder), for the
// cert.expiring message: the admin may have had it and ignored it.
func reminderNote(left time.Duration) string {
	switch d := rules.ExpiryReminder(left); d {
	case 0:
		return ""
	case 1:
		return " (past JumpCloud's last expiry reminder, 24 hours before)"
	default:
		return fmt.Sprintf(" (past JumpCloud's %d-day expiry reminder)", d)
	}
}
