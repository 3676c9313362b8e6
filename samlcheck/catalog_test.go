package samlcheck

import "testing"

// Every table's rows are complete and its ids distinct, across tables
// too: a script matches an id without saying which table it came from.
func TestTablesAreComplete(t *testing.T) {
	seen := map[string]string{}
	for name, table := range map[string]Table{"metadata": MetadataTable(), "response": ResponseTable(), "drift": DriftTable()} {
		checks := table.Checks()
		if len(checks) == 0 {
			t.Errorf("%s: empty table", name)
		}
		for _, c := range checks {
			if other, dup := seen[c.ID]; dup {
				t.Errorf("%s: %s is also in the %s table", name, c.ID, other)
			}
			seen[c.ID] = name
			if c.Title == "" || c.Fix == "" || (c.Severity != SeverityFail && c.Severity != SeverityWarn) {
				t.Errorf("%s: %+v lacks a title, a fix or a problem's severity", name, c)
			}
			if got, ok := table.Lookup(c.ID); !ok || got != c {
				t.Errorf("%s: Lookup(%s) = %+v, %v", name, c.ID, got, ok)
			}
		}
	}
	// A copy: changing it changes no table.
	MetadataTable().Checks()[0].Fix = "changed"
	if MetadataTable().Checks()[0].Fix == "changed" {
		t.Error("Checks returned the table itself")
	}
}

// The collector fills in the table's fix for a failure or warning given
// none, keeps a more precise one, gives passes and information none but
// their own, and reports a problem at the table's severity.
func TestCollector(t *testing.T) {
	table := NewTable(Check{ID: "a.fail", Title: "a", Severity: SeverityFail, Fix: "fix a"}, Check{ID: "b.warn", Title: "b", Severity: SeverityWarn, Fix: "fix b"})
	c := table.Collector(0)
	if fs := c.Findings(); fs == nil || len(fs) != 0 {
		t.Errorf("empty collector gives %#v, want an empty list", fs)
	}
	c.Fail("a.fail", "m1", "")
	c.Fail("a.fail", "m2", "precise")
	c.Pass("a.fail", "m3")
	c.Info("b.warn", "m4", "")
	c.Info("b.warn", "m5", "do this")
	c.Problem("b.warn", "m6", "")
	c.Problem("z.unknown", "m7", "")
	want := Findings{
		{"a.fail", SeverityFail, "m1", "fix a"},
		{"a.fail", SeverityFail, "m2", "precise"},
		{"a.fail", SeverityPass, "m3", ""},
		{"b.warn", SeverityInfo, "m4", ""},
		{"b.warn", SeverityInfo, "m5", "do this"},
		{"b.warn", SeverityWarn, "m6", "fix b"},
		{"z.unknown", SeverityFail, "m7", ""},
	}
	got := c.Findings()
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
