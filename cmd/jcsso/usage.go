package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jcsso/jcsso/internal/suggest"
)

// The words of bad usage: a mistyped command or flag names the nearest one
// (internal/suggest, the rule profile names and profile keys use too), a
// missing argument says what to give with an example.

// flagUsageError is every command's flag error: an unknown flag names the
// nearest one ("--jsn": did you mean --json?), any other says where the
// flags are explained.
func flagUsageError(cmd *cobra.Command, err error) error {
	help := fmt.Sprintf("(see %s --help)", cmd.CommandPath())
	var ne *pflag.NotExistError
	// "jcsso chek x --json": cobra found no command "chek", so it parsed
	// the line with the root's flags and stopped at --json, which only the
	// commands take. The mistyped command is the mistake to name.
	if errors.As(err, &ne) && cmd.HasAvailableSubCommands() && len(cmd.Flags().Args()) > 0 {
		return noArgsButCommands(cmd, cmd.Flags().Args())
	}
	if errors.As(err, &ne) {
		typed, shown := ne.GetSpecifiedName(), "--"+ne.GetSpecifiedName()
		// "-jsn" is read as the shorthands j, s and n: the name meant is
		// most likely the whole word, given with one dash.
		if group := ne.GetSpecifiedShortnames(); len(group) > 1 {
			typed, shown = group, "-"+group
		}
		if s := suggest.Closest(typed, flagNames(cmd)); s != "" {
			return usageError("unknown flag %s: did you mean --%s? %s", shown, s, help)
		}
	}
	var vr *pflag.ValueRequiredError
	if errors.As(err, &vr) && vr.GetFlag() != nil {
		return usageError("--%s needs a value: --%s %s", vr.GetFlag().Name, flagTitle(vr.GetFlag()), help)
	}
	var iv *pflag.InvalidValueError
	if errors.As(err, &iv) && iv.GetFlag() != nil {
		return usageError("--%s %q %s %s", iv.GetFlag().Name, iv.GetValue(), invalidValueReason(iv.GetFlag(), iv), help)
	}
	return usageError("%w %s", err, help)
}

// invalidValueReason says, in the flag's terms, why a value did not parse:
// the parser's own words ("strconv.ParseInt: parsing", "missing unit in
// duration") mean nothing to an admin.
func invalidValueReason(fl *pflag.Flag, err error) string {
	switch fl.Value.Type() {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		if errors.Is(err, strconv.ErrRange) {
			return "is too large a number"
		}
		return "is not a whole number, such as " + numberExample(fl)
	case "duration":
		return "is not a duration: give a number and a unit, such as 30s, 2m or 1h30m"
	case "bool":
		return "is not true or false"
	}
	return "is not a value this flag takes"
}

// numberExample is the flag's default as an example, or 1 when the
// default is 0 (which reads as "not set").
func numberExample(fl *pflag.Flag) string {
	if fl.DefValue == "" || fl.DefValue == "0" {
		return "1"
	}
	return fl.DefValue
}

// flagNames lists the long names of the flags cmd takes, help included.
func flagNames(cmd *cobra.Command) []string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	return names
}

// noArgsButCommands is cobra.NoArgs for a command with subcommands: an
// argument is a mistyped subcommand, so the error names the nearest one
// ("jcsso chek": did you mean check?). cobra suggests only for a root
// without an Args check, and jcsso's root is the wizard too.
func noArgsButCommands(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
			names = append(names, sub.Aliases...)
		}
	}
	hint := ""
	if s := suggest.Closest(args[0], names); s != "" {
		hint = fmt.Sprintf(": did you mean %s?", s)
	}
	return usageError("unknown command %q for %q%s (see %s --help)", args[0], cmd.CommandPath(), hint, cmd.CommandPath())
}

// oneInput checks the positional argument of check (SOURCE, optional with
// --config) and inspect (RESPONSE): without it, the error says what to give
// and shows a line to copy; with several, that each is run on its own.
func oneInput(name, needs, example string, optional bool) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0 && !optional:
			return usageError("%s needs %s, %s\n  for example: %s\n  (see %s --help)", cmd.CommandPath(), name, needs, example, cmd.CommandPath())
		case len(args) > 1:
			return usageError("%s takes one %s, got %d (%s): run it once for each", cmd.CommandPath(), name, len(args), strings.Join(args, ", "))
		}
		return nil
	}
}

// What check and inspect need, in the words their errors use; the example
// lines fit 80 columns after "  for example: ", so they copy whole.
const (
	checkNeeds = "JumpCloud's metadata: the file from Export Metadata on the app's SSO tab, its https URL " +
		"(Copy Metadata URL), or - to paste it; or give --config FILE, the sso-config.yaml jcsso setup wrote"
	checkExampleLine   = "jcsso check metadata.xml --idp-entity-id jumpcloud-acmecorp"
	inspectNeeds       = "the SAML response you captured: a file holding the SAMLResponse value (base64) or its XML, a HAR file saved from the browser's Network tab, or - to paste it"
	inspectExampleLine = "jcsso inspect saml-response.txt --metadata metadata.xml"
)

// checkNeedsSource is check's error without SOURCE and without --config.
func checkNeedsSource(cmd *cobra.Command) error {
	return oneInput("SOURCE", checkNeeds, checkExampleLine, false)(cmd, nil)
}
