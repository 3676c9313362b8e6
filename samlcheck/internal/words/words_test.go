package words

import (
	"testing"
	"time"
)

// TestGap: durations read as support says them, years when far apart.
func TestGap(t *testing.T) {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		40 * time.Second:               "40s",
		9*time.Minute + 11*time.Second: "9m11s",
		2*time.Hour + 3*time.Minute:    "2h03m",
		5 * 24 * time.Hour:             "5 days",
		3 * 366 * 24 * time.Hour:       "3 years",
	} {
		if got := Gap(base, base.Add(d)); got != want {
			t.Errorf("Gap(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Gap(base, time.Date(2993, 1, 1, 0, 0, 0, 0, time.UTC)); got != "968 years" {
		t.Errorf("far future: %q", got)
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{OneLine(" a\n  b\tc "), "a b c"},
		{Truncate("abcdef", 3), "abc…"},
		{Truncate("abc", 3), "abc"},
		{CountNoun(1, "request"), "1 request"},
		{CountNoun(3, "request"), "3 requests"},
		{JoinAnd([]string{"a", "b", "c"}), "a, b and c"},
		{JoinAnd([]string{"a"}), "a"},
		{Ordinal(1) + Ordinal(2) + Ordinal(13), "1st2nd13th"},
		{Ordinal(22) + Ordinal(103) + Ordinal(11), "22nd103rd11th"},
		{LowerFirst("Signature could not"), "signature could not"},
		{Ago(30 * time.Hour), "30 hours ago"},
		{Ago(72 * time.Hour), "3 days ago"},
		{InDays(29 * 24 * time.Hour), "29 days"},
		{Stamp(time.Date(2026, 6, 1, 12, 0, 0, 0, time.FixedZone("x", 3600))), "2026-06-01T11:00:00Z"},
		{Day(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)), "2030-01-01"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
