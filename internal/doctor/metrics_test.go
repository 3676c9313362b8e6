package doctor_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/internal/doctor/doctortest"
)

// The metrics file parses with Prometheus's text parser, one series per
// configuration in each family (more than one encoding chunk of them),
// labelled with the config, organisation and service provider, holding the
// certificate's NotAfter, healthy 1/0 and the checked time; a configuration
// with no certificate known has no NotAfter series. It is written
// atomically with the mode node_exporter can read, and replaces the last.
func TestMetricsFileParses(t *testing.T) {
	m, err := doctor.NewMetrics()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	const n = 1100
	notAfter := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		r := doctor.Result{Config: fmt.Sprintf("/srv/sso/jcsso-org-%04d/sso-config.yaml", i), Organization: fmt.Sprintf("org-%04d", i),
			ServiceProvider: `Avoma "EU"`, Status: doctor.StatusHealthy, CheckedAt: testNow, Cert: &doctor.Cert{SHA256: "AA", NotAfter: notAfter.Add(time.Duration(i) * time.Second)}}
		switch i % 3 {
		case 1:
			r.Status = doctor.StatusAction
		case 2:
			r.Status, r.Cert, r.Organization, r.ServiceProvider = doctor.StatusUnreadable, nil, "", ""
		}
		if err := m.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "jcsso.prom")
	if err := os.WriteFile(path, []byte("stale\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	fams := doctortest.ParseMetrics(t, path)
	if len(fams) != 3 {
		t.Fatalf("%d families, want 3: %v", len(fams), fams)
	}
	healthy, expiry, checked := fams[doctor.MetricHealthy], fams[doctor.MetricCertNotAfter], fams[doctor.MetricLastCheck]
	if healthy == nil || expiry == nil || checked == nil {
		t.Fatalf("families %v", fams)
	}
	if len(healthy.GetMetric()) != n || len(checked.GetMetric()) != n || len(expiry.GetMetric()) != n-n/3 {
		t.Fatalf("series: healthy %d, not_after %d, checked %d; want %d, %d, %d", len(healthy.GetMetric()), len(expiry.GetMetric()), len(checked.GetMetric()), n, n-n/3, n)
	}
	for _, fam := range []*dto.MetricFamily{healthy, expiry, checked} {
		if fam.GetType() != dto.MetricType_GAUGE || fam.GetHelp() == "" {
			t.Errorf("%s: type %s, help %q", fam.GetName(), fam.GetType(), fam.GetHelp())
		}
	}
	for i, s := range healthy.GetMetric() {
		l := doctortest.Labels(s)
		want := 1.0
		if i%3 != 0 {
			want = 0
		}
		if l["config"] != fmt.Sprintf("/srv/sso/jcsso-org-%04d/sso-config.yaml", i) || s.GetGauge().GetValue() != want {
			t.Fatalf("healthy series %d: %v = %v, want %v", i, l, s.GetGauge().GetValue(), want)
		}
		if i%3 == 0 && (l["organization"] != fmt.Sprintf("org-%04d", i) || l["service_provider"] != `Avoma "EU"`) {
			t.Fatalf("labels %v", l)
		}
	}
	first := expiry.GetMetric()[0]
	if got := first.GetGauge().GetValue(); got != float64(notAfter.Unix()) {
		t.Errorf("not_after %v, want %d", got, notAfter.Unix())
	}
	if got := checked.GetMetric()[5].GetGauge().GetValue(); got != float64(testNow.Unix()) {
		t.Errorf("last check %v, want %d", got, testNow.Unix())
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != doctor.MetricsFileMode {
		t.Errorf("mode %v, %v; want %v", fi.Mode().Perm(), err, os.FileMode(doctor.MetricsFileMode))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want the metrics file only", len(entries))
	}
	data, _ := os.ReadFile(path)
	if c := strings.Count(string(data), "# TYPE "); c != 3 {
		t.Errorf("%d TYPE lines, want one per family", c)
	}
	// Close removes the spool.
	if err := m.Close(); err != nil {
		t.Error(err)
	}
}
