package samlcheck

import (
	"fmt"
	"strings"
)

// checkSignatures reports signature.missing, signature.invalid,
// signature.partial and signature.algorithm.
func (in *inspection) checkSignatures() {
	in.checkSignatureMissing()
	in.checkSignatureInvalid()
	in.checkSignaturePartial()
	in.checkSignatureAlgorithm()
}

func (in *inspection) checkSignatureMissing() {
	r, a := in.resp.present, in.asrt.present
	switch {
	case !r && !a:
		msg := "neither the Response nor its Assertion carries a signature"
		if len(in.shape.stray) > 0 {
			msg += fmt.Sprintf("; the only signature sits inside %s and signs something else", describeElem(in.shape.stray[0].Parent()))
		}
		in.b.problem(IDSignatureMissing, msg, "")
	case r && a:
		in.b.pass(IDSignatureMissing, "the Response and the Assertion each carry a signature")
	case r:
		in.b.pass(IDSignatureMissing, "the Response carries a signature (the Assertion does not)")
	default:
		in.b.pass(IDSignatureMissing, "the Assertion carries a signature (the Response does not)")
	}
}

func (in *inspection) checkSignatureInvalid() {
	if in.skipVerify {
		in.b.info(IDSignatureInvalid, "not checked: an ID appears more than once, so a signature could cover one copy while the values come from another (see assertion.count)", "")
		return
	}
	var problems []string
	fix := ""
	r, a := in.resp, in.asrt
	switch {
	case r.present && !r.verified && a.present && !a.verified && r.problem == a.problem:
		problems = append(problems, "the Response's and the Assertion's signatures: "+r.problem)
	default:
		if r.present && !r.verified {
			problems = append(problems, "the Response's signature: "+r.problem)
		}
		if a.present && !a.verified {
			problems = append(problems, "the Assertion's signature: "+a.problem)
		}
	}
	for _, s := range []sigResult{r, a} {
		if s.present && !s.verified && fix == "" {
			fix = s.fix
		}
	}
	if len(problems) > 0 {
		in.b.problem(IDSignatureInvalid, strings.Join(problems, "; "), fix)
		return
	}
	var parts []string
	if in.resp.verified {
		parts = append(parts, "the Response's")
	}
	if in.asrt.verified {
		parts = append(parts, "the Assertion's")
	}
	if len(parts) == 0 {
		in.b.info(IDSignatureInvalid, "no signature to verify (see signature.missing)", "")
		return
	}
	c := in.resp.cert
	if c == nil {
		c = in.asrt.cert
	}
	in.b.pass(IDSignatureInvalid, fmt.Sprintf("%s signature verifies with the trusted certificate (SHA-256 %s)", strings.Join(parts, " and "), FingerprintSHA256(c)))
}

func (in *inspection) checkSignaturePartial() {
	r, a := in.resp.verified, in.asrt.verified
	req := in.opts.RequireSigning
	if !r && !a {
		in.b.info(IDSignaturePartial, "not checked: no signature verified", "")
		return
	}
	signed, unsigned := "Response", "Assertion"
	if a {
		signed, unsigned = "Assertion", "Response"
	}
	switch {
	case r && a:
		in.b.pass(IDSignaturePartial, "the Response and the Assertion are both signed")
	case req == RequireEither:
		in.b.pass(IDSignaturePartial, fmt.Sprintf("the %s is signed, and --require-signing either accepts that", signed))
	case req == RequireBoth:
		in.b.problem(IDSignaturePartial, fmt.Sprintf("only the %s is signed, while the service provider asks for both the Response and the Assertion (--require-signing both)", signed), "")
	case string(req) == strings.ToLower(unsigned):
		in.b.fail(IDSignaturePartial, fmt.Sprintf("the %s is not signed (only the %s is), and the service provider requires the %s to be signed (--require-signing %s)", unsigned, signed, unsigned, req), "")
	default:
		in.b.pass(IDSignaturePartial, fmt.Sprintf("the %s is signed, as --require-signing %s asks", signed, req))
	}
}

func (in *inspection) checkSignatureAlgorithm() {
	var weak []string
	for _, s := range []struct {
		name string
		res  sigResult
	}{{"Response", in.resp}, {"Assertion", in.asrt}} {
		if s.res.weak {
			weak = append(weak, fmt.Sprintf("the %s's signature uses SHA-1 (%s)", s.name, s.res.weakAlg))
		}
	}
	switch {
	case len(weak) > 0:
		in.b.problem(IDSignatureAlgorithm, strings.Join(weak, "; ")+"; SHA-1 is broken and many service providers refuse it", "")
	case in.resp.present || in.asrt.present:
		in.b.pass(IDSignatureAlgorithm, "no SHA-1 in any signature or digest")
	default:
		in.b.info(IDSignatureAlgorithm, "no signature to look at", "")
	}
}
