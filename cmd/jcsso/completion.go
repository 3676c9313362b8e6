package main

import (
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// Shell completion of the values jcsso knows: profile ids, formats, the
// signing requirements, failed check ids, the test IdP's faults. cobra's
// completion command (jcsso completion bash|zsh|fish|powershell) serves them.

// completion is one offered value and the line a shell shows beside it.
type completion struct{ value, about string }

// offer returns the values starting with what was typed, in cobra's
// "value\tabout" form: a shell that filters by itself gets the same list,
// and when nothing matches, a file may still be completed (see fileToo).
func offer(toComplete string, cs []completion) []cobra.Completion {
	var out []cobra.Completion
	for _, c := range cs {
		if strings.HasPrefix(c.value, toComplete) {
			out = append(out, cobra.CompletionWithDesc(c.value, c.about))
		}
	}
	return out
}

// fixed completes a flag whose value is one of a few words, and no file.
func fixed(cs ...completion) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return offer(toComplete, cs), cobra.ShellCompDirectiveNoFileComp
	}
}

// profileCompletion offers the built-in profiles, and files for a vendor's
// profile file once what is typed matches none of them ("./", "acme").
func profileCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var cs []completion
	for _, p := range profile.Builtins() {
		cs = append(cs, completion{p.ID, p.Name + ": " + p.Description})
	}
	return offer(toComplete, cs), cobra.ShellCompDirectiveDefault
}

// registerCompletions attaches the completions of every command but setup's
// answers (completeSetupFlags, which reads them).
func registerCompletions(root *cobra.Command) {
	must := func(err error) {
		if err != nil {
			panic(err) // a flag renamed without its completion: caught by TestCompletionValues
		}
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "inspect":
			must(c.RegisterFlagCompletionFunc("require-signing", fixed(
				completion{string(response.RequireBoth), "the Response and the Assertion (the default)"},
				completion{string(response.RequireAssertion), "the Assertion"},
				completion{string(response.RequireResponse), "the Response"},
				completion{string(response.RequireEither), "the Response or the Assertion"},
			)))
		case "idp":
			must(c.RegisterFlagCompletionFunc("profile", profileCompletion))
			must(c.RegisterFlagCompletionFunc("sign", fixed(
				completion{"assertion", "sign the Assertion (JumpCloud's default)"},
				completion{"response", "sign the Response"},
				completion{"both", "sign the Response and the Assertion"},
			)))
			must(c.RegisterFlagCompletionFunc("fault", faultCompletion))
		case "test-login":
			must(c.RegisterFlagCompletionFunc("profile", profileCompletion))
			must(c.RegisterFlagCompletionFunc("binding", fixed(
				completion{"auto", "HTTP-Redirect when the metadata offers it, else HTTP-POST (the default)"},
				completion{"redirect", "HTTP-Redirect"},
				completion{"post", "HTTP-POST, by an auto-posting form"},
			)))
		case "demo":
			must(c.RegisterFlagCompletionFunc("profile", profileCompletion))
			must(c.RegisterFlagCompletionFunc("fault", faultCompletion))
		case "troubleshoot":
			must(c.RegisterFlagCompletionFunc("profile", profileCompletion))
			must(c.RegisterFlagCompletionFunc("symptom", troubleshootSymptomCompletion))
			must(c.RegisterFlagCompletionFunc("answer", troubleshootAnswerCompletion))
		case "profiles":
			for _, show := range c.Commands() {
				show.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
					if len(args) > 0 {
						return nil, cobra.ShellCompDirectiveNoFileComp
					}
					return profileCompletion(nil, nil, toComplete)
				}
			}
		}
	}
}

// faultCompletion offers the test IdP's faults; --fault takes a comma
// separated list, so the word after the last comma is completed.
func faultCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	done, typed := "", toComplete
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		done, typed = toComplete[:i+1], toComplete[i+1:]
	}
	var cs []completion
	for _, fi := range testidp.Faults() {
		cs = append(cs, completion{done + string(fi.Name), fi.Description})
	}
	return offer(done+typed, cs), cobra.ShellCompDirectiveNoFileComp
}

// completeSetupFlags attaches setup's completions (the root command shares
// its flags, and with them these): --profile, --format, and --override.
func completeSetupFlags(cmd *cobra.Command, f *setupFlags) {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(cmd.RegisterFlagCompletionFunc("profile", profileCompletion))
	must(cmd.RegisterFlagCompletionFunc("format", fixed(
		completion{"yaml", "sso-config.yaml (the default)"},
		completion{"json", "sso-config.json"},
	)))
	must(cmd.RegisterFlagCompletionFunc("sign", fixed(
		completion{profile.SignAssertionAndResponse, "the Assertion and the Response (the default)"},
		completion{profile.SignAssertion, "the Assertion"},
		completion{profile.SignResponse, "the Response"},
	)))
	must(cmd.RegisterFlagCompletionFunc("nameid-format", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var cs []completion
		for _, f := range profile.NameIDFormats() {
			cs = append(cs, completion{f, f[strings.LastIndex(f, ":")+1:]})
		}
		return offer(toComplete, cs), cobra.ShellCompDirectiveNoFileComp
	}))
	must(cmd.RegisterFlagCompletionFunc("override", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return offer(toComplete, overrideCandidates(f)), cobra.ShellCompDirectiveNoFileComp
	}))
}

// maxCompletionRead caps the metadata file read while completing; a real
// export is a few kilobytes.
const maxCompletionRead = 1 << 20

// overrideCandidates are the check ids --override may name. When the
// command line already gives --metadata as a local file, they are the
// failures of the check this command would run on it, with the answers
// given so far (the only ids an override changes anything for), described
// by their message. Otherwise (no --metadata yet, a URL that completion
// will not fetch, standard input) they are every metadata check from the
// engine's table (samlcheck.MetadataTable), described by what each looks at.
func overrideCandidates(f *setupFlags) []completion {
	if failed, checked := failedChecks(f); checked {
		return failed
	}
	var cs []completion
	for _, c := range samlcheck.MetadataTable().Checks() {
		cs = append(cs, completion{c.ID, c.Title})
	}
	return cs
}

// failedChecks runs setup's check on a local --metadata file and returns
// its failures; checked is false when there is no such file to check.
func failedChecks(f *setupFlags) (failed []completion, checked bool) {
	if f.metadata == "" || f.metadata == "-" || ssoconfig.IsURL(f.metadata) {
		return nil, false
	}
	st, err := os.Stat(f.metadata)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxCompletionRead {
		return nil, false
	}
	data, err := os.ReadFile(f.metadata)
	if err != nil {
		return nil, false
	}
	opts := metadata.Options{}
	if p, err := profile.Resolve(f.profile); err == nil {
		opts = ssoconfig.MetadataOptions(p, f.answers(p), time.Time{})
	}
	if now, err := parseNow(f.now); err == nil && !now.IsZero() {
		opts.Now = now
	}
	for _, fd := range metadata.Check(data, opts).Findings {
		if fd.Severity == samlcheck.SeverityFail {
			failed = append(failed, completion{fd.ID, fd.Message})
		}
	}
	return failed, true
}
