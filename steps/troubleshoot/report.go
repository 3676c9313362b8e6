package troubleshoot

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/tui"
)

// DefaultReportName is where w writes the report without --report: in
// the current folder, named after the symptom.
func DefaultReportName(symptom string) string {
	return "jcsso-troubleshoot-" + symptom + ".md"
}

// reportWrittenMsg says a report was written to path, or why not.
type reportWrittenMsg struct {
	path string
	err  error
	// quit ends the session once written (finish).
	quit bool
}

// report is the Markdown of the session as it stands.
func (s *session) report() ([]byte, error) {
	if s.res == nil {
		return nil, fmt.Errorf("no symptom chosen yet")
	}
	ev := s.ev
	ev.Answers = s.answers
	return diagnose.Report(s.res, ev, s.words, diagnose.ReportOptions{IncludeResponse: s.opts.IncludeResponse, Now: s.now()})
}

func (s *session) reportFile() string {
	if s.opts.ReportPath != "" {
		return s.opts.ReportPath
	}
	return DefaultReportName(s.symptom)
}

// writeReport writes the report in the background (atomically, 0600).
func (s *session) writeReport(quit bool) tea.Cmd {
	data, err := s.report()
	path, write := s.reportFile(), s.svc.WriteReport
	return func() tea.Msg {
		if err == nil {
			err = write(path, data)
		}
		return reportWrittenMsg{path: path, err: err, quit: quit}
	}
}

func (s *session) reportWritten(m reportWrittenMsg) tea.Cmd {
	if m.err != nil {
		s.done = false
		return tui.Status("the report was not written: "+printable(m.err.Error()), tui.KindFail)
	}
	s.reportPath = m.path
	if m.quit {
		return tui.Quit
	}
	return tui.Status("wrote the report to "+printable(m.path)+" (only you can read it: mode 0600)", tui.KindOK)
}

// copyReport copies the report, for pasting into the ticket.
func (s *session) copyReport() tea.Cmd {
	data, err := s.report()
	if err != nil {
		return tui.Status(err.Error(), tui.KindFail)
	}
	return tui.Copy("the report (paste it into the ticket)", string(data))
}

// finish ends the session: with --report, once the report is written.
func (s *session) finish() tea.Cmd {
	s.done = true
	if s.opts.ReportPath != "" {
		return s.writeReport(true)
	}
	return tui.Quit
}
