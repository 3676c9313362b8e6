package archtest

import (
	"strings"
	"testing"
)

// TestArchitectureRules holds the tree to the rules of ARCHITECTURE.md, as
// `go list -deps -json ./...` reports its packages.
func TestArchitectureRules(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	module, pkgs, err := Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, p := range pkgs {
		if _, ok := inModule(module, p.ImportPath); ok {
			seen++
		}
	}
	if seen < 8 {
		t.Fatalf("go list gave %d packages of %s; the rules would check nothing", seen, module)
	}
	for _, v := range Check(module, pkgs) {
		t.Error(v)
	}
}

const mod = "example.com/m"

// pkg is a package of mod at rel; an import under one of the module's top
// folders is the module's, any other is from outside.
func pkg(rel string, imports ...string) Package {
	p := Package{ImportPath: mod + "/" + rel}
	for _, imp := range imports {
		top, _, _ := strings.Cut(imp, "/")
		switch top {
		case "cmd", "tui", "steps", "samlcheck", "internal":
			imp = mod + "/" + imp
		}
		p.Imports = append(p.Imports, imp)
	}
	return p
}

func withSource(p Package, src string) Package {
	p.GoFiles = []string{"x.go"}
	p.Sources = map[string][]byte{"x.go": []byte(src)}
	return p
}

// Each rule catches what it is there for, and lets through what is allowed.
func TestRulesCatchEachViolation(t *testing.T) {
	for _, tc := range []struct {
		name string
		pkg  Package
		rule string // "" when allowed
	}{
		{"engine imports the shell", pkg("samlcheck", "tui"), RuleEngine},
		{"engine part imports the config", pkg("samlcheck/metadata", "internal/ssoconfig"), RuleEngine},
		{"engine imports its own internal", pkg("samlcheck/metadata", "samlcheck/internal/xmlsafe"), ""},
		{"the shared rules import the engine", pkg("samlcheck/rules", "samlcheck"), RuleLeaf},
		{"the vocabulary imports an engine part", pkg("samlcheck", "samlcheck/internal/xmlsafe"), RuleVocabulary},
		{"the vocabulary imports the shared rules", pkg("samlcheck", "samlcheck/rules"), RuleVocabulary},
		{"an engine part imports the vocabulary and its internals", pkg("samlcheck/response", "samlcheck", "samlcheck/source", "samlcheck/internal/xmlsafe", "samlcheck/internal/words"), ""},
		{"an engine part imports the test fixtures", pkg("samlcheck/internal/enginetest", "internal/samltest"), RuleEngine},
		{"a profile uses the shared rules", pkg("internal/profile", "samlcheck/rules"), ""},
		{"shell imports a flow", pkg("tui", "steps/setup"), RuleShell},
		{"shell imports internal", pkg("tui/tuitest", "internal/samltest"), RuleShell},
		{"shell imports an engine part", pkg("tui/findings", "samlcheck/metadata"), RuleShell},
		{"shell imports the finding vocabulary", pkg("tui/findings", "samlcheck", "tui"), ""},
		{"the wrapping rule imports the shell", pkg("tui/textwrap", "tui"), RuleWrapLeaf},
		{"the report writer uses the wrapping rule", pkg("cmd/jcsso", "tui/textwrap", "tui"), ""},
		{"flow imports another flow", pkg("steps/troubleshoot", "steps/setup"), RuleFlows},
		{"flow embeds the live login", pkg("steps/setup", "steps/logintest"), ""},
		{"flow imports its own part", pkg("steps/setup", "steps/setup/review"), ""},
		{"flow imports cmd", pkg("steps/setup", "cmd/jcsso"), RuleUp},
		{"internal imports the shell", pkg("internal/ssoconfig", "tui"), RuleUp},
		{"internal imports the engine", pkg("internal/ssoconfig", "samlcheck"), ""},
		{"flags below cmd", pkg("internal/profile", "github.com/spf13/pflag"), RuleFlags},
		{"flags in cmd", pkg("cmd/jcsso", "github.com/spf13/cobra", "flag"), ""},
		{"testidp needs testing", Package{ImportPath: mod + "/internal/testidp", Deps: []string{"fmt", "testing"}}, RuleTestIdP},
		{"samltest may use testing", Package{ImportPath: mod + "/internal/samltest", Imports: []string{"testing"}}, ""},
		{"a flow imports the cases", pkg("steps/troubleshoot", "internal/casefiles"), RuleTestSupport},
		{"cmd imports the harness", pkg("cmd/jcsso", "tui/tuitest"), RuleTestSupport},
		{"the cases use the test IdP's layer", pkg("internal/casefiles", "internal/samltest", "internal/ssoconfig"), ""},
		{"exit below cmd", withSource(pkg("steps/setup"), "package setup\nimport \"os\"\nfunc f() { os.Exit(1) }\n"), RuleExit},
		{"exit under another name", withSource(pkg("tui"), "package tui\nimport sys \"os\"\nfunc f() { sys.Exit(1) }\n"), RuleExit},
		{"exit in cmd", withSource(pkg("cmd/jcsso"), "package main\nimport \"os\"\nfunc main() { os.Exit(1) }\n"), ""},
		{"engine prints", withSource(pkg("samlcheck"), "package samlcheck\nimport \"fmt\"\nfunc f() { fmt.Println(1) }\n"), RuleTerminal},
		{"internal writes stderr", withSource(pkg("internal/ssoconfig"), "package ssoconfig\nimport \"os\"\nvar w = os.Stderr\n"), RuleTerminal},
		{"internal prints with a builtin", withSource(pkg("internal/ssoconfig"), "package ssoconfig\nfunc f() { println(1) }\n"), RuleTerminal},
		{"engine formats a string", withSource(pkg("samlcheck"), "package samlcheck\nimport \"fmt\"\nvar s = fmt.Sprint(1)\n"), ""},
		{"an id's constant named otherwise", withSource(pkg("samlcheck"), "package samlcheck\nconst (\n\tIDCertExpired = \"cert.expired\"\n\tIDEntityIDHolder = \"entityid.placeholder\"\n)\n"), RuleIDNames},
		{"an id's constant named after it", withSource(pkg("internal/acs"), "package acs\nconst IDLiveRelayState, IDEntityIDSameAsSP = \"live.relay-state\", \"entityid.same-as-sp\"\nconst IDField = \"Org\"\n"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs := Check(mod, []Package{tc.pkg})
			switch {
			case tc.rule == "" && len(vs) > 0:
				t.Errorf("allowed, but got %v", vs)
			case tc.rule != "" && (len(vs) != 1 || vs[0].Rule != tc.rule):
				t.Errorf("got %v, want one %s", vs, tc.rule)
			}
		})
	}
}
