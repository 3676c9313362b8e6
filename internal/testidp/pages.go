package testidp

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/http"
)

// The server's HTML pages: plain forms a browser, curl or a test's HTTP
// client can fill in. Every value goes through html/template's escaping
// (base64 values through valueAttr). Only the login page says "password":
// tools that sniff pages (jcsso check's xml.html) call a page with a
// password field a sign-in page.
var pages = template.Must(template.New("pages").Funcs(template.FuncMap{"valueAttr": valueAttr}).Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34em;margin:3em auto;padding:0 1em;color:#1d2b36}
label{display:block;margin:.8em 0 .2em}.field{width:100%;padding:.4em}
button{margin-top:1em;padding:.4em 1.2em}.error{color:#a4000f}.note{color:#5b6b78;font-size:.9em}code{word-break:break-all}</style>
</head><body>{{end}}

{{define "login"}}{{template "head" .}}
<h1>Sign in</h1>
<p>to the application <strong>{{.App}}</strong> (a JumpCloud-shaped test identity provider)</p>
{{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
<form method="post" action="{{.Action}}">
<label for="email">E-mail</label><input class="field" type="email" id="email" name="email" value="{{.Email}}" autocomplete="username" required autofocus>
<label for="password">Password</label><input class="field" type="password" id="password" name="password" autocomplete="current-password" required>
<input type="hidden" name="SAMLRequest" {{valueAttr .SAMLRequest}}>
<input type="hidden" name="RelayState" value="{{.RelayState}}">
<input type="hidden" name="flow" value="{{.Flow}}">
<button type="submit">Sign in</button>
</form>
<p class="note">Test users only; this server listens on the loopback address.</p>
</body></html>{{end}}

{{define "post"}}{{template "head" .}}
<form id="saml-post" method="post" action="{{.Action}}">
<input type="hidden" name="SAMLResponse" {{valueAttr .SAMLResponse}}>
{{if .RelayState}}<input type="hidden" name="RelayState" value="{{.RelayState}}">{{end}}
<noscript><p>Scripts are off: continue to the service provider by hand.</p><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById("saml-post").submit();</script>
</body></html>{{end}}

{{define "noaccess"}}{{template "head" .}}
<h1>No access to this application</h1>
<p>You are signed in as <strong>{{.Email}}</strong>, but your administrator has not given you access to <strong>{{.App}}</strong>.</p>
<p>Ask them to add you, or a user group you are in, to the groups bound to the application.</p>
</body></html>{{end}}

{{define "problem"}}{{template "head" .}}
<h1>{{.Title}}</h1>
<p class="error">{{.Error}}</p>
{{if .Hint}}<p>{{.Hint}}</p>{{end}}
</body></html>{{end}}

{{define "index"}}{{template "head" .}}
<h1>JumpCloud-shaped test IdP</h1>
<p>Application <strong>{{.App}}</strong>, IdP Entity ID <code>{{.EntityID}}</code>.</p>
<ul>
<li>Metadata: <a href="{{.MetadataURL}}"><code>{{.MetadataURL}}</code></a></li>
<li>Sign-on URL (for the service provider): <code>{{.SSOURL}}</code></li>
<li>Sign in as from the user portal's tile: <a href="{{.IdPInitiatedURL}}"><code>{{.IdPInitiatedURL}}</code></a></li>
</ul>
</body></html>{{end}}
`))

// valueAttr writes value="s" for base64 text with only the characters that
// could end the attribute or open markup escaped. html/template would also
// write '+' as &#43;, which a browser decodes but someone copying a
// SAMLResponse out of curl's output or the page source would not.
func valueAttr(s string) template.HTMLAttr {
	return template.HTMLAttr(`value="` + html.EscapeString(s) + `"`)
}

// loginPage is what the login form shows.
type loginPage struct {
	Title, App, Action, Error, Email string
	SAMLRequest, RelayState, Flow    string
}

// postPage is the auto-submitting form that carries the response.
type postPage struct {
	Title, Action, SAMLResponse, RelayState string
}

// noAccessPage is shown to a user who is not bound to the app.
type noAccessPage struct {
	Title, App, Email string
}

// problemPage explains a request the IdP cannot serve.
type problemPage struct {
	Title, Error, Hint string
}

// indexPage lists the server's URLs for someone who opens its root.
type indexPage struct {
	Title, App, EntityID, MetadataURL, SSOURL, IdPInitiatedURL string
}

// renderPage writes one page with its status. The page is rendered into a
// buffer first, so a template error is a 500, never half a page.
func renderPage(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, fmt.Sprintf("render %s page: %v", name, err), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
