package tuitest

import (
	"slices"
	"testing"
)

func TestHyphenBreaks(t *testing.T) {
	screen := " type jumpcloud-\n acmecorp exactly\n │ give --  │\n │ cert here │\n a dash -\n alone\n SAML-tracer file\n"
	want := []string{"jumpcloud-|acmecorp", "--|cert"}
	if got := HyphenBreaks(screen); !slices.Equal(got, want) {
		t.Errorf("HyphenBreaks = %q, want %q", got, want)
	}
}
