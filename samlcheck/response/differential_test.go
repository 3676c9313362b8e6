package response_test

import (
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// matrixDoc is one document of the differential matrix and what each
// verifier concluded about each of its signatures.
type matrixDoc struct {
	kind, c14n, shape, ws string
	comment, tampered     bool
	xml                   []byte
	file                  string
}

func (d matrixDoc) name() string {
	s := fmt.Sprintf("%s/%s/%s/%s", d.kind, d.c14n, d.shape, d.ws)
	if d.comment {
		s += "/comment"
	}
	if d.tampered {
		return s + "/tampered"
	}
	return s + "/genuine"
}

// The signed elements of the matrix.
const (
	kindResponse  = "response"
	kindAssertion = "assertion"
	kindBoth      = "both"
	kindMetadata  = "metadata"
)

// TestDifferentialMatrix holds jcsso's signature verdicts against two
// verifiers that share none of its parsing or preparation: xmlsec1 and
// plain goxmldsig on etree's parser. xmlsec1 signs every template (so
// "genuine" is what the reference implementation says it is), then each
// document is also tampered after signing (the NameID, or the metadata's
// sign-on URL), and every signature of every document must get the same
// verdict from all three: genuine ones verify, tampered ones do not.
//
// The matrix: signed element (Response, Assertion, both, metadata) ×
// canonicalisation (exclusive, exclusive with comments, exclusive with a
// PrefixList, c14n 1.0, 1.0 with comments, 1.1, none) × namespace shape
// (prefixed root, default namespace on the root, a default namespace only
// on an inner element, namespaces declared on the root and used only deep
// inside) × whitespace (pretty-printed, one line, CRLF line ends) × a
// comment inside the signed element or not. RSA-2048, one key per run.
func TestDifferentialMatrix(t *testing.T) {
	kp := testKey(t, 0)
	x := newXMLSec1(t, kp)
	now := samltest.DefaultIssueInstant.Add(20 * time.Second)

	// Templates, pretty and on one line; CRLF documents are the pretty
	// ones with every line end written as CR LF, which any XML parser
	// reads as the same document (XML 1.0, 2.11).
	type tmpl struct {
		doc  matrixDoc
		text string
	}
	var byKind = map[string][]tmpl{}
	for _, kind := range []string{kindResponse, kindAssertion, kindBoth, kindMetadata} {
		for _, c := range c14nCases {
			for _, shape := range shapes {
				for _, pretty := range []bool{true, false} {
					for _, comment := range []bool{false, true} {
						var root *xnode
						switch kind {
						case kindMetadata:
							root = metadataTemplate(shape, c, comment, kp.CertBase64())
						default:
							root = responseTemplate(shape, c, kind != kindAssertion, kind != kindResponse, comment)
						}
						ws := "one-line"
						if pretty {
							ws = "pretty"
						}
						byKind[kind] = append(byKind[kind], tmpl{matrixDoc{kind: kind, c14n: c.name, shape: shape, ws: ws, comment: comment}, xmlDoc(root, pretty)})
					}
				}
			}
		}
	}

	var docs []matrixDoc
	for kind, list := range byKind {
		texts := make([]string, len(list))
		for i, tm := range list {
			texts[i] = tm.text
		}
		var signed []string
		switch kind {
		case kindBoth:
			// The Assertion first, then the Response over it, as an IdP does.
			signed = x.sign(t, kind+"-assertion", texts, xpathAssertionSig)
			signed = x.sign(t, kind, signed, "")
		default:
			signed = x.sign(t, kind, texts, "")
		}
		for i, tm := range list {
			variants := []matrixDoc{tm.doc}
			if tm.doc.ws == "pretty" {
				crlf := tm.doc
				crlf.ws = "crlf"
				variants = append(variants, crlf)
			}
			for _, d := range variants {
				genuine := signed[i]
				if d.ws == "crlf" {
					genuine = strings.ReplaceAll(genuine, "\n", "\r\n")
				}
				old, repl := diffNameID, ">mallory@acmecorp.com<"
				if kind == kindMetadata {
					old, repl = diffSSOURL+`"`, diffSSOURL+`-evil"`
				}
				if !strings.Contains(genuine, old) {
					t.Fatalf("%s: nothing to tamper with", d.name())
				}
				d.xml = []byte(genuine)
				tampered := d
				tampered.tampered = true
				tampered.xml = []byte(strings.Replace(genuine, old, repl, 1))
				docs = append(docs, d, tampered)
			}
		}
	}
	for i := range docs {
		docs[i].file = filepath.Join(x.dir, fmt.Sprintf("doc-%04d.xml", i))
		if err := os.WriteFile(docs[i].file, docs[i].xml, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// Each signature a document carries, with its verdicts.
	type check struct {
		doc       int
		assertion bool // the Assertion's signature, else the root's
	}
	var checks []check
	for i, d := range docs {
		if d.kind != kindAssertion {
			checks = append(checks, check{i, false})
		}
		if d.kind == kindAssertion || d.kind == kindBoth {
			checks = append(checks, check{i, true})
		}
	}
	var rootFiles, asrtFiles []string
	for _, c := range checks {
		if c.assertion {
			asrtFiles = append(asrtFiles, docs[c.doc].file)
		} else {
			rootFiles = append(rootFiles, docs[c.doc].file)
		}
	}
	rootVerdicts, asrtVerdicts := x.verifyAll(t, rootFiles, ""), x.verifyAll(t, asrtFiles, xpathAssertionSig)

	var disagreements []string
	ri, ai := 0, 0
	opts := response.Options{TrustedCerts: []*x509.Certificate{kp.Cert}, Now: now}
	reports := map[int]*response.Report{}
	for _, c := range checks {
		d := docs[c.doc]
		var byXMLSec bool
		if c.assertion {
			byXMLSec, ai = asrtVerdicts[ai], ai+1
		} else {
			byXMLSec, ri = rootVerdicts[ri], ri+1
		}
		plainErr := plainGoxmldsig(d.xml, c.assertion, kp.Cert, now)
		var byJcsso bool
		var why string
		if d.kind == kindMetadata {
			f := metadata.Check(d.xml, metadata.Options{Now: now}).Findings.ByID(samlcheck.IDMetadataSignature)
			byJcsso = len(f) == 1 && f[0].Severity == samlcheck.SeverityPass
			if len(f) == 1 {
				why = f[0].Message
			}
		} else {
			r, ok := reports[c.doc]
			if !ok {
				r = response.Inspect(d.xml, opts)
				reports[c.doc] = r
			}
			byJcsso = r.Signed.Response
			if c.assertion {
				byJcsso = r.Signed.Assertion
			}
			if f := r.Findings.ByID(samlcheck.IDSignatureInvalid); len(f) == 1 {
				why = f[0].Message
			}
		}
		which := "root"
		if c.assertion {
			which = "Assertion"
		}
		want := !d.tampered
		if byJcsso != byXMLSec || byJcsso != (plainErr == nil) || byJcsso != want {
			disagreements = append(disagreements, fmt.Sprintf("%s (%s signature): jcsso %v, xmlsec1 %v, goxmldsig %v (%v); jcsso says: %s",
				d.name(), which, byJcsso, byXMLSec, plainErr == nil, plainErr, why))
		}
	}
	for i, d := range disagreements {
		if i == 25 {
			t.Errorf("... and %d more", len(disagreements)-25)
			break
		}
		t.Error(d)
	}
	t.Logf("%d documents, %d signatures, %d disagreements", len(docs), len(checks), len(disagreements))
}
