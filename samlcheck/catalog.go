package samlcheck

// Check is one row of a findings table: a check's stable id, what it looks
// at (a title for a checklist), the severity a problem it finds has, and
// the fix such a finding carries unless it names a more precise one.
// Messages are written where the check runs, because they name the actual
// values; this is what does not change. Every table of the engine (the
// metadata checks, the response checks, drift) and of the flows that add
// their own (the live login's) is made of these.
type Check struct {
	ID       string
	Title    string
	Severity Severity
	Fix      string
}

// Table is a findings table: its checks, in the order they run. A Table
// is never written to; its zero value is an empty table.
type Table struct {
	checks []Check
}

// NewTable makes a table of checks, in the order given (a copy).
func NewTable(checks ...Check) Table {
	return Table{checks: append([]Check(nil), checks...)}
}

// Checks lists the table's checks, in order (a copy: callers may not
// change the table).
func (t Table) Checks() []Check {
	return append([]Check(nil), t.checks...)
}

// Lookup returns the row for id.
func (t Table) Lookup(id string) (Check, bool) {
	for _, c := range t.checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// Collector makes the collector of one run of the table's checks, with
// room for capacity findings.
func (t Table) Collector(capacity int) Collector {
	return Collector{table: t, list: make(Findings, 0, capacity)}
}

// Collector gathers the findings of one run of a table's checks in the
// order they are reported: the one way a finding is made, so that every
// failure and warning carries a fix (the table's, unless the check gives
// a more precise one) and passes and information carry none but their own.
type Collector struct {
	table Table
	list  Findings
}

// Add records a finding of id at sev; a fail or warning without a fix of
// its own gets the table's.
func (c *Collector) Add(id string, sev Severity, msg, fix string) {
	if fix == "" && (sev == SeverityFail || sev == SeverityWarn) {
		fix = c.fixOf(id)
	}
	c.list = append(c.list, Finding{ID: id, Severity: sev, Message: msg, Fix: fix})
}

// Pass records that the check ran and found nothing wrong.
func (c *Collector) Pass(id, msg string) { c.Add(id, SeverityPass, msg, "") }

// Info records something worth knowing, or a check that could not run;
// fix is "" unless there is something to do.
func (c *Collector) Info(id, msg, fix string) { c.Add(id, SeverityInfo, msg, fix) }

// Fail records a failure; fix "" means the table's.
func (c *Collector) Fail(id, msg, fix string) { c.Add(id, SeverityFail, msg, fix) }

// Problem records a finding at the check's own severity in the table (a
// fail for an id the table lacks); fix "" means the table's.
func (c *Collector) Problem(id, msg, fix string) {
	sev := SeverityFail
	if row, ok := c.table.Lookup(id); ok {
		sev = row.Severity
	}
	c.Add(id, sev, msg, fix)
}

// Findings returns the findings in the order recorded, never nil.
func (c *Collector) Findings() Findings {
	if c.list == nil {
		return Findings{}
	}
	return c.list
}

func (c *Collector) fixOf(id string) string {
	row, _ := c.table.Lookup(id)
	return row.Fix
}
