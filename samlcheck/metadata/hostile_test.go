package metadata

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/xmlsafe"
)

// TestWriteHostileFixtures writes the hostile documents the README's
// figures were measured with, for timing the built binary by hand. It runs
// only when JCSSO_HOSTILE_FIXTURE names an output directory.
func TestWriteHostileFixtures(t *testing.T) {
	dir := os.Getenv("JCSSO_HOSTILE_FIXTURE")
	if dir == "" {
		t.Skip("set JCSSO_HOSTILE_FIXTURE=DIR to write the hostile fixtures")
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
	}
	for _, n := range []int{50_000, 100_000} {
		write(fmt.Sprintf("attrs-%d.xml", n), samltest.AttrBombMetadata(t, n, false))
		write(fmt.Sprintf("xmlns-%d.xml", n), samltest.AttrBombMetadata(t, n, true))
	}
	write("attrs-full-elements.xml", samltest.FullElementsMetadata(t, xmlsafe.MaxInputBytes, xmlsafe.MaxXMLAttrs, false))
	write("xmlns-full-elements.xml", samltest.FullElementsMetadata(t, xmlsafe.MaxInputBytes, xmlsafe.MaxXMLAttrs, true))
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	sameKey := samltest.DecoyCerts(t, 999, kp.Key)
	write("certs-1000.xml", samltest.CertBombMetadata(t, kp, sameKey, false))
	write("certs-1000-tampered.xml", samltest.CertBombMetadata(t, kp, sameKey, true))
	otherKey := samltest.DecoyCerts(t, 5999, nil)
	write("certs-6000.xml", samltest.CertBombMetadata(t, kp, otherKey, false))
	write("certs-6000-tampered.xml", samltest.CertBombMetadata(t, kp, otherKey, true))
}
