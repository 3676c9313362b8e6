package metadata

import (
	"os"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// BenchmarkCheckMetadata is the whole in-process check of a JumpCloud-sized
// export (RSA-4096 certificate, both bindings) with every expectation
// given: safe parse, round-trip guard, certificate parse and every check.
// Target: under 200 µs and 1,000 allocations per document on one core.
func BenchmarkCheckMetadata(b *testing.B) {
	doc := samltest.Metadata(samltest.NewKeyPair(b, 0, samltest.CertOptions{}), samltest.MetadataOptions{})
	opts := goodOpts()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if r := Check(doc, opts); !r.OK {
			b.Fatal("fixture does not pass")
		}
	}
}

// BenchmarkCheckMetadataSigned adds verifying an enveloped RSA-SHA256
// signature, which JumpCloud's exports do not carry.
func BenchmarkCheckMetadataSigned(b *testing.B) {
	kp := samltest.NewKeyPair(b, 0, samltest.CertOptions{})
	doc := samltest.SignedMetadata(b, kp, samltest.MetadataOptions{}, samltest.SignOptions{})
	opts := goodOpts()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if r := Check(doc, opts); !r.OK {
			b.Fatal("fixture does not pass")
		}
	}
}

// TestWriteBenchFixture writes the signed JumpCloud-shaped metadata and its
// certificate used for the README's whole-process comparison with xmlsec1.
// It runs only when JCSSO_BENCH_FIXTURE names an output directory.
func TestWriteBenchFixture(t *testing.T) {
	dir := os.Getenv("JCSSO_BENCH_FIXTURE")
	if dir == "" {
		t.Skip("set JCSSO_BENCH_FIXTURE=DIR to write the benchmark fixture")
	}
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{})
	doc := samltest.SignedMetadata(t, kp, samltest.MetadataOptions{}, samltest.SignOptions{})
	if err := os.WriteFile(dir+"/signed-metadata.xml", doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/idp-cert.pem", []byte(samlcheck.CertPEM(kp.Cert)), 0o644); err != nil {
		t.Fatal(err)
	}
}
