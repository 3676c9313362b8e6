package profile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// problem is a validation failure at a key path ("saml.attributes[1].name").
type problem struct {
	path   string
	reason string
}

// validID reports an id of lower-case letters, digits and dashes that
// does not start with a dash.
func validID(id string) bool {
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '-' && i > 0:
		default:
			return false
		}
	}
	return id != ""
}

// validate checks the meaning of a decoded profile; yaml.v3 has already
// checked the keys and types.
func validate(p *Profile) []problem {
	var probs []problem
	add := func(path, format string, a ...any) {
		probs = append(probs, problem{path, fmt.Sprintf(format, a...)})
	}
	oneOf := func(path, got string, choices []string) {
		if !slices.Contains(choices, got) {
			if got == "" {
				add(path, "%s is required: one of %s", path, strings.Join(choices, ", "))
				return
			}
			add(path, "%s must be %s, got %q", path, orList(choices), got)
		}
	}

	switch {
	case p.ID == "":
		add("id", "id is required: a short name such as \"acme-crm\" (used with --profile)")
	case !validID(p.ID):
		add("id", "id must be lower-case letters, digits and dashes, got %q", p.ID)
	}
	if strings.TrimSpace(p.Name) == "" {
		add("name", "name is required: the service provider's display name")
	}
	if strings.TrimSpace(p.Description) == "" {
		add("description", "description is required: one line shown by `jcsso profiles`")
	}
	for i, r := range p.Requirements {
		if strings.TrimSpace(r) == "" {
			add(fmt.Sprintf("requirements[%d]", i), "requirements[%d] is empty", i)
		}
	}

	sp := p.ServiceProvider
	if sp.Generated {
		if strings.TrimSpace(sp.WhereToFind) == "" {
			add("service_provider.where_to_find", "service_provider.where_to_find is required when generated is true: tell the admin where the SP shows its Entity ID and ACS URL")
		}
		if sp.EntityID != "" {
			add("service_provider.entity_id", "service_provider.entity_id must be left out when generated is true (the admin copies it from the SP)")
		}
		if len(sp.ACSURLs) > 0 {
			add("service_provider.acs_urls", "service_provider.acs_urls must be left out when generated is true (the admin copies them from the SP)")
		}
	} else {
		if sp.SPMetadata {
			add("service_provider.sp_metadata", "service_provider.sp_metadata needs generated: true (the SP values are fixed here, there is nothing to read)")
		}
		if sp.EntityID == "" {
			add("service_provider.entity_id", "service_provider.entity_id is required (or set generated: true if the SP makes one per organisation)")
		} else if err := CheckEntityID(sp.EntityID); err != nil {
			add("service_provider.entity_id", "service_provider.entity_id %v", err)
		}
		if len(sp.ACSURLs) == 0 {
			add("service_provider.acs_urls", "service_provider.acs_urls needs at least one URL (or set generated: true)")
		}
		for i, u := range sp.ACSURLs {
			if err := CheckACSURL(u); err != nil {
				add(fmt.Sprintf("service_provider.acs_urls[%d]", i), "service_provider.acs_urls[%d] %v", i, err)
			}
		}
	}
	if sp.LoginURL != "" {
		if err := CheckURL(sp.LoginURL); err != nil {
			add("service_provider.login_url", "service_provider.login_url %v", err)
		}
	}
	if sp.DefaultRelayState != "" {
		if err := CheckURL(sp.DefaultRelayState); err != nil {
			add("service_provider.default_relay_state", "service_provider.default_relay_state %v", err)
		}
	}

	if s := p.IdPEntityID.Suggest; strings.ContainsAny(s, " \t\r\n") {
		add("idp_entity_id.suggest", "idp_entity_id.suggest must not contain spaces, got %q", s)
	}

	if p.SAML.NameID == "" || strings.ContainsAny(p.SAML.NameID, " \t") {
		add("saml.nameid", "saml.nameid must be a JumpCloud user field such as \"email\", got %q", p.SAML.NameID)
	}
	oneOf("saml.nameid_format", p.SAML.NameIDFormat, nameIDFormats)
	oneOf("saml.signature_algorithm", p.SAML.SignatureAlgorithm, sigAlgs)
	oneOf("saml.sign", p.SAML.Sign, signs)
	seen := map[string]int{}
	for i, a := range p.SAML.Attributes {
		path := fmt.Sprintf("saml.attributes[%d]", i)
		if a.Name == "" {
			add(path+".name", "%s.name is required: the attribute name the SP reads", path)
		} else if j, dup := seen[a.Name]; dup {
			add(path+".name", "%s.name %q is already used by saml.attributes[%d]", path, a.Name, j)
		} else {
			seen[a.Name] = i
		}
		if a.JumpCloud == "" {
			add(path+".jumpcloud", "%s.jumpcloud is required: the JumpCloud user field to send (such as firstname)", path)
		}
	}

	oneOf("access.scope", p.Access.Scope, scopes)
	oneOf("handoff.method", p.Handoff.Method, handoffs)
	if strings.TrimSpace(p.Handoff.Where) == "" {
		add("handoff.where", "handoff.where is required: where in the SP to upload the metadata, or whom to send it to")
	}
	oneOf("rollout.mode", p.Rollout.Mode, rollouts)
	return append(probs, controlProblems(p)...)
}

// orList renders choices as "a, b or c".
func orList(choices []string) string {
	if len(choices) == 1 {
		return choices[0]
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}

// lineOf finds the line of the key path in the document: the value's line
// when the key is present, else the nearest present parent's key line, so
// "required" errors point at the mapping that lacks the key (line 1 for
// the top level).
func lineOf(root *yaml.Node, path string) int {
	line := 1
	n := root
	for _, seg := range splitPath(path) {
		var next *yaml.Node
		switch {
		case seg.key != "" && n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg.key {
					line = n.Content[i].Line
					next = n.Content[i+1]
					break
				}
			}
		case seg.key == "" && n.Kind == yaml.SequenceNode && seg.index < len(n.Content):
			next = n.Content[seg.index]
			line = next.Line
		}
		if next == nil {
			return line
		}
		n = next
	}
	if n.Kind == yaml.ScalarNode {
		return n.Line
	}
	return line
}

type pathSeg struct {
	key   string
	index int
}

// splitPath splits "a.b[2].c" into a, b, [2], c.
func splitPath(path string) []pathSeg {
	var segs []pathSeg
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		segs = append(segs, pathSeg{key: name})
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			i, _ := strconv.Atoi(num)
			segs = append(segs, pathSeg{index: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return segs
}
