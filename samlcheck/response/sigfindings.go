package response

import (
	"fmt"
	"strings"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/words"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// checkSignatures reports signature.missing, signature.invalid,
// signature.partial, signature.algorithm and signature.cert-expired.
func (in *inspection) checkSignatures() {
	in.checkSignatureMissing()
	in.checkSignatureInvalid()
	in.checkSignaturePartial()
	in.checkSignatureAlgorithm()
	in.checkSignatureCertExpired()
}

// signedPart is one element whose own signature was looked at.
type signedPart struct {
	// name is how a message names it: "the Response", "the Assertion", or
	// "the 2nd of 2 Assertions" when the Response holds several.
	name, possessive string
	res              sigResult
}

// signedParts lists the Response and every direct Assertion whose
// signature was looked at, in document order.
func (in *inspection) signedParts() []signedPart {
	parts := []signedPart{{"the Response", "the Response's", in.resp}}
	n := len(in.shape.direct)
	for i, a := range in.asrts {
		p := signedPart{"the Assertion", "the Assertion's", a}
		if n > 1 {
			p.name = fmt.Sprintf("the %s of %d Assertions", words.Ordinal(i+1), n)
			p.possessive = fmt.Sprintf("the %s Assertion's", words.Ordinal(i+1))
		}
		parts = append(parts, p)
	}
	return parts
}

func (in *inspection) checkSignatureMissing() {
	parts := in.signedParts()
	var signed, unsigned []string
	for _, p := range parts {
		if p.res.present {
			signed = append(signed, p.name)
		} else {
			unsigned = append(unsigned, p.name)
		}
	}
	if len(in.shape.direct) > len(in.asrts) {
		unsigned = append(unsigned, fmt.Sprintf("the other %d Assertions (not looked at)", len(in.shape.direct)-len(in.asrts)))
	}
	switch {
	case len(signed) == 0:
		msg := "neither the Response nor its Assertion carries a signature"
		if len(in.shape.direct) > 1 {
			msg = fmt.Sprintf("neither the Response nor any of its %d Assertions carries a signature", len(in.shape.direct))
		}
		if len(in.shape.stray) > 0 {
			msg += fmt.Sprintf("; the only signature sits inside %s and signs something else", xmlsafe.Describe(in.shape.stray[0].Parent()))
		}
		in.b.Problem(samlcheck.IDSignatureMissing, msg, "")
	case len(unsigned) == 0 && len(parts) == 2:
		in.b.Pass(samlcheck.IDSignatureMissing, "the Response and the Assertion each carry a signature")
	default:
		msg := words.JoinAnd(signed) + " " + carries(len(signed)) + " a signature"
		if len(unsigned) > 0 {
			msg += " (" + words.JoinAnd(unsigned) + " " + map[bool]string{true: "does", false: "do"}[len(unsigned) == 1] + " not)"
		}
		in.b.Pass(samlcheck.IDSignatureMissing, msg)
	}
}

func carries(n int) string {
	if n == 1 {
		return "carries"
	}
	return "each carry"
}

// untrustedFix is signature.invalid's fix when nothing was trusted to
// verify a signature, naming how to give the metadata or a certificate
// only where the caller takes it.
func untrustedFix(ins samlcheck.Inputs) string {
	with := func(how string) string {
		if how == "" {
			return ""
		}
		return " with " + how
	}
	md, cert := ins.How(samlcheck.InputMetadata), ins.How(samlcheck.InputCert)
	fix := "Give the IdP metadata" + with(md) + " (the file or URL exported from the app's SSO tab in JumpCloud)"
	if cert != "" || md == "" {
		fix += " or its signing certificate" + with(cert)
	}
	return fix + "."
}

func (in *inspection) checkSignatureInvalid() {
	if in.skipVerify {
		in.b.Info(samlcheck.IDSignatureInvalid, "not checked: an ID appears more than once, so a signature could cover one copy while the values come from another (see assertion.count)", "")
		return
	}
	parts := in.signedParts()
	var problems []string
	fix := ""
	if r, a := in.resp, in.asrt; len(parts) == 2 && r.present && !r.verified && a.present && !a.verified && r.problem == a.problem {
		problems = append(problems, "the Response's and the Assertion's signatures: "+r.problem)
		fix = r.fix
	} else {
		for _, p := range parts {
			if p.res.present && !p.res.verified {
				problems = append(problems, p.possessive+" signature: "+p.res.problem)
				if fix == "" {
					fix = p.res.fix
				}
			}
		}
	}
	if len(in.opts.TrustedCerts) == 0 {
		fix = untrustedFix(in.opts.Inputs)
	}
	if len(problems) > 0 {
		in.b.Problem(samlcheck.IDSignatureInvalid, strings.Join(problems, "; "), fix)
		return
	}
	var verified []string
	var cert *sigResult
	for _, p := range parts {
		if p.res.verified {
			verified = append(verified, p.possessive)
			if cert == nil {
				cert = &p.res
			}
		}
	}
	if cert == nil {
		in.b.Info(samlcheck.IDSignatureInvalid, "no signature to verify (see signature.missing)", "")
		return
	}
	msg := fmt.Sprintf("%s signature verifies with the trusted certificate (SHA-256 %s)", words.JoinAnd(verified), samlcheck.FingerprintSHA256(cert.cert))
	if cert.certOutside {
		msg = fmt.Sprintf("%s signature is genuine: it verifies with the trusted certificate (SHA-256 %s), though the clock is outside that certificate's validity (see signature.cert-expired)", words.JoinAnd(verified), samlcheck.FingerprintSHA256(cert.cert))
	}
	in.b.Pass(samlcheck.IDSignatureInvalid, msg)
}

func (in *inspection) checkSignaturePartial() {
	r, a := in.resp.verified, in.asrt.verified
	req := in.opts.RequireSigning
	if !r && !a {
		in.b.Info(samlcheck.IDSignaturePartial, "not checked: no signature verified", "")
		return
	}
	signed, unsigned := "Response", "Assertion"
	if a {
		signed, unsigned = "Assertion", "Response"
	}
	// given names the requirement as the caller's user gives it, if so.
	given := ""
	if how := in.opts.Inputs.How(samlcheck.InputRequireSigning); how != "" {
		given = fmt.Sprintf(" (%s %s)", how, req)
	}
	switch {
	case r && a:
		in.b.Pass(samlcheck.IDSignaturePartial, "the Response and the Assertion are both signed")
	case req == RequireEither:
		in.b.Pass(samlcheck.IDSignaturePartial, fmt.Sprintf("the %s is signed, and the service provider accepts either signed%s", signed, given))
	case req == RequireBoth:
		in.b.Problem(samlcheck.IDSignaturePartial, fmt.Sprintf("only the %s is signed, while the service provider asks for both the Response and the Assertion%s", signed, given), "")
	case string(req) == strings.ToLower(unsigned):
		in.b.Fail(samlcheck.IDSignaturePartial, fmt.Sprintf("the %s is not signed (only the %s is), and the service provider requires the %s to be signed%s", unsigned, signed, unsigned, given), "")
	default:
		in.b.Pass(samlcheck.IDSignaturePartial, fmt.Sprintf("the %s is signed, as the service provider requires%s", signed, given))
	}
}

func (in *inspection) checkSignatureAlgorithm() {
	var weak []string
	present := false
	for _, p := range in.signedParts() {
		present = present || p.res.present
		if p.res.weak {
			weak = append(weak, fmt.Sprintf("%s signature uses SHA-1 (%s)", p.possessive, p.res.weakAlg))
		}
	}
	switch {
	case len(weak) > 0:
		in.b.Problem(samlcheck.IDSignatureAlgorithm, strings.Join(weak, "; ")+"; SHA-1 is broken and many service providers refuse it", "")
	case present:
		in.b.Pass(samlcheck.IDSignatureAlgorithm, "no SHA-1 in any signature or digest")
	default:
		in.b.Info(samlcheck.IDSignatureAlgorithm, "no signature to look at", "")
	}
}

// checkSignatureCertExpired reports a genuine signature made with a trusted
// certificate the clock is outside of: not signature.invalid (nothing was
// forged or changed), but still a failure, since goxmldsig-based service
// providers refuse it.
func (in *inspection) checkSignatureCertExpired() {
	if in.skipVerify {
		in.b.Info(samlcheck.IDSignatureCertExpired, "not checked: no signature was verified (see assertion.count)", "")
		return
	}
	now := in.opts.Now
	var valid, outside *sigResult
	var names []string
	for _, p := range in.signedParts() {
		s := p.res
		switch {
		case !s.verified:
		case s.certOutside:
			names = append(names, p.possessive)
			if outside == nil {
				outside = &s
			}
		case valid == nil:
			valid = &s
		}
	}
	if outside != nil {
		c := outside.cert
		verb := "signature is"
		if len(names) > 1 {
			verb = "signatures are"
		}
		msg := fmt.Sprintf("%s %s genuine, made with the trusted certificate (SHA-256 %s), but that certificate %s and the clock says %s: service providers whose SAML library checks the certificate's dates (goxmldsig-based ones) refuse this login, others accept it",
			words.JoinAnd(names), verb, samlcheck.FingerprintSHA256(c), validityWords(c, now), now.Format(time.RFC3339))
		fix := ""
		if now.Before(c.NotBefore) {
			clock := "the machine's time"
			if how := in.opts.Inputs.How(samlcheck.InputNow); how != "" {
				clock = how + ", or the machine's time"
			}
			fix = "Check the clock (" + clock + "): the trusted certificate is not valid yet at this time. If the clock is right, the certificate was made with a future start date: regenerate it on the app's SSO tab in JumpCloud and export fresh metadata."
		}
		in.b.Problem(samlcheck.IDSignatureCertExpired, msg, fix)
		return
	}
	if valid == nil {
		in.b.Info(samlcheck.IDSignatureCertExpired, "not checked: no signature verified", "")
		return
	}
	in.b.Pass(samlcheck.IDSignatureCertExpired, fmt.Sprintf("the trusted certificate that verifies the signature (SHA-256 %s) is valid until %s", samlcheck.FingerprintSHA256(valid.cert), words.Day(valid.cert.NotAfter)))
}
