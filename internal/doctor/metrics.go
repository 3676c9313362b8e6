package doctor

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/jcsso/jcsso/internal/ssoconfig"
)

// The metrics a run writes for node_exporter's textfile collector, one
// series of each per configuration, labelled config (the file's absolute
// path), organization and service_provider.
const (
	// MetricHealthy is 1 for a healthy configuration, 0 for one that needs
	// action or cannot be read.
	MetricHealthy = "jcsso_doctor_healthy"
	// MetricCertNotAfter is the NotAfter of the signing certificate that
	// expires first (Result.Cert), as a Unix timestamp; absent when none
	// is known.
	MetricCertNotAfter = "jcsso_doctor_certificate_not_after_timestamp_seconds"
	// MetricLastCheck is when the configuration was checked, as a Unix
	// timestamp.
	MetricLastCheck = "jcsso_doctor_last_check_timestamp_seconds"
)

// MetricsFileMode is the metrics file's mode: readable by all, since
// node_exporter runs as a user of its own; it holds organisation and
// service-provider names and paths, no secret.
const MetricsFileMode = 0o644

// metricsChunk is how many series are encoded at a time.
const metricsChunk = 512

// metricFamilies are the families written, in order, with their help.
var metricFamilies = []struct{ name, help string }{
	{MetricHealthy, "1 when jcsso doctor found the saved SSO configuration healthy, 0 when it needs action or cannot be read."},
	{MetricCertNotAfter, "NotAfter of the IdP signing certificate that expires first (the fresh metadata's when re-fetched, else the saved copy's), as a Unix timestamp."},
	{MetricLastCheck, "When jcsso doctor last checked the configuration, as a Unix timestamp."},
}

// Metrics gathers a run's results for a Prometheus text-format file. The
// text format wants each family's series together, while results come one
// at a time, so each result is spooled as one small record to a temporary
// file (removed by Close) and the file is made from the spool, one family
// and one chunk of series at a time: memory does not grow with the number
// of configurations.
type Metrics struct {
	spool *os.File
	w     *bufio.Writer
	enc   *json.Encoder
}

// metricRecord is one result in the spool.
type metricRecord struct {
	Config   string `json:"c"`
	Org      string `json:"o"`
	SP       string `json:"s"`
	Healthy  bool   `json:"h"`
	NotAfter *int64 `json:"n,omitempty"`
	Checked  int64  `json:"t"`
}

// NewMetrics makes an empty collection, its spool in the temporary folder.
func NewMetrics() (*Metrics, error) {
	f, err := os.CreateTemp("", "jcsso-doctor-metrics-*")
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	w := bufio.NewWriter(f)
	return &Metrics{spool: f, w: w, enc: json.NewEncoder(w)}, nil
}

// Add records one result. Its config label is the absolute path, so a
// series keeps its name whatever folder doctor was started from.
func (m *Metrics) Add(r Result) error {
	config := r.Config
	if abs, err := filepath.Abs(config); err == nil {
		config = abs
	}
	rec := metricRecord{Config: config, Org: r.Organization, SP: r.ServiceProvider, Healthy: r.Status == StatusHealthy, Checked: r.CheckedAt.Unix()}
	if r.Cert != nil {
		n := r.Cert.NotAfter.Unix()
		rec.NotAfter = &n
	}
	if err := m.enc.Encode(rec); err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	return nil
}

// WriteFile writes the metrics to path atomically (ssoconfig's one
// writer): node_exporter reads the old file or the new one, never a part.
func (m *Metrics) WriteFile(path string) error {
	if err := m.w.Flush(); err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	return ssoconfig.WriteFileAtomicFrom(path, MetricsFileMode, m.encode)
}

// Close removes the spool.
func (m *Metrics) Close() error {
	err := m.spool.Close()
	return errors.Join(err, os.Remove(m.spool.Name()))
}

// encode writes every family from the spool through expfmt.
func (m *Metrics) encode(w io.Writer) error {
	for _, fam := range metricFamilies {
		if _, err := m.spool.Seek(0, io.SeekStart); err != nil {
			return err
		}
		sc := bufio.NewScanner(m.spool)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		chunk := make([]*dto.Metric, 0, metricsChunk)
		first := true
		flush := func() error {
			if len(chunk) == 0 {
				return nil
			}
			err := writeChunk(w, fam.name, fam.help, chunk, first)
			first, chunk = false, chunk[:0]
			return err
		}
		for sc.Scan() {
			var rec metricRecord
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				return fmt.Errorf("metrics spool: %w", err)
			}
			if v, ok := rec.value(fam.name); ok {
				chunk = append(chunk, &dto.Metric{Label: rec.labels(), Gauge: &dto.Gauge{Value: &v}})
			}
			if len(chunk) == metricsChunk {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("metrics spool: %w", err)
		}
		if err := flush(); err != nil {
			return err
		}
	}
	return nil
}

// value is the record's value in the family name, if it has one.
func (r metricRecord) value(name string) (float64, bool) {
	switch name {
	case MetricHealthy:
		if r.Healthy {
			return 1, true
		}
		return 0, true
	case MetricCertNotAfter:
		if r.NotAfter == nil {
			return 0, false
		}
		return float64(*r.NotAfter), true
	}
	return float64(r.Checked), true
}

func (r metricRecord) labels() []*dto.LabelPair {
	pair := func(name, value string) *dto.LabelPair { return &dto.LabelPair{Name: &name, Value: &value} }
	return []*dto.LabelPair{pair("config", r.Config), pair("organization", r.Org), pair("service_provider", r.SP)}
}

// writeChunk encodes series of one family with expfmt. The text format
// allows one HELP and TYPE per family, which expfmt writes with every
// call: the first chunk keeps them, later chunks (given no help) have
// their leading TYPE line dropped.
func writeChunk(w io.Writer, name, help string, metrics []*dto.Metric, first bool) error {
	typ := dto.MetricType_GAUGE
	mf := &dto.MetricFamily{Name: &name, Type: &typ, Metric: metrics}
	if first {
		mf.Help = &help
		_, err := expfmt.MetricFamilyToText(w, mf)
		return err
	}
	_, err := expfmt.MetricFamilyToText(&afterFirstLine{w: w}, mf)
	return err
}

// afterFirstLine passes on what is written after the first newline.
type afterFirstLine struct {
	w    io.Writer
	past bool
}

func (a *afterFirstLine) Write(p []byte) (int, error) {
	n := len(p)
	if !a.past {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			return n, nil
		}
		a.past, p = true, p[i+1:]
	}
	if _, err := a.w.Write(p); err != nil {
		return 0, err
	}
	return n, nil
}
