package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/tui/findings"
)

// doctorOutput is where `jcsso doctor` puts each result as it comes, in
// the order found: a table row (and, for one that needs action, its details
// spooled to a temporary file, printed after the table), or a JSON line.
// Nothing grows with the number of configurations.
type doctorOutput interface {
	add(doctor.Result) error
	finish(doctor.Summary) error
	close()
}

func newDoctorOutput(cmd *cobra.Command, jsonLines bool) (doctorOutput, error) {
	out := cmd.OutOrStdout()
	if jsonLines {
		return &doctorJSONLines{w: out}, nil
	}
	spool, err := os.CreateTemp("", "jcsso-doctor-details-*")
	if err != nil {
		return nil, fmt.Errorf("doctor: %w", err)
	}
	return &doctorTable{out: out, rows: colorWriter(out), width: terminalWidth(out), spool: spool, details: bufio.NewWriter(spool), st: newReportStyles()}, nil
}

// doctorJSONLines writes one JSON object per configuration per line.
type doctorJSONLines struct{ w io.Writer }

// doctorLine is a configuration's JSON line.
type doctorLine struct {
	Config          string             `json:"config"`
	Status          doctor.Status      `json:"status"`
	Organization    string             `json:"organization,omitempty"`
	ServiceProvider string             `json:"service_provider,omitempty"`
	MetadataURL     string             `json:"metadata_url,omitempty"`
	Fetch           doctor.Fetch       `json:"fetch"`
	Certificate     *doctorLineCert    `json:"certificate,omitempty"`
	CheckedAt       time.Time          `json:"checked_at"`
	Findings        samlcheck.Findings `json:"findings"`
	Error           string             `json:"error,omitempty"`
}

// doctorLineCert is the certificate the expiry is judged by, with its
// whole days left at the check (negative once expired).
type doctorLineCert struct {
	SHA256   string    `json:"sha256"`
	NotAfter time.Time `json:"not_after"`
	DaysLeft int       `json:"days_left"`
}

func (j *doctorJSONLines) add(r doctor.Result) error {
	line := doctorLine{Config: r.Config, Status: r.Status, Organization: r.Organization, ServiceProvider: r.ServiceProvider,
		MetadataURL: r.MetadataURL, Fetch: r.Fetch, CheckedAt: r.CheckedAt, Findings: r.Findings, Error: r.Reason()}
	if line.Findings == nil {
		line.Findings = samlcheck.Findings{}
	}
	if r.Cert != nil {
		line.Certificate = &doctorLineCert{SHA256: r.Cert.SHA256, NotAfter: r.Cert.NotAfter, DaysLeft: daysLeft(r.Cert.NotAfter, r.CheckedAt)}
	}
	return writeJSONLine(j.w, line)
}

func (j *doctorJSONLines) finish(doctor.Summary) error { return nil }
func (j *doctorJSONLines) close()                      {}

// daysLeft is the whole days from now to notAfter, rounded down (negative
// once it has passed).
func daysLeft(notAfter, now time.Time) int {
	d := notAfter.Sub(now)
	days := int(d / (24 * time.Hour))
	if d < 0 && d%(24*time.Hour) != 0 {
		days--
	}
	return days
}

// The table's columns: widths of all but the last, what changed.
// They fit 80 columns with 24 left for what changed, whose words are short.
const (
	colStatus = 13
	colOrg    = 14
	colSP     = 12
	colCert   = 17
)

// doctorTable prints the table as results come and spools each one's
// details for after it.
type doctorTable struct {
	out     io.Writer
	rows    io.Writer
	width   int // the terminal's, or 0: rows are then never cut
	spool   *os.File
	details *bufio.Writer
	st      reportStyles
	started bool
}

func (t *doctorTable) add(r doctor.Result) error {
	if !t.started {
		t.started = true
		head := pad("STATUS", colStatus) + pad("ORGANISATION", colOrg) + pad("SP", colSP) + pad("CERT EXPIRES", colCert) + "WHAT CHANGED"
		if _, err := fmt.Fprintln(t.rows, t.st.label.Render(head)); err != nil {
			return err
		}
	}
	mark, word := findings.Mark(samlcheck.SeverityPass), "healthy"
	sev := samlcheck.SeverityPass
	switch r.Status {
	case doctor.StatusAction:
		sev, word = r.Findings.Worst(), "action"
	case doctor.StatusUnreadable:
		sev, word = samlcheck.SeverityFail, "unreadable"
	}
	mark = findings.Mark(sev)
	org, sp := r.Organization, r.ServiceProvider
	if r.Status == doctor.StatusUnreadable {
		org, sp = "?", "?"
	}
	changed := whatChanged(r)
	if t.width > 0 {
		changed = ansi.Truncate(changed, max(t.width-colStatus-colOrg-colSP-colCert, 10), "…")
	}
	row := t.st.severity(sev).Render(pad(mark+" "+word, colStatus)) + pad(org, colOrg) + pad(sp, colSP) + pad(certCell(r), colCert) + samlcheck.Printable(changed)
	if _, err := fmt.Fprintln(t.rows, row); err != nil {
		return err
	}
	if r.Status != doctor.StatusHealthy {
		return t.writeDetails(r)
	}
	return nil
}

// pad fits text (from a document: made printable) to a column of width,
// cut with … when longer, with at least one space after it.
func pad(text string, width int) string {
	text = ansi.Truncate(samlcheck.Printable(text), width-1, "…")
	return text + strings.Repeat(" ", width-ansi.StringWidth(text))
}

