package acs

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
)

// The listener's pages: a plain message, and the form that posts the
// request to the IdP. Every value goes through html/template's escaping.
var pages = template.Must(template.New("pages").Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}} · jcsso login test</title>
<style>body{font-family:system-ui,sans-serif;max-width:34em;margin:3em auto;padding:0 1em;color:#1d2b36}.note{color:#5b6b78}</style>
</head><body>{{end}}

{{define "page"}}{{template "head" .}}
<h1>{{.Title}}</h1>
<p>{{.Message}}</p>
{{if .Hint}}<p class="note">{{.Hint}}</p>{{end}}
</body></html>{{end}}

{{define "post"}}{{template "head" .}}
<form id="saml-request" method="post" action="{{.Action}}">
<input type="hidden" name="SAMLRequest" value="{{.SAMLRequest}}">
<input type="hidden" name="RelayState" value="{{.RelayState}}">
<noscript><p>Scripts are off: continue to the identity provider by hand.</p><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById("saml-request").submit();</script>
</body></html>{{end}}
`))

// page is a plain message.
type page struct {
	Title, Message, Hint string
}

// postPage is the auto-submitting form carrying the request.
type postPage struct {
	Title, Action, SAMLRequest, RelayState string
}

// renderPage writes one page with its status, rendered into a buffer first
// so a template error is a 500, never half a page.
func renderPage(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, fmt.Sprintf("render %s page: %v", name, err), http.StatusInternalServerError)
		return
	}
	noStore(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// noStore keeps pages and redirects that carry a request out of caches,
// and the login URL out of the IdP's Referer.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
}
