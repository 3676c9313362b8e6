package response_test

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// The two verifiers jcsso is held against: xmlsec1 (libxml2 and OpenSSL,
// sharing no code with jcsso) and goxmldsig used plainly, on etree's own
// parser, without any of jcsso's parsing or preparation.

// xmlsec1 runs the xmlsec1 command with one key pair's files.
type xmlsec1 struct {
	bin, dir, keyPEM, certPEM string
}

// newXMLSec1 finds xmlsec1 or skips, loudly: CI installs it (.ci/run), so
// a skip there means the independent verifier is missing.
func newXMLSec1(t *testing.T, kp samltest.KeyPair) *xmlsec1 {
	t.Helper()
	x := findXMLSec1(t, kp)
	if x == nil {
		msg := "SKIPPED: xmlsec1 is not installed, so jcsso's signature verdicts are not held against an independent verifier (apt-get install xmlsec1; .ci/run installs it)"
		fmt.Fprintln(os.Stderr, "samlcheck: "+t.Name()+": "+msg)
		t.Skip(msg)
	}
	return x
}

// findXMLSec1 is newXMLSec1 for a test whose xmlsec1 check is a second
// opinion: nil when xmlsec1 is not installed.
func findXMLSec1(t *testing.T, kp samltest.KeyPair) *xmlsec1 {
	t.Helper()
	bin, err := exec.LookPath("xmlsec1")
	if err != nil {
		return nil
	}
	dir := t.TempDir()
	x := &xmlsec1{bin: bin, dir: dir, keyPEM: filepath.Join(dir, "key.pem"), certPEM: filepath.Join(dir, "cert.pem")}
	key := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(kp.Key)})
	if err := os.WriteFile(x.keyPEM, key, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(x.certPEM, []byte(samlcheck.CertPEM(kp.Cert)), 0o600); err != nil {
		t.Fatal(err)
	}
	return x
}

// idAttrs tells xmlsec1 which attributes are IDs (SAML has no DTD).
var idAttrs = []string{
	"--id-attr:ID", xmlsafe.NSProtocol + ":Response",
	"--id-attr:ID", xmlsafe.NSAssertion + ":Assertion",
	"--id-attr:ID", xmlsafe.NSMetadata + ":EntityDescriptor",
}

// The Signature each verification starts from: xmlsec1 takes the first
// in document order unless told otherwise, which is the Response's.
const (
	xpathAssertionSig = "//*[local-name()='Assertion']/*[local-name()='Signature']"
)

func (x *xmlsec1) command(args ...string) *exec.Cmd {
	cmd := exec.Command(x.bin, args...)
	// Without a system trust store OpenSSL starts in a few milliseconds
	// instead of twenty; the key is given explicitly anyway.
	cmd.Env = append(os.Environ(), "SSL_CERT_FILE="+os.DevNull, "SSL_CERT_DIR="+filepath.Join(x.dir, "no-ca"))
	return cmd
}