// certCell is the expiry column: the day and the days left (hours in the
// last two days), or when it expired.
func certCell(r doctor.Result) string {
	if r.Cert == nil {
		return "?"
	}
	day := r.Cert.NotAfter.UTC().Format(time.DateOnly)
	left := r.Cert.NotAfter.Sub(r.CheckedAt)
	switch {
	case left <= 0:
		return "expired " + day
	case left < 48*time.Hour:
		return fmt.Sprintf("%s %dh", day, int(left.Hours()))
	}
	return fmt.Sprintf("%s %dd", day, daysLeft(r.Cert.NotAfter, r.CheckedAt))
}

// certWords is the certificate in the details: when it expires in words,
// then its fingerprint.
func certWords(r doctor.Result) string {
	if r.Cert == nil {
		return ""
	}
	day := r.Cert.NotAfter.UTC().Format(time.DateOnly)
	left := r.Cert.NotAfter.Sub(r.CheckedAt)
	when := fmt.Sprintf("expires %s, in %d days", day, daysLeft(r.Cert.NotAfter, r.CheckedAt))
	switch {
	case left <= 0:
		when = "expired on " + day
	case left < 48*time.Hour:
		when = fmt.Sprintf("expires %s, in %d hours", day, int(left.Hours()))
	}
	return when + ", SHA-256 " + r.Cert.SHA256
}

// changeWords are the table's short words for what needs action, by id.
var changeWords = map[string]string{
	samlcheck.IDDriftCertRotated:     "cert rotated: SP stale",
	samlcheck.IDDriftCertAdded:       "cert added",
	samlcheck.IDDriftEntityIDChanged: "entity ID changed",
	samlcheck.IDDriftSSOURLChanged:   "sign-on URL changed",
	samlcheck.IDDriftRedirectRemoved: "Redirect removed",
	samlcheck.IDDriftFetchFailed:     "URL fetch failed",
	samlcheck.IDCertExpiring:         "cert expiring",
	samlcheck.IDCertExpired:          "cert expired",
}

// whatChanged is the last column: what needs action, the way the
// metadata URL went when nothing does, or why it is unreadable.
func whatChanged(r doctor.Result) string {
	if r.Status == doctor.StatusUnreadable {
		// The first problem; the details list every one.
		lines := strings.Split(strings.TrimPrefix(r.Err.Error(), r.Config+": "), "\n")
		text := r.Config + ": " + lines[0]
		if len(lines) > 1 {
			text += fmt.Sprintf(" (and %d more)", len(lines)-1)
		}
		return text
	}
	var parts []string
	for _, f := range r.Findings {
		if !doctor.NeedsAction(samlcheck.Findings{f}) {
			continue
		}
		w, ok := changeWords[f.ID]
		if !ok {
			w = f.ID
		}
		if !slices.Contains(parts, w) {
			parts = append(parts, w)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, ", ")
	}
	switch r.Fetch {
	case doctor.FetchOffline:
		return "nothing (offline)"
	case doctor.FetchNone:
		return "nothing (no URL saved)"
	}
	return "nothing"
}

// writeDetails spools what a configuration needing action (or unreadable)
// is told: where it is, the URL, the certificate, then each problem with
// its fix.
func (t *doctorTable) writeDetails(r doctor.Result) error {
	var b strings.Builder
	b.WriteString("\n")
	if r.Status == doctor.StatusUnreadable {
		renderSummary(&b, r.Config+": unreadable", []summaryRow{{"Reason", r.Reason()}})
		_, err := t.details.WriteString(b.String())
		return err
	}
	url := r.MetadataURL
	if url != "" {
		url += " (" + string(r.Fetch) + ")"
	}
	renderSummary(&b, r.Organization+" · "+r.ServiceProvider+": needs action", []summaryRow{{"Config", r.Config}, {"Metadata URL", url}, {"Certificate", certWords(r)}})
	// What needs action first; the saved copy's other warnings after.
	fs := slices.Clone(r.Findings)
	slices.SortStableFunc(fs, func(a, b samlcheck.Finding) int {
		return boolRank(doctor.NeedsAction(samlcheck.Findings{b})) - boolRank(doctor.NeedsAction(samlcheck.Findings{a}))
	})
	findingRows(&b, fs, t.st)
	_, err := t.details.WriteString(b.String())
	return err
}

// finish prints the spooled details, wrapped like every report, then the
// count line.
func (t *doctorTable) finish(sum doctor.Summary) error {
	if err := t.details.Flush(); err != nil {
		return err
	}
	if _, err := t.spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	w := reportWriter(t.out)
	if _, err := io.Copy(w, t.spool); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\n"+doctorCountLine(sum, t.st))
	return err
}

func (t *doctorTable) close() {
	_ = t.spool.Close()
	_ = os.Remove(t.spool.Name())
}

// doctorCountLine is the closing line: how many configurations, by status.
func doctorCountLine(sum doctor.Summary, st reportStyles) string {
	noun := "configurations"
	if sum.Total() == 1 {
		noun = "configuration"
	}
	parts := []string{st.pass.Render(fmt.Sprintf("%d healthy", sum.Healthy))}
	if sum.Action > 0 {
		parts = append(parts, st.warn.Render(fmt.Sprintf("%d need action", sum.Action)))
	}
	if sum.Unreadable > 0 {
		parts = append(parts, st.fail.Render(fmt.Sprintf("%d unreadable", sum.Unreadable)))
	}
	return fmt.Sprintf("%d %s checked: %s", sum.Total(), noun, strings.Join(parts, ", "))
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
