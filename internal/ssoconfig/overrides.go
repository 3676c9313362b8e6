package ssoconfig

import (
	"slices"

	"github.com/jcsso/jcsso/samlcheck"
)

// SplitFailures sorts a check's failures against the ids the admin chose
// to continue past (the wizard's o, `setup --yes --override ID`): those
// still unresolved, those overridden, and overrides that match no failure.
// Each id appears once, in the order the checks ran. Build writes only
// when nothing is unresolved, and records the overridden ones.
func SplitFailures(fs samlcheck.Findings, overrides []string) (unresolved, overridden, unused []string) {
	for _, f := range fs {
		if f.Severity != samlcheck.SeverityFail {
			continue
		}
		if slices.Contains(overrides, f.ID) {
			if !slices.Contains(overridden, f.ID) {
				overridden = append(overridden, f.ID)
			}
		} else if !slices.Contains(unresolved, f.ID) {
			unresolved = append(unresolved, f.ID)
		}
	}
	for _, id := range overrides {
		if !slices.Contains(overridden, id) && !slices.Contains(unused, id) {
			unused = append(unused, id)
		}
	}
	return unresolved, overridden, unused
}

// FailedIDs are the ids of the failed checks, each once: what continuing
// past every failure overrides.
func FailedIDs(fs samlcheck.Findings) []string {
	unresolved, _, _ := SplitFailures(fs, nil)
	return unresolved
}

// OverridesStillHold reports whether overrides decided on an earlier check
// cover exactly the failures of this one. A new failure, or one gone, needs
// a new decision, so a re-import keeps the admin's choice only then.
func OverridesStillHold(fs samlcheck.Findings, overrides []string) bool {
	unresolved, overridden, unused := SplitFailures(fs, overrides)
	return len(overridden) > 0 && len(unresolved) == 0 && len(unused) == 0
}
