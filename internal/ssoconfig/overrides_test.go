package ssoconfig

import (
	"slices"
	"testing"

	"github.com/jcsso/jcsso/samlcheck"
)

func TestSplitFailures(t *testing.T) {
	fs := samlcheck.Findings{
		{ID: "a", Severity: samlcheck.SeverityFail}, {ID: "b", Severity: samlcheck.SeverityPass},
		{ID: "c", Severity: samlcheck.SeverityFail}, {ID: "a", Severity: samlcheck.SeverityFail},
		{ID: "d", Severity: samlcheck.SeverityWarn},
	}
	unresolved, overridden, unused := SplitFailures(fs, []string{"c", "d", "zz", "zz"})
	if !slices.Equal(unresolved, []string{"a"}) || !slices.Equal(overridden, []string{"c"}) || !slices.Equal(unused, []string{"d", "zz"}) {
		t.Errorf("got %v %v %v", unresolved, overridden, unused)
	}
	if got := FailedIDs(fs); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("FailedIDs = %v", got)
	}
	for _, tc := range []struct {
		overrides []string
		want      bool
	}{{[]string{"a", "c"}, true}, {[]string{"c", "a"}, true}, {[]string{"a"}, false}, {[]string{"a", "c", "x"}, false}, {nil, false}} {
		if got := OverridesStillHold(fs, tc.overrides); got != tc.want {
			t.Errorf("OverridesStillHold(%v) = %v", tc.overrides, got)
		}
	}
}
