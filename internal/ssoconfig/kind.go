package ssoconfig

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/jcsso/jcsso/samlcheck/response"
)

// What is given by mistake where an sso-config file is asked for is named
// as what it is, with what to give instead, in one line: never the YAML
// decoder's view of it (a Go struct it could not fill).

// giveInstead is what every wrong-kind message ends with.
const giveInstead = "give the " + ConfigYAML + " (or " + ConfigJSON + ") that jcsso setup wrote"

// wrongKind is the reason a document that is not a configuration cannot
// be used, or "" when it may be one (a YAML or JSON mapping, judged by
// its keys after decoding).
func wrongKind(data []byte) string {
	kind, reads := documentKind(data)
	if kind == "" {
		return ""
	}
	msg := "this is " + kind + ", not an sso-config file: " + giveInstead
	if reads != "" {
		msg += "; " + reads
	}
	return msg
}

// documentKind names what data looks like when it cannot be a
// configuration, and which command reads that kind ("" when none does).
func documentKind(data []byte) (kind, reads string) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	switch ct := http.DetectContentType(trimmed); {
	case strings.HasPrefix(ct, "image/"):
		return "an image (" + strings.TrimPrefix(ct, "image/") + ")", ""
	case ct == "application/pdf":
		return "a PDF document", ""
	case ct == "application/zip", ct == "application/x-gzip", ct == "application/x-rar-compressed", ct == "application/x-7z-compressed":
		return "an archive (" + ct + ")", ""
	case ct == "application/octet-stream" || bytes.IndexByte(trimmed[:min(len(trimmed), 512)], 0) >= 0:
		return "a binary file", ""
	case strings.HasPrefix(ct, "text/html"):
		return "a web page (HTML)", ""
	}
	if bytes.HasPrefix(trimmed, []byte("-----BEGIN")) {
		return "a PEM file (a certificate or key)", ""
	}
	if bytes.HasPrefix(trimmed, []byte("<")) {
		return xmlKind(trimmed)
	}
	if bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")) {
		if c, err := response.ParseCapture(trimmed); err == nil {
			return c.FormatName() + " (a browser capture)", "jcsso inspect reads it"
		}
		return "", ""
	}
	if x, _, err := response.Decode(trimmed); err == nil {
		if k, _ := xmlKind(x); strings.HasPrefix(k, "a SAML response") {
			return "a SAML response (base64, as a browser posts it)", "jcsso inspect reads it"
		}
	}
	return "", ""
}

// xmlKind names an XML document by its root element (and, for metadata,
// whose it is), reading no further than it needs; encoding/xml fetches no
// external entity and expands none but the predefined ones.
func xmlKind(data []byte) (kind, reads string) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var root string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := se.Name.Local
		if root == "" {
			root = name
			switch name {
			case "EntityDescriptor", "EntitiesDescriptor":
				continue // whose metadata: the first role says
			case "Response":
				return "a SAML response (XML)", "jcsso inspect reads it"
			case "html", "HTML":
				return "a web page (HTML)", ""
			}
			return "an XML document (<" + name + ">)", ""
		}
		switch name {
		case "IDPSSODescriptor":
			return "IdP metadata (SAML XML, as JumpCloud exports it)", "jcsso check reads the metadata itself"
		case "SPSSODescriptor":
			return "a service provider's SAML metadata", ""
		}
	}
	if root == "" {
		return "an XML document that cannot be read", ""
	}
	return "SAML metadata", "jcsso check reads the metadata itself"
}

// mappingKind names a YAML or JSON mapping without a version key by its
// keys: a jcsso profile, else a document of another kind.
func mappingKind(keys map[string]any, isJSON bool) string {
	_, id := keys["id"]
	_, sp := keys["service_provider"]
	_, saml := keys["saml"]
	if id && (sp || saml) {
		return "this is a jcsso profile (it describes a service provider), not an sso-config file: " + giveInstead
	}
	format := "a YAML"
	if isJSON {
		format = "a JSON"
	}
	return "this is " + format + " file with no version key, not an sso-config file: " + giveInstead
}
