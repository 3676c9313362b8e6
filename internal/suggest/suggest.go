// Package suggest finds the word a typo was meant to be: the command, flag,
// profile id or profile key nearest to what was typed. It is the one rule
// behind every "did you mean" jcsso prints, so a typo of a command and a
// typo of a profile are forgiven alike.
package suggest

import "strings"

// Closest returns the candidate typed most likely meant, or "" when none is
// near enough to be worth saying. Case is ignored. In order:
//   - a candidate equal to typed but for case;
//   - the one candidate typed is a prefix of ("ins" for inspect);
//   - the first candidate within the fewest edits (insertions, deletions,
//     substitutions and swaps of neighbours), at most one edit for a word
//     of two or three letters and two for a longer one, so "x" suggests
//     nothing while "chek" suggests check and "nameid_fromat" nameid_format.
func Closest(typed string, candidates []string) string {
	t := strings.ToLower(typed)
	if t == "" {
		return ""
	}
	for _, c := range candidates {
		if strings.ToLower(c) == t {
			return c
		}
	}
	prefixed := ""
	for _, c := range candidates {
		if strings.HasPrefix(strings.ToLower(c), t) {
			if prefixed != "" {
				prefixed = ""
				break
			}
			prefixed = c
		}
	}
	if prefixed != "" && len(t) >= 2 {
		return prefixed
	}
	best, bestD := "", maxEdits(len(t))+1
	for _, c := range candidates {
		if d := Distance(t, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// maxEdits is how many edits a word of n bytes may be from its suggestion.
func maxEdits(n int) int {
	switch {
	case n <= 1:
		return 0
	case n <= 3:
		return 1
	}
	return 2
}

// Distance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours ("fromat")
// each cost one. It compares bytes, which is exact for the ASCII names it
// is used on.
func Distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
