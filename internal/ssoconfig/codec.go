package ssoconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jcsso/jcsso/samlcheck/rules"
)

// MaxConfigBytes caps sso-config on read; a real one is a few kilobytes
// (mostly certificates).
const MaxConfigBytes = 1 << 20

// configName maps a format to the configuration's file name.
func configName(format string) (string, error) {
	switch format {
	case "", "yaml":
		return ConfigYAML, nil
	case "json":
		return ConfigJSON, nil
	}
	return "", fmt.Errorf("unknown format %q: use yaml or json", format)
}

// Encode renders the configuration as "yaml" (the default) or "json".
func Encode(c *Config, format string) ([]byte, error) {
	if _, err := configName(format); err != nil {
		return nil, err
	}
	if format == "json" {
		data, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("encode the configuration: %w", err)
		}
		return append(data, '\n'), nil
	}
	var buf bytes.Buffer
	buf.WriteString("# Written by jcsso setup. `jcsso check --config` and `jcsso inspect --config` read it.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("encode the configuration: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode the configuration: %w", err)
	}
	return buf.Bytes(), nil
}

// Decode parses a configuration and validates it. name (the file's path)
// picks the format by extension (.json, or else YAML); for any other
// extension a document starting with "{" is read as JSON. Errors start
// with name.
func Decode(data []byte, name string) (*Config, error) {
	isJSON := strings.EqualFold(filepath.Ext(name), ".json")
	if ext := strings.ToLower(filepath.Ext(name)); ext != ".json" && ext != ".yaml" && ext != ".yml" {
		isJSON = bytes.HasPrefix(bytes.TrimSpace(data), []byte("{"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}

	// What it is when it is plainly something else (metadata, a response,
	// a capture, a binary): named as such, never the decoder's view of it.
	if kind := wrongKind(data); kind != "" {
		return nil, fmt.Errorf("%s: %s", name, kind)
	}

	// The version first, so a newer file gets "upgrade jcsso" rather than
	// a list of keys this version does not know. Decoded into a mapping so
	// a file without the key can be named by the keys it has.
	var keys map[string]any
	var err error
	if isJSON {
		err = json.Unmarshal(data, &keys)
	} else {
		err = yaml.Unmarshal(data, &keys)
	}
	if err != nil {
		var te *yaml.TypeError
		var jte *json.UnmarshalTypeError
		if errors.As(err, &te) || errors.As(err, &jte) {
			// A scalar or a list, not a mapping: text of some other kind.
			return nil, fmt.Errorf("%s: this is not an sso-config file (it is not a mapping of keys): %s", name, giveInstead)
		}
		return nil, decodeError(name, err)
	}
	var head struct {
		Version int `yaml:"version" json:"version"`
	}
	if isJSON {
		err = json.Unmarshal(data, &head)
	} else {
		err = yaml.Unmarshal(data, &head)
	}
	if err != nil {
		return nil, decodeError(name, err)
	}
	switch {
	case head.Version == 0:
		if _, ok := keys["version"]; !ok {
			return nil, fmt.Errorf("%s: %s", name, mappingKind(keys, isJSON))
		}
		return nil, fmt.Errorf("%s: version must be %d, got 0", name, Version)
	case head.Version > Version:
		return nil, fmt.Errorf("%s: version %d is newer than this jcsso reads (version %d); upgrade jcsso", name, head.Version, Version)
	case head.Version != Version:
		return nil, fmt.Errorf("%s: version must be %d, got %d", name, Version, head.Version)
	}

	var c Config
	if isJSON {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(&c)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		err = dec.Decode(&c)
	}
	if err != nil {
		return nil, decodeError(name, err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &c, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+): `)

// decodeError names the file and, for YAML, puts the line where editors
// look for it: "sso-config.yaml:7: field x not found in type ...".
func decodeError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, len(te.Errors))
		for i, m := range te.Errors {
			msgs[i] = yamlLineRE.ReplaceAllString(m, name+":$1: ")
		}
		return fmt.Errorf("%s: %w", strings.Join(msgs, "; "), errInvalid)
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatchIndex(msg); m != nil && m[0] == 0 {
		return fmt.Errorf("%s:%s: %s: %w", name, msg[m[2]:m[3]], msg[m[1]:], errInvalid)
	}
	return fmt.Errorf("%s: %s: %w", name, msg, errInvalid)
}

// errInvalid marks a configuration that could not be decoded; it is
// wrapped so callers can still errors.Is the result.
var errInvalid = errors.New("not a valid sso-config file")

// Validate checks that the values jcsso check and inspect rely on are
// present. The message names each missing key by its YAML path.
func (c *Config) Validate() error {
	var errs []error
	need := func(ok bool, key string) {
		if !ok {
			errs = append(errs, fmt.Errorf("%s is missing", key))
		}
	}
	if c.Version != Version {
		errs = append(errs, fmt.Errorf("version must be %d, got %d", Version, c.Version))
	}
	need(c.Profile != "", "profile")
	need(c.Organization != "", "organization")
	need(c.ServiceProvider.EntityID != "", "service_provider.entity_id")
	need(len(c.ServiceProvider.ACSURLs) > 0, "service_provider.acs_urls")
	need(c.IdentityProvider.EntityID != "", "identity_provider.entity_id")
	need(c.IdentityProvider.SSOURL != "", "identity_provider.sso_url")
	need(c.IdentityProvider.MetadataFile != "", "identity_provider.metadata_file")
	need(len(c.IdentityProvider.Certificates) > 0, "identity_provider.certificates")
	for i, cert := range c.IdentityProvider.Certificates {
		need(cert.PEM != "", fmt.Sprintf("identity_provider.certificates[%d].pem", i))
		need(cert.SHA256 != "", fmt.Sprintf("identity_provider.certificates[%d].sha256", i))
	}
	switch c.Access.Scope {
	case "admins", "all_users":
	default:
		errs = append(errs, fmt.Errorf("access.scope must be admins or all_users, got %q", c.Access.Scope))
	}
	need(!c.Validation.CheckedAt.IsZero(), "validation.checked_at")
	return errors.Join(errs...)
}

// readConfig is Read: the file, capped, then Decode.
func readConfig(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder: %s (%s inside it)", path, giveInstead, ConfigYAML)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxConfigBytes {
		return nil, fmt.Errorf("%s: over %s; this is not an sso-config file", path, rules.SizeLimit(MaxConfigBytes))
	}
	return Decode(data, path)
}

// openError says why the configuration at path cannot be opened, in words
// and naming the path once: "nosuch.yaml: no such file".
func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file: %s", path, giveInstead)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied (cannot read it)", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return fmt.Errorf("read the configuration: %w", err)
}
