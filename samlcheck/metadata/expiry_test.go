package metadata

import (
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck"
)

// The certificate's real NotAfter against JumpCloud's reminders: on each
// reminder day (60, 30, 7 days, 24 hours before) cert.expiring warns,
// naming the days left and the reminder; a day more than 60 is a pass, and
// a certificate an hour past its NotAfter is cert.expired, not expiring.
// The certificates are not JumpCloud's five years: each lives exactly as
// long as the case needs, on an RSA-2048 key, as an uploaded one may.
func TestCertExpiryAtEachReminderDay(t *testing.T) {
	day := 24 * time.Hour
	for _, tc := range []struct {
		left time.Duration
		sev  samlcheck.Severity
		say  []string
	}{
		{61 * day, samlcheck.SeverityPass, []string{"in 61 days"}},
		{60 * day, samlcheck.SeverityWarn, []string{"in 60 days", "JumpCloud's 60-day expiry reminder"}},
		{30 * day, samlcheck.SeverityWarn, []string{"in 30 days", "JumpCloud's 30-day expiry reminder"}},
		{7 * day, samlcheck.SeverityWarn, []string{"in 7 days", "JumpCloud's 7-day expiry reminder"}},
		{day, samlcheck.SeverityWarn, []string{"in 24 hours", "JumpCloud's last expiry reminder, 24 hours before"}},
	} {
		t.Run(tc.left.String(), func(t *testing.T) {
			kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: testNow.AddDate(-1, 0, 0), NotAfter: testNow.Add(tc.left)})
			r := Check(samltest.Metadata(kp, samltest.MetadataOptions{}), Options{Now: testNow})
			got := r.Findings.ByID(samlcheck.IDCertExpiring)
			if len(got) != 1 || got[0].Severity != tc.sev {
				t.Fatalf("cert.expiring = %+v, want one %s", got, tc.sev)
			}
			for _, s := range tc.say {
				if !strings.Contains(got[0].Message, s) {
					t.Errorf("message %q lacks %q", got[0].Message, s)
				}
			}
			if fs := r.Findings.ByID(samlcheck.IDCertExpired); len(fs) != 1 || fs[0].Severity != samlcheck.SeverityPass {
				t.Errorf("cert.expired = %+v, want a pass", fs)
			}
		})
	}
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: testNow.AddDate(-1, 0, 0), NotAfter: testNow.Add(-time.Hour)})
	r := Check(samltest.Metadata(kp, samltest.MetadataOptions{}), Options{Now: testNow})
	if fs := r.Findings.ByID(samlcheck.IDCertExpired); len(fs) != 1 || fs[0].Severity != samlcheck.SeverityFail {
		t.Errorf("an hour past NotAfter: cert.expired = %+v, want a failure", fs)
	}
	if fs := r.Findings.ByID(samlcheck.IDCertExpiring); len(fs) != 0 {
		t.Errorf("an expired certificate is also reported as expiring: %+v", fs)
	}
}