// sign fills in the signature templates of docs, in one xmlsec1 run; with
// xpath, the Signature it selects rather than the first one.
func (x *xmlsec1) sign(t *testing.T, name string, docs []string, xpath string) []string {
	t.Helper()
	args := append([]string{"--sign", "--privkey-pem", x.keyPEM + "," + x.certPEM}, idAttrs...)
	if xpath != "" {
		args = append(args, "--node-xpath", xpath)
	}
	for i, d := range docs {
		p := filepath.Join(x.dir, fmt.Sprintf("%s-%d.xml", name, i))
		if err := os.WriteFile(p, []byte(d), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	var out, errOut bytes.Buffer
	cmd := x.command(args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("xmlsec1 --sign (%s): %v\n%s", name, err, errOut.String())
	}
	const decl = `<?xml version="1.0"?>`
	parts := strings.Split(out.String(), decl)
	if len(parts) != len(docs)+1 || parts[0] != "" {
		t.Fatalf("xmlsec1 --sign (%s) wrote %d documents for %d templates", name, len(parts)-1, len(docs))
	}
	signed := make([]string, len(docs))
	for i := range docs {
		signed[i] = decl + parts[i+1]
	}
	return signed
}

var xmlsecFailed = regexp.MustCompile(`failed to verify file "([^"]+)"`)

// verifyDoc is xmlsec1's verdict on one document.
func (x *xmlsec1) verifyDoc(t *testing.T, doc []byte, xpath string) bool {
	t.Helper()
	f, err := os.CreateTemp(x.dir, "doc-*.xml")
	if err == nil {
		_, err = f.Write(doc)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return x.verifyAll(t, []string{f.Name()}, xpath)[0]
}

// verifyAll returns xmlsec1's verdict on the Signature xpath selects (""
// for the first) in each file, with the trusted certificate and never the
// KeyInfo's. xmlsec1 stops at the first file that fails, so the rest are
// given to it again; several runs share the machine's cores.
func (x *xmlsec1) verifyAll(t *testing.T, files []string, xpath string) []bool {
	t.Helper()
	verdicts := make([]bool, len(files))
	index := make(map[string]int, len(files))
	for i, f := range files {
		index[f] = i
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	chunks := runtime.GOMAXPROCS(0)
	size := (len(files) + chunks - 1) / chunks
	for start := 0; start < len(files); start += size {
		chunk := files[start:min(start+size, len(files))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for len(chunk) > 0 {
				args := append([]string{"--verify", "--enabled-key-data", "key-name", "--pubkey-cert-pem", x.certPEM}, idAttrs...)
				if xpath != "" {
					args = append(args, "--node-xpath", xpath)
				}
				var errOut bytes.Buffer
				cmd := x.command(append(args, chunk...)...)
				cmd.Stderr = &errOut
				err := cmd.Run()
				mu.Lock()
				if err == nil {
					for _, f := range chunk {
						verdicts[index[f]] = true
					}
					mu.Unlock()
					return
				}
				m := xmlsecFailed.FindStringSubmatch(errOut.String())
				failed, ok := 0, false
				if m != nil {
					failed, ok = index[m[1]]
				}
				pos := -1
				for i, f := range chunk {
					if ok && index[f] == failed {
						pos = i
					}
				}
				if pos < 0 {
					mu.Unlock()
					t.Errorf("xmlsec1 --verify failed without naming a file: %v\n%s", err, errOut.String())
					return
				}
				for _, f := range chunk[:pos] {
					verdicts[index[f]] = true
				}
				mu.Unlock()
				chunk = chunk[pos+1:]
			}
		}()
	}
	wg.Wait()
	return verdicts
}

// plainGoxmldsig is the verdict of goxmldsig used as its README shows, on
// etree's own parser: the element is the root, or the root's Assertion
// detached with the namespaces in scope (NSDetatch), and its comments are
// removed first because a same-document Reference excludes them
// (XML-DSig 4.3.3.3; goxmldsig's #WithComments canonicalisers would
// otherwise digest them). It shares no code with jcsso's parsing or
// preparation.
func plainGoxmldsig(doc []byte, assertion bool, cert *x509.Certificate, now time.Time) error {
	d := etree.NewDocument()
	if err := d.ReadFromBytes(doc); err != nil {
		return err
	}
	target := d.Root()
	if assertion {
		target = nil
		for _, c := range d.Root().ChildElements() {
			if c.Tag == "Assertion" && c.NamespaceURI() == xmlsafe.NSAssertion {
				target = c
			}
		}
		if target == nil {
			return fmt.Errorf("no Assertion")
		}
	}
	ctx, err := etreeutils.NSBuildParentContext(target)
	if err != nil {
		return err
	}
	detached, err := etreeutils.NSDetatch(ctx, target)
	if err != nil {
		return err
	}
	var strip func(*etree.Element)
	strip = func(e *etree.Element) {
		for _, c := range e.Child {
			if com, ok := c.(*etree.Comment); ok {
				e.RemoveChild(com)
				strip(e)
				return
			}
		}
		for _, c := range e.ChildElements() {
			strip(c)
		}
	}
	strip(detached)
	vc := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	vc.Clock = dsig.NewFakeClockAt(now)
	_, err = vc.Validate(detached)
	return err
}
