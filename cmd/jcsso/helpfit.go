package main

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// fang's help layout, as charm.land/fang/v2 draws it: at most 120 columns;
// a list indented 4, its descriptions in one column at least 10 wide after
// the longest name plus 2; examples in a block of the width less 8 (margin
// and padding). fitHelp reads these to fit the texts fang does not wrap:
// fang breaks a long description mid-word at the terminal's edge and cuts
// an example line that does not fit with "…", dropping what an admin
// would copy. TestHelpFitsTheTerminal notices when fang's layout changes.
const (
	fangMaxWidth      = 120
	fangListIndent    = 4
	fangMinSpace      = 10
	fangSpaceBetween  = 2
	fangExampleMargin = 8
)

// fitHelp rewraps c's flag and command descriptions into its help's
// description column and breaks its long example lines at a space, with a
// shell continuation, within the example block, for a terminal of width
// columns. It returns what undoes each change.
func fitHelp(c *cobra.Command, width int) []func() {
	var undo []func()
	col := fangListIndent + helpSpace(c)
	room := width - col
	if room >= minWrapWidth {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			if fitted, usage := fitDescription(f.Usage, flagDefault(f), room), f.Usage; fitted != usage {
				f.Usage = fitted
				undo = append(undo, func() { f.Usage = usage })
			}
		})
		for _, sub := range c.Commands() {
			if sub.Hidden {
				continue
			}
			if fitted, short := fitDescription(sub.Short, "", room), sub.Short; fitted != short {
				sub.Short = fitted
				undo = append(undo, func() { sub.Short = short })
			}
		}
	}
	if fitted, example := fitExamples(c.Example, width-fangExampleMargin), c.Example; fitted != example {
		c.Example = fitted
		undo = append(undo, func() { c.Example = example })
	}
	return undo
}

// helpSpace is fang's width of the name column: the widest command usage
// or flag name of c's help, plus 2, at least 10.
func helpSpace(c *cobra.Command) int {
	widest := 0
	for _, sub := range c.Commands() {
		if !sub.Hidden {
			widest = max(widest, ansi.StringWidth(commandKey(sub)))
		}
	}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		key := "--" + f.Name
		if f.Shorthand != "" {
			key = "-" + f.Shorthand + " " + key
		}
		widest = max(widest, ansi.StringWidth(key))
	})
	return max(fangMinSpace, widest+fangSpaceBetween)
}

var bracketed = regexp.MustCompile(`(\[.*\])`)

// commandKey is a subcommand's entry in fang's command list: its Use, with
// " [command]", " [args]", its own bracketed arguments and " [--flags]"
// moved to the end.
func commandKey(c *cobra.Command) string {
	u := c.Use
	hasArgs := strings.Contains(u, "[args]")
	hasFlags := strings.Contains(u, "[flags]") || strings.Contains(u, "[--flags]") || c.HasFlags() || c.HasPersistentFlags() || c.HasAvailableFlags()
	hasCommands := strings.Contains(u, "[command]") || c.HasAvailableSubCommands()
	for _, k := range []string{"[args]", "[flags]", "[--flags]", "[command]"} {
		u = strings.ReplaceAll(u, k, "")
	}
	others := bracketed.FindAllString(u, -1)
	for _, o := range others {
		u = strings.ReplaceAll(u, o, "")
	}
	key := strings.TrimSpace(u)
	if hasCommands {
		key += " [command]"
	}
	if hasArgs {
		key += " [args]"
	}
	for _, o := range others {
		key += " " + o
	}
	if hasFlags {
		key += " [--flags]"
	}
	return key
}

// flagDefault is the default fang appends to a flag's description, or "".
func flagDefault(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "[]":
		return ""
	}
	return " (" + f.DefValue + ")"
}

// fitDescription wraps text to room columns between words, leaving room on
// its last line for the default fang appends; a default that does not fit
// gets a line of its own.
func fitDescription(text, def string, room int) string {
	if ansi.StringWidth(text+def) <= room {
		return text
	}
	wrapped := wrapWords(text+def, room)
	if def == "" {
		return wrapped
	}
	if cut, ok := strings.CutSuffix(wrapped, def); ok {
		return cut // the default still ends the same line
	}
	if cut, ok := strings.CutSuffix(wrapped, "\n"+strings.TrimSpace(def)); ok {
		return cut + "\n" // fang puts the default on the next line
	}
	return wrapped
}

// fitExamples breaks each example line wider than room, outside quotes:
// before a flag if one fits (a flag stays with its value), after a pipe, else
// at the last space that fits, ending the part with " \\" as a shell
// continuation (fang indents the next line); each long comment becomes
// several "# " lines. So fang cuts none of them.
func fitExamples(example string, room int) string {
	if room < minWrapWidth {
		return example
	}
	var out []string
	continued := false
	lines := strings.Split(example, "\n")
	for n := 0; n < len(lines); n++ {
		line := lines[n]
		text := strings.TrimSpace(line)
		lead := line[:len(line)-len(strings.TrimLeft(line, " "))]
		if strings.HasPrefix(text, "# ") {
			// A comment of several lines is one paragraph: rewrapped as a
			// whole when one of its lines is too wide, else left as written.
			end, words, wide := n, []string{}, false
			for ; end < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[end]), "# "); end++ {
				c := strings.TrimPrefix(strings.TrimSpace(lines[end]), "# ")
				words = append(words, c)
				wide = wide || ansi.StringWidth(c) > room-2
			}
			if !wide {
				out = append(out, lines[n:end]...)
			} else {
				for _, l := range strings.Split(wrapWords(strings.Join(words, " "), room-2), "\n") {
					out = append(out, lead+"# "+l)
				}
			}
			n = end - 1
			continued = false
			continue
		}
		for {
			limit := room
			if continued {
				limit -= 2 // fang's indent of a continuation
			}
			if ansi.StringWidth(text) <= limit {
				break
			}
			i, pipe := breakPoint(text, limit-2) // room for " \\"
			if i <= 0 {
				break // one word wider than the block: fang's to cut
			}
			if pipe {
				out = append(out, lead+text[:i])
			} else {
				out = append(out, lead+text[:i]+" \\")
			}
			text = strings.TrimLeft(text[i:], " ")
			continued = true
		}
		out = append(out, lead+text)
		continued = strings.HasSuffix(text, "\\") || strings.HasSuffix(text, "|")
	}
	return strings.Join(out, "\n")
}

// breakPoint is where a shell command line is best broken before column
// limit, outside quotes: the last space before a flag (past the first
// third of the line), else the last space after a "|" (pipe is true: the
// shell continues such a line by itself), else the last space; -1 if none.
func breakPoint(line string, limit int) (at int, pipe bool) {
	lastSpace, beforeFlag, afterPipe := -1, -1, -1
	quote, col := rune(0), 0
	for i, r := range line {
		if col >= limit {
			break
		}
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == ' ':
			lastSpace = i
			if strings.HasPrefix(line[i+1:], "-") && col > limit/3 {
				beforeFlag = i
			}
			if strings.HasSuffix(line[:i], " |") {
				afterPipe = i
			}
		}
		col += ansi.StringWidth(string(r))
	}
	switch {
	case beforeFlag > 0:
		return beforeFlag, false
	case afterPipe > 0:
		return afterPipe, true
	}
	return lastSpace, false
}
