package words

import (
	"fmt"
	"time"
)

// Stamp writes an instant for a message: RFC 3339 in UTC.
func Stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Day writes the day of an instant in UTC, as a certificate's validity is
// shown: 2030-01-01.
func Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// Ago describes a positive duration in the past: days, or hours under two
// days ("3 days ago").
func Ago(d time.Duration) string {
	if d < 48*time.Hour {
		return fmt.Sprintf("%d hours ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

// InDays describes a positive duration in whole days (hours under two
// days): "29 days".
func InDays(d time.Duration) string {
	if d < 48*time.Hour {
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// Duration writes a duration the way support says it on a call: "2h03m",
// "9m11s", "40s", "3 days"; a negative one as its size.
func Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	case d >= time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	case d >= time.Minute:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%ds", int(d.Seconds()))
}

// Gap is Duration for the time between a and b, in either order, counting
// years when they are far apart (a Duration saturates at about 292 years).
func Gap(a, b time.Time) string {
	if a.After(b) {
		a, b = b, a
	}
	if b.Sub(a) >= 2*365*24*time.Hour {
		years := b.Year() - a.Year()
		if b.YearDay() < a.YearDay() {
			years--
		}
		if years >= 2 {
			return fmt.Sprintf("%d years", years)
		}
	}
	return Duration(b.Sub(a))
}
