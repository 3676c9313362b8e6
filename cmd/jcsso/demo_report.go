package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/jcsso/jcsso/internal/demo"
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/testidp"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui/findings"
)

// renderDemo is demo --yes's report: each step with its outcome, the
// import's failures and warnings with their fixes, then the live test as
// test-login prints it.
func renderDemo(w io.Writer, p *profile.Profile, faults []testidp.Fault, key string, res *demo.Result, waitErr error) {
	st := newReportStyles()
	faultText := "none"
	if len(faults) > 0 {
		faultText = strings.Join(faultNames(faults), ", ")
	}
	fmt.Fprintln(w, st.title.Render(samlcheck.Printable("jcsso demo: "+p.Name+" against a test IdP on 127.0.0.1 playing JumpCloud")))
	renderSummary(w, "", []summaryRow{{"Faults", faultText}, {"Signing key", key}})
	fmt.Fprintln(w)
	for i, s := range res.Steps {
		mark := findings.Mark(samlcheck.SeverityPass)
		style := st.pass
		if !s.OK {
			mark, style = findings.Mark(samlcheck.SeverityFail), st.fail
		}
		fmt.Fprintf(w, "%s %d %s: %s\n", style.Render(mark), i+1, st.label.Render(s.Title), samlcheck.Printable(s.Detail))
		if s.Key == "import" {
			var notable samlcheck.Findings
			for _, f := range res.Metadata {
				if f.Severity.Rank() >= samlcheck.SeverityWarn.Rank() {
					notable = append(notable, f)
				}
			}
			if len(notable) > 0 {
				renderFindings(w, notable)
			}
		}
	}
	fmt.Fprintln(w)
	renderLoginResult(w, res.ACSURL, res.Live, waitErr)
}
