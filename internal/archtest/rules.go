// Package archtest holds the rules of the project's layout
// (../shared/ARCHITECTURE.md, and the README's "Layout") as code over
// `go list -deps -json ./...`, so a change that breaks one fails a test
// instead of waiting for a review. It is imported by no one.
package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Package is what the rules read of one package in `go list -json`.
type Package struct {
	ImportPath string
	Dir        string
	// GoFiles are the package's non-test Go files, by name.
	GoFiles []string
	// Imports are the packages its non-test files import; Deps everything
	// they need, transitively.
	Imports []string
	Deps    []string
	// Sources are GoFiles' contents, by name, for the rules about calls.
	Sources map[string][]byte `json:"-"`
}

// Violation is one broken rule: which, where, and what breaks it.
type Violation struct {
	Rule    string
	Package string
	Detail  string
}

func (v Violation) String() string { return v.Rule + ": " + v.Package + ": " + v.Detail }

// The rules, by the name a violation reports.
const (
	// RuleEngine: nothing under samlcheck/ imports tui, steps, internal/
	// or cmd: the engine knows no screen and no configuration.
	RuleEngine = "engine-imports-up"
	// RuleShell: tui imports no steps and no internal/, and of the engine
	// only the finding vocabulary, samlcheck's root package.
	RuleShell = "shell-imports"
	// RuleVocabulary: samlcheck's root package, the finding vocabulary,
	// imports nothing of the module, so the shell that shows findings
	// depends on no part of the engine through it.
	RuleVocabulary = "vocabulary-is-a-leaf"
	// RuleFlows: a steps/<flow> imports no other flow, except
	// steps/logintest, which is made to be embedded.
	RuleFlows = "flow-imports-flow"
	// RuleUp: internal/ imports no tui, steps or cmd; steps import no cmd.
	RuleUp = "imports-up"
	// RuleLeaf: samlcheck/rules imports nothing of the module, so every
	// layer can share its rules, even the profiles the test IdP reads
	// while the engine's tests use the test IdP.
	RuleLeaf = "rules-is-a-leaf"
	// RuleWrapLeaf: tui/textwrap, the one line-breaking rule, imports
	// nothing of the module, so the command line's report writer shares it
	// without depending on the shell.
	RuleWrapLeaf = "textwrap-is-a-leaf"
	// RuleTestIdP: internal/testidp is product code (`demo` runs it) and
	// needs no testing package, not even indirectly.
	RuleTestIdP = "testidp-imports-testing"
	// RuleFlags: below cmd, nothing reads flags (flag, pflag, cobra, fang).
	RuleFlags = "flags-below-cmd"
	// RuleExit: below cmd, nothing calls os.Exit.
	RuleExit = "exit-below-cmd"
	// RuleTerminal: below tui (samlcheck/, internal/), nothing writes to
	// the terminal (os.Stdout, os.Stderr, fmt.Print*, print, println).
	RuleTerminal = "terminal-below-tui"
	// RuleTestSupport: the packages made for tests (internal/samltest,
	// internal/casefiles, internal/doctor/doctortest, tui/tuitest,
	// samlcheck/internal/enginetest) are
	// imported by no product code, only by tests and by each other.
	RuleTestSupport = "product-imports-test-support"
	// RuleIDNames: a finding id's constant is named after its string,
	// IDCertExpired = "cert.expired" (the id's letters in order, without
	// its dots and dashes, case aside), so the name in the code and the id
	// scripts match never drift apart.
	RuleIDNames = "id-constant-names"
)

// testSupport are the packages made for tests.
var testSupport = []string{"internal/samltest", "internal/casefiles", "internal/doctor/doctortest", "tui/tuitest", "samlcheck/internal/enginetest"}

func isTestSupport(rel string) bool {
	return slices.ContainsFunc(testSupport, func(dir string) bool { return under(rel, dir) })
}

// flagPackages are the packages that read command-line flags.
var flagPackages = []string{"flag", "github.com/spf13/pflag", "github.com/spf13/cobra", "charm.land/fang/v2"}

