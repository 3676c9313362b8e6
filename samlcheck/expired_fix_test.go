package samlcheck

import (
	"strings"
	"testing"
)

// TestExpiredCertFixSaysWhoBreaks: an expired certificate stops only the
// service providers that check its dates (a rotated one stops them all),
// and both expired findings, the metadata's and the response's, say so in
// the same words; neither claims that every login fails.
func TestExpiredCertFixSaysWhoBreaks(t *testing.T) {
	md, _ := MetadataTable().Lookup(IDCertExpired)
	resp, _ := ResponseTable().Lookup(IDSignatureCertExpired)
	for _, c := range []Check{md, resp} {
		if !strings.Contains(c.Fix, "checks the certificate's dates") || !strings.Contains(c.Fix, "others still accept it") {
			t.Errorf("%s: the fix does not say only some service providers refuse: %q", c.ID, c.Fix)
		}
		if strings.Contains(c.Fix, "every login fails") {
			t.Errorf("%s: the fix says every login fails: %q", c.ID, c.Fix)
		}
	}
}
