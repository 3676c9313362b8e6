package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/jcsso/jcsso/internal/suggest"
	"github.com/jcsso/jcsso/samlcheck/rules"
)

// MaxProfileBytes caps a profile file; real ones are a few kilobytes.
const MaxProfileBytes = 256 << 10

// Error is one problem in a profile file. Its message is "FILE:LINE:
// reason" (or "FILE: reason" when no line applies), the form editors and
// terminals turn into a link.
type Error struct {
	File   string
	Line   int
	Reason string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}

// Load reads and validates a profile file. Problems come back as *Error
// values (several joined with errors.Join, one per line, in file order).
func Load(path string) (*Profile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read profile: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxProfileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read profile %s: %w", path, err)
	}
	if len(data) > MaxProfileBytes {
		return nil, &Error{File: path, Reason: fmt.Sprintf("the file is over %s; a profile is a short YAML file", rules.SizeLimit(MaxProfileBytes))}
	}
	return Parse(data, path)
}

// Parse decodes and validates a profile. name is the file name used in
// error messages. Unknown keys are refused (a misspelt key would otherwise
// be silently ignored), and missing optional keys get their defaults (see
// applyDefaults), so callers can use every field as it is.
func Parse(data []byte, name string) (*Profile, error) {
	// A good profile (every built-in one, on every start of the wizard)
	// needs one decode; the node tree that places errors on their line is
	// built only when something is wrong.
	var p Profile
	if decodeStrict(data, &p) == nil {
		applyDefaults(&p)
		if len(validate(&p)) == 0 {
			return &p, nil
		}
	}
	return parseWithLines(data, name)
}

// decodeStrict decodes data into p, refusing unknown keys (a misspelt key
// would otherwise be silently ignored).
func decodeStrict(data []byte, p *Profile) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(p)
}

// parseWithLines is Parse for a profile with a problem: it reports each
// one as an *Error on the line it comes from.
func parseWithLines(data []byte, name string) (*Profile, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &Error{File: name, Reason: "the profile is empty"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: name, Line: root.Line, Reason: "a profile is a mapping of keys (id: ..., name: ...), not " + kindName(root)}
	}

	var p Profile
	if err := decodeStrict(data, &p); err != nil {
		return nil, yamlError(name, err)
	}
	applyDefaults(&p)
	if probs := validate(&p); len(probs) > 0 {
		errs := make([]error, len(probs))
		for i, pr := range probs {
			errs[i] = &Error{File: name, Line: lineOf(root, pr.path), Reason: pr.reason}
		}
		return nil, errors.Join(errs...)
	}
	return &p, nil
}

// applyDefaults fills the keys a profile may leave out with what JumpCloud
// and nearly every SP expect.
func applyDefaults(p *Profile) {
	if p.IdPEntityID.Suggest == "" {
		p.IdPEntityID.Suggest = DefaultIdPEntityIDTemplate
	}
	if p.SAML.NameID == "" {
		p.SAML.NameID = NameIDEmail
	}
	if p.SAML.NameIDFormat == "" {
		p.SAML.NameIDFormat = NameIDFormatEmail
	}
	if p.SAML.SignatureAlgorithm == "" {
		p.SAML.SignatureAlgorithm = SigRSASHA256
	}
	if p.SAML.Sign == "" {
		p.SAML.Sign = SignAssertionAndResponse
	}
}

// The patterns of yaml.v3's messages, compiled on the first error rather
// than at every start of the program.
var (
	lineRE      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) })
	unknownRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^field (\S+) not found in type (\S+)$`) })
	wrongTypeRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
	})
)

// yamlError turns yaml.v3's errors ("line 12: field x not found in type
// profile.SAML") into *Error values in the FILE:LINE: reason form.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		errs := make([]error, 0, len(te.Errors))
		for _, msg := range te.Errors {
			errs = append(errs, lineError(name, msg))
		}
		return errors.Join(errs...)
	}
	return lineError(name, err.Error())
}

func lineError(name, msg string) *Error {
	e := &Error{File: name, Reason: strings.TrimPrefix(msg, "yaml: ")}
	m := lineRE().FindStringSubmatch(msg)
	if m == nil {
		return e
	}
	e.Line, _ = strconv.Atoi(m[1])
	e.Reason = m[2]
	if u := unknownRE().FindStringSubmatch(m[2]); u != nil {
		e.Reason = fmt.Sprintf("unknown field %q", u[1])
		if s := suggest.Closest(u[1], knownKeys(u[2])); s != "" {
			e.Reason += fmt.Sprintf(" (did you mean %q?)", s)
		}
	} else if w := wrongTypeRE().FindStringSubmatch(m[2]); w != nil {
		got := "a " + tagName(w[1])
		if w[2] != "" {
			got = strconv.Quote(w[2])
		}
		e.Reason = fmt.Sprintf("expected %s, got %s", typeName(w[3]), got)
	}
	return e
}

func tagName(tag string) string {
	switch tag {
	case "map":
		return "mapping"
	case "seq":
		return "list"
	}
	return "value"
}

func typeName(t string) string {
	switch {
	case t == "bool":
		return "true or false"
	case t == "string":
		return "a text value"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "profile."):
		return "a mapping of keys"
	}
	return t
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "this"
}

// knownKeys lists the YAML keys of the profile type yaml.v3 named in its
// error ("profile.SAML"), for the "did you mean" hint.
func knownKeys(typeName string) []string {
	var keys []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if t.String() == typeName {
				if k, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); k != "" && k != "-" {
					keys = append(keys, k)
				}
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Profile]())
	return keys
}
