package response

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
	dsig "github.com/russellhaering/goxmldsig"
)

// sigResult is what verifying one element's own signature found.
type sigResult struct {
	// present: the element has a ds:Signature as a direct child, where
	// SAML puts it (right after the Issuer).
	present bool
	// verified: that signature covers the element and verifies with a
	// trusted certificate at the clock.
	verified bool
	// el is the element as goxmldsig returned it after verification: the
	// canonical bytes that were digested, parsed again. Values are read
	// from here, never from the document the signature sat in.
	el *etree.Element
	// cert is the trusted certificate that verified it.
	cert *x509.Certificate
	// certOutside: cert verified the signature, but the clock is outside
	// cert's validity (expired, or not yet valid): the signature is
	// genuine, and goxmldsig-based service providers refuse it.
	certOutside bool
	// problem says why a present signature did not verify; fix overrides
	// the check's default fix when the cause is known.
	problem, fix string
	// staleSigner is the certificate of the signature's own KeyInfo when
	// it, and no trusted one, verifies the signature: JumpCloud now signs
	// with a certificate the trusted metadata lacks.
	staleSigner *x509.Certificate
	// weak: a SHA-1 signature method or digest.
	weak    bool
	weakAlg string
}

// verifyOwnSignature checks the signature that el (the root Response, or
// its Assertion) carries as a direct child. Only the trusted certificates
// verify it: the Signature's KeyInfo is removed before goxmldsig sees it
// (see xmlsafe.Prepare), so whatever it carries (another certificate,
// a bare RSA key, nothing) can neither help nor hinder. KeyInfo is read
// only to explain a failure (the stale-metadata case). A problem is worded to follow
// "the Response's signature:" so two alike can share one subject.
func verifyOwnSignature(ctx context.Context, el *etree.Element, isRoot bool, trusted []*x509.Certificate, now time.Time) sigResult {
	sigs := xmlsafe.Children(el, xmlsafe.NSDSig, "Signature")
	if len(sigs) == 0 {
		return sigResult{}
	}
	res := sigResult{present: true}
	if len(sigs) > 1 {
		res.problem = fmt.Sprintf("%d of them on one element, where SAML allows one", len(sigs))
		return res
	}
	sig := sigs[0]
	res.weak, res.weakAlg = weakAlgorithm(sig)

	refs := xmlsafe.Children(xmlsafe.Child(sig, xmlsafe.NSDSig, "SignedInfo"), xmlsafe.NSDSig, "Reference")
	if len(refs) != 1 {
		res.problem = fmt.Sprintf("%d References, where a SAML signature has exactly one, naming the element it sits in", len(refs))
		return res
	}
	uri, id := xmlsafe.Attr(refs[0], "URI"), xmlsafe.Attr(el, "ID")
	switch {
	case uri == "" && isRoot:
		// An empty URI is the whole document, which is this Response.
	case uri == "":
		res.problem = fmt.Sprintf("a Reference to the whole document (URI=\"\"), not to the %s it sits in", el.Tag)
		return res
	case id == "" || uri != "#"+id:
		res.problem = fmt.Sprintf("a Reference to %q, not to the %s it sits in (ID %q)", uri, el.Tag, id)
		return res
	}

	// The KeyInfo certificate is parsed only to explain a failure.
	keyInfoText := xmlsafe.Text(xmlsafe.Path(sig, xmlsafe.NSDSig, "KeyInfo", "X509Data", "X509Certificate"))
	if len(trusted) == 0 {
		keyInfoCert, _ := parseKeyInfoCert(keyInfoText)
		res.problem = "not checked, as no trusted certificate was given"
		if keyInfoCert != nil {
			res.problem += fmt.Sprintf(" (the response's KeyInfo carries a certificate with SHA-256 %s; compare it with the one in JumpCloud's metadata)", samlcheck.FingerprintSHA256(keyInfoCert))
		}
		return res
	}

	v, err := newTrustedVerifier(ctx, el, sig, now)
	if err != nil {
		res.problem = err.Error()
		return res
	}
	defer v.restore()
	var keyInfoDER []byte
	if len(trusted) > 1 && keyInfoText != "" {
		// Only to choose which certificate to try first.
		keyInfoDER, _ = samlcheck.CertDER(keyInfoText)
	}
	ok, attempts := v.verify(trusted, keyInfoDER)
	if ok != nil {
		res.verified, res.el, res.cert = true, ok.out, ok.cert
		return res
	}
	for _, a := range attempts {
		if a.outside && a.err == nil {
			// Genuine, made with a trusted certificate the clock is outside
			// of: signature.cert-expired says so, and fails.
			res.verified, res.el, res.cert, res.certOutside = true, a.out, a.cert, true
			return res
		}
	}
	keyInfoCert, keyInfoErr := parseKeyInfoCert(keyInfoText)
	res.problem, res.fix, res.staleSigner = diagnoseSignature(v, sig, attempts, keyInfoCert, keyInfoErr)
	return res
}

// newTrustedVerifier readies el's own signature sig for goxmldsig (see
// xmlsafe.Prepare), without its KeyInfo, so only a trusted certificate can
// verify it. Call restore when done: the document is then as it was, so an
// Assertion is verified against what its signer saw whatever was verified
// before it.
func newTrustedVerifier(ctx context.Context, el, sig *etree.Element, now time.Time) (*trustedVerifier, error) {
	prep, err := xmlsafe.Prepare(el, sig, true)
	if err != nil {
		return nil, err
	}
	return &trustedVerifier{ctx: ctx, signed: prep, now: now}, nil
}

