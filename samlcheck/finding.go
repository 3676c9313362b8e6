// Package samlcheck is the vocabulary of jcsso's SAML engine: findings
// (id, severity, message, fix), the one Check type and Collector every
// findings table is made with, the catalog of ids and tables, what a
// certificate and an identity provider are described by, and how text from
// a document is made safe to show. The engine's parts (source, metadata,
// response, drift) answer in these terms; the shell (tui) may import this
// package and nothing else of the engine. It imports no UI package and
// never writes to a terminal.
package samlcheck

// Severity says how much a finding matters. The order is fail > warn > info > pass.
type Severity string

// The severities a finding can have.
const (
	// SeverityPass marks a check that ran and found nothing wrong.
	SeverityPass Severity = "pass"
	// SeverityInfo marks something worth knowing that is not a problem,
	// or a check that could not run because an expected value was not given.
	SeverityInfo Severity = "info"
	// SeverityWarn marks something that works today but is likely to fail
	// for some users or service providers.
	SeverityWarn Severity = "warn"
	// SeverityFail marks something that makes the login fail.
	SeverityFail Severity = "fail"
)

// Rank orders severities: pass 0, info 1, warn 2, fail 3.
func (s Severity) Rank() int {
	switch s {
	case SeverityInfo:
		return 1
	case SeverityWarn:
		return 2
	case SeverityFail:
		return 3
	}
	return 0
}

// Finding is the outcome of one check. ID is stable across versions and is
// what scripts and support match on; Message names the expected and the
// actual value wherever there are two; Fix says what to change and where
// (JumpCloud's console or the service provider).
type Finding struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix"`
}

// Findings is an ordered list of findings, in the order the checks ran.
type Findings []Finding

// OK reports whether no finding has severity fail.
func (fs Findings) OK() bool {
	for _, f := range fs {
		if f.Severity == SeverityFail {
			return false
		}
	}
	return true
}

// ByID returns the findings with the given id.
func (fs Findings) ByID(id string) Findings {
	var out Findings
	for _, f := range fs {
		if f.ID == id {
			out = append(out, f)
		}
	}
	return out
}

// Worst returns the highest severity among the findings, or pass when empty.
func (fs Findings) Worst() Severity {
	worst := SeverityPass
	for _, f := range fs {
		if f.Severity.Rank() > worst.Rank() {
			worst = f.Severity
		}
	}
	return worst
}
