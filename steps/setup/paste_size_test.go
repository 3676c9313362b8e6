package setup

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	samlsource "github.com/jcsso/jcsso/samlcheck/source"
)

// Review item 6: pasted text over the metadata cap is refused in the
// words every size limit is given in ("over the 5 MiB limit"), and not
// checked.
func TestPasteOverTheLimitSaysTheLimit(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := toImport(t, f)
	h.Keys("3")
	h.Send(tea.PasteMsg{Content: "<" + strings.Repeat("a", samlsource.MaxInputBytes)})
	h.WantScreen("the pasted text is over the 5 MiB limit")
}
