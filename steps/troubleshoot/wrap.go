package troubleshoot

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fingerprintShape is a certificate fingerprint as the engine writes it:
// colon-separated pairs of upper-case hex, longer than any line.
var fingerprintShape = regexp.MustCompile(`\b[0-9A-F]{2}(:[0-9A-F]{2}){15,}\b`)

// Stand-ins that keep a wrap from breaking "SHA-256" at its hyphen, and let
// it break a fingerprint only between two pairs: a one-cell rune no text
// here uses, put back after the wrap.
const (
	pairBreak = "\u2236" // RATIO, in place of a fingerprint's colons
	keepHyph  = "\u2011" // NON-BREAKING HYPHEN, in place of SHA-256's
)

// wrap is tui.Wrap for texts that carry fingerprints: a fingerprint that
// does not fit breaks between two of its pairs, and "SHA-256" stays whole.
func wrap(text string, w int) string {
	t := fingerprintShape.ReplaceAllStringFunc(text, func(fp string) string { return strings.ReplaceAll(fp, ":", pairBreak) })
	t = strings.ReplaceAll(t, "SHA-256", "SHA"+keepHyph+"256")
	out := ansi.Wrap(t, max(w, 1), pairBreak)
	return strings.NewReplacer(pairBreak, ":", keepHyph, "-").Replace(out)
}