// Check returns every violation of the rules among the packages of module
// (pkgs may hold others, such as the standard library; they are skipped),
// sorted.
func Check(module string, pkgs []Package) []Violation {
	var out []Violation
	add := func(rule, pkg, detail string) { out = append(out, Violation{rule, pkg, detail}) }
	for _, p := range pkgs {
		rel, ok := inModule(module, p.ImportPath)
		if !ok {
			continue
		}
		for _, imp := range p.Imports {
			if slices.Contains(flagPackages, imp) && !under(rel, "cmd") {
				add(RuleFlags, rel, "imports "+imp)
			}
			to, ok := inModule(module, imp)
			if !ok {
				continue
			}
			if rule := importRule(rel, to); rule != "" {
				add(rule, rel, "imports "+to)
			}
			if isTestSupport(to) && !isTestSupport(rel) {
				add(RuleTestSupport, rel, "imports "+to)
			}
		}
		if under(rel, "internal/testidp") && (slices.Contains(p.Deps, "testing") || slices.Contains(p.Imports, "testing")) {
			add(RuleTestIdP, rel, "depends on testing")
		}
		if !under(rel, "cmd") {
			for _, c := range calls(p, exitCalls) {
				add(RuleExit, rel, c)
			}
		}
		if under(rel, "samlcheck") || under(rel, "internal") {
			for _, c := range calls(p, terminalWrites) {
				add(RuleTerminal, rel, c)
			}
		}
		for _, c := range misnamedIDs(p) {
			add(RuleIDNames, rel, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// importRule names the rule broken by from importing to (both relative to
// the module), or "".
func importRule(from, to string) string {
	switch {
	case under(from, "samlcheck/rules"):
		return RuleLeaf
	case under(from, "samlcheck"):
		if under(to, "tui") || under(to, "steps") || under(to, "internal") || under(to, "cmd") {
			return RuleEngine
		}
		if from == "samlcheck" {
			return RuleVocabulary
		}
	case under(from, "tui/textwrap"):
		return RuleWrapLeaf
	case under(from, "tui"):
		if under(to, "steps") || under(to, "internal") || under(to, "cmd") || (under(to, "samlcheck") && to != "samlcheck") {
			return RuleShell
		}
	case under(from, "steps"):
		if under(to, "cmd") {
			return RuleUp
		}
		if under(to, "steps") && flowOf(to) != flowOf(from) && flowOf(to) != "logintest" {
			return RuleFlows
		}
	case under(from, "internal"):
		if under(to, "tui") || under(to, "steps") || under(to, "cmd") {
			return RuleUp
		}
	}
	return ""
}

// inModule returns path relative to module, when it is one of its packages.
func inModule(module, path string) (string, bool) {
	if path == module {
		return ".", true
	}
	rel, ok := strings.CutPrefix(path, module+"/")
	return rel, ok
}

// under reports whether rel is dir or inside it.
func under(rel, dir string) bool { return rel == dir || strings.HasPrefix(rel, dir+"/") }

// flowOf is the flow a package under steps/ belongs to: steps/<flow>/...
func flowOf(rel string) string {
	parts := strings.Split(rel, "/")
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}

// A callRule picks the calls a rule forbids: pkg is the local name of an
// imported package ("" for builtins), name the function or variable used.
type callRule func(importPath, name string) bool

func exitCalls(importPath, name string) bool { return importPath == "os" && name == "Exit" }

func terminalWrites(importPath, name string) bool {
	switch importPath {
	case "os":
		return name == "Stdout" || name == "Stderr"
	case "fmt":
		return name == "Print" || name == "Printf" || name == "Println"
	case "":
		return name == "print" || name == "println"
	}
	return false
}

// calls lists the uses in p's sources that match rule, as "file:line os.Exit".
func calls(p Package, rule callRule) []string {
	var found []string
	for _, name := range p.GoFiles {
		src, ok := p.Sources[name]
		if !ok {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			found = append(found, name+": cannot parse: "+err.Error())
			continue
		}
		local := map[string]string{} // local name -> import path
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			n := path[strings.LastIndexByte(path, '/')+1:]
			if im.Name != nil {
				n = im.Name.Name
			}
			local[n] = path
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok {
					if path, ok := local[id.Name]; ok && rule(path, x.Sel.Name) {
						found = append(found, fset.Position(x.Pos()).String()+" "+id.Name+"."+x.Sel.Name)
					}
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && rule("", id.Name) {
					found = append(found, fset.Position(x.Pos()).String()+" "+id.Name)
				}
			}
			return true
		})
	}
	return found
}

// findingID is the shape of a finding id: dot-separated lower-case words
// ("cert.expired", "entityid.same-as-sp").
var findingID = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+$`)

// misnamedIDs lists the constants of p named ID... whose value is a
// finding id their name does not spell, as "file:line IDName = \"id\"".
func misnamedIDs(p Package) []string {
	var found []string
	squash := strings.NewReplacer(".", "", "-", "")
	for _, name := range p.GoFiles {
		src, ok := p.Sources[name]
		if !ok {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			continue // calls reports it
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if i >= len(vs.Values) || !strings.HasPrefix(id.Name, "ID") {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					value, err := strconv.Unquote(lit.Value)
					if err != nil || !findingID.MatchString(value) {
						continue
					}
					if !strings.EqualFold(id.Name[2:], squash.Replace(value)) {
						found = append(found, fmt.Sprintf("%s %s = %q", fset.Position(id.Pos()), id.Name, value))
					}
				}
			}
		}
	}
	return found
}