// diagnoseSignature explains a signature that no trusted certificate
// verified, from every trusted certificate's verdict (attempts, in the
// order given): an expired or not-yet-valid certificate, stale metadata
// (the KeyInfo certificate verifies it), changed content, or another key.
// In the stale case it also returns the KeyInfo certificate that verifies
// the signature (see Report.StaleCertificate).
func diagnoseSignature(v *trustedVerifier, sig *etree.Element, attempts []attempt, keyInfoCert *x509.Certificate, keyInfoErr error) (problem, fix string, staleSigner *x509.Certificate) {
	now := v.now
	if xmlsafe.Text(xmlsafe.Child(sig, xmlsafe.NSDSig, "SignatureValue")) == "" {
		return "no SignatureValue", "", nil
	}
	trusted := make([]*x509.Certificate, len(attempts))
	for i, a := range attempts {
		trusted[i] = a.cert
	}
	firstErr := attempts[0].err
	// A trusted certificate outside its validity was tried inside it; one
	// that verified it made the signature genuine (see verifyOwnSignature),
	// so these did not verify it either.
	var expiredNote string
	for _, a := range attempts {
		if a.outside {
			expiredNote = "; besides, the trusted certificate " + validityWords(a.cert, now)
		}
	}
	fps := make([]string, len(trusted))
	for i, c := range trusted {
		fps[i] = samlcheck.FingerprintSHA256(c)
	}
	trustedFP := strings.Join(fps, ", ")
	if keyInfoCert != nil && !certIn(keyInfoCert, trusted) {
		at := now
		if now.Before(keyInfoCert.NotBefore) || now.After(keyInfoCert.NotAfter) {
			at = keyInfoCert.NotBefore
		}
		if a := v.try(keyInfoCert, at); a.err == nil {
			return fmt.Sprintf("not verified by the trusted certificate (SHA-256 %s) but verified by the certificate in the response's own KeyInfo (SHA-256 %s): JumpCloud now signs with a new certificate, so the metadata the service provider saved is stale",
					trustedFP, samlcheck.FingerprintSHA256(keyInfoCert)),
				"JumpCloud's signing certificate was regenerated since the metadata was last uploaded: in JumpCloud, open the app's SSO tab, export fresh metadata (or copy the metadata URL) and upload it to the service provider again. If nobody regenerated it, this response was not signed by your JumpCloud: treat it as forged.",
				keyInfoCert
		}
	}
	var detail string
	switch {
	case errors.Is(firstErr, rsa.ErrVerification):
		detail = "it was made with another key"
	case xmlsafe.IsDigestMismatch(firstErr):
		detail = "the signed content was changed after signing (its digest does not match)"
	case errors.Is(firstErr, dsig.ErrMissingSignature):
		detail = "it does not reference the element it sits in"
	case firstErr != nil:
		detail = words.LowerFirst(firstErr.Error())
	}
	msg := fmt.Sprintf("not verified by the trusted certificate (SHA-256 %s): %s%s", trustedFP, detail, expiredNote)
	if keyInfoCert != nil && !certIn(keyInfoCert, trusted) {
		msg += fmt.Sprintf("; the response's KeyInfo names another certificate (SHA-256 %s), which does not verify it either", samlcheck.FingerprintSHA256(keyInfoCert))
	} else if keyInfoErr != nil {
		msg += "; its KeyInfo certificate cannot be read (" + keyInfoErr.Error() + ")"
	}
	return msg, "", nil
}

// parseKeyInfoCert parses the text of a Signature's KeyInfo certificate;
// empty text (a bare key, or no KeyInfo) gives nil and no error.
func parseKeyInfoCert(text string) (*x509.Certificate, error) {
	if text == "" {
		return nil, nil
	}
	return samlcheck.ParseBase64Cert(text)
}

// weakAlgorithm reports a SHA-1 signature method or digest method.
func weakAlgorithm(sig *etree.Element) (bool, string) {
	si := xmlsafe.Child(sig, xmlsafe.NSDSig, "SignedInfo")
	short := func(uri string) string { return uri[strings.LastIndexByte(uri, '#')+1:] }
	if m := xmlsafe.Attr(xmlsafe.Child(si, xmlsafe.NSDSig, "SignatureMethod"), "Algorithm"); strings.HasSuffix(m, "sha1") {
		return true, "signature method " + short(m)
	}
	for _, ref := range xmlsafe.Children(si, xmlsafe.NSDSig, "Reference") {
		if m := xmlsafe.Attr(xmlsafe.Child(ref, xmlsafe.NSDSig, "DigestMethod"), "Algorithm"); strings.HasSuffix(m, "sha1") {
			return true, "digest method " + short(m)
		}
	}
	return false, ""
}

func certIn(c *x509.Certificate, list []*x509.Certificate) bool {
	for _, t := range list {
		if t.Equal(c) {
			return true
		}
	}
	return false
}

// validityWords says how the clock lies outside c's validity: "expired on
// 2025-06-01" or "is valid only from 2030-01-01T00:00:00Z".
func validityWords(c *x509.Certificate, now time.Time) string {
	if now.Before(c.NotBefore) {
		return "is valid only from " + words.Stamp(c.NotBefore)
	}
	return "expired on " + words.Day(c.NotAfter)
}
