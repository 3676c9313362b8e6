package main

import (
	"os"
	"strconv"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagPlaceholders names the value each flag takes, shown after it in help
// and in the man page ("--exclude-admin EMAIL"), so a flag that takes a
// value never looks like a switch. A flag name means the same value in
// every command; TestEveryValueFlagHasAPlaceholder keeps this complete.
var flagPlaceholders = map[string]string{
	"acs-port":            "PORT",
	"acs-url":             "URL",
	"addr":                "HOST:PORT",
	"admin":               "EMAIL",
	"admins":              "FILE",
	"answer":              "QUESTION=ANSWER",
	"app":                 "NAME",
	"app-name":            "NAME",
	"attribute":           "NAME=FIELD",
	"binding":             "redirect|post",
	"cert":                "FILE",
	"config":              "FILE",
	"default-relay-state": "URL",
	"exclude-admin":       "EMAIL",
	"fault":               "NAME",
	"format":              "yaml|json",
	"idp-entity-id":       "ID",
	"key-bits":            "BITS",
	"metadata":            "SOURCE",
	"metadata-url":        "URL",
	"metrics":             "FILE",
	"nameid":              "FIELD",
	"nameid-format":       "URN",
	"now":                 "TIME",
	"org":                 "ORG",
	"out":                 "DIR",
	"override":            "CHECK-ID",
	"parallel":            "N",
	"password":            "PASSWORD",
	"pick":                "N",
	"profile":             "ID|FILE",
	"report":              "FILE",
	"request-id":          "ID",
	"require-signing":     "PART",
	"response":            "FILE",
	"sign":                "PART",
	"skew":                "DURATION",
	"sp-entity-id":        "ID",
	"symptom":             "ID",
	"timeout":             "DURATION",
	"tls-cert":            "FILE",
	"unbound-user":        "EMAIL",
	"user":                "EMAIL",
	"warn-days":           "DAYS",
}

// flagTitle is how help and the man page name a flag: its name, and the
// placeholder of its value unless it is a switch.
func flagTitle(f *pflag.Flag) string {
	if f.NoOptDefVal != "" {
		return f.Name // a switch: --yes, --json, --help
	}
	if ph := flagPlaceholders[f.Name]; ph != "" {
		return f.Name + " " + ph
	}
	return f.Name
}

// addHelp gives every command jcsso's own --help and help command, which
// show the value placeholders in fang's help. fang draws the flag list from
// each flag's name and installs its help on the root inside fang.Execute;
// asking for help (the flag being set, the help command starting) is the
// first point after that where jcsso's code runs, so that is where fang's
// help is wrapped, once.
func addHelp(root *cobra.Command) {
	var once sync.Once
	wrap := func() {
		once.Do(func() { root.SetHelpFunc(withPlaceholders(root.HelpFunc())) })
	}
	root.PersistentFlags().VarPF(&helpFlag{onSet: wrap}, "help", "h", "show this help").NoOptDefVal = "true"
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.PreRun = func(*cobra.Command, []string) { wrap() }
		}
	}
}

// withPlaceholders runs help with each flag named by flagTitle, and on a
// terminal with the descriptions and examples fitted to its width
// (fitHelp), for as long as the help is drawn.
func withPlaceholders(help func(*cobra.Command, []string)) func(*cobra.Command, []string) {
	return func(c *cobra.Command, args []string) {
		var undo []func()
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if t, name := flagTitle(f), f.Name; t != name {
				f.Name = t
				undo = append(undo, func() { f.Name = name })
			}
		})
		// fang sizes its help by the process's stdout, so the fitting does.
		if width := min(terminalWidth(os.Stdout), fangMaxWidth); width > 0 && terminalWidth(c.OutOrStdout()) > 0 {
			undo = append(undo, fitHelp(c, width)...)
		}
		defer func() {
			for _, u := range undo {
				u()
			}
		}()
		help(c, args)
	}
}

// helpFlag is the value of --help: a switch that calls onSet when turned
// on, before cobra shows the help.
type helpFlag struct {
	on    bool
	onSet func()
}

func (h *helpFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	h.on = v
	if v {
		h.onSet()
	}
	return nil
}

func (h *helpFlag) String() string { return strconv.FormatBool(h.on) }

// Type is "bool", which is what cobra reads --help as.
func (h *helpFlag) Type() string { return "bool" }
