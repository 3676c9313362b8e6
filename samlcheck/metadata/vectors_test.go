package metadata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
)

// metadataVectorCase is one "metadata" entry of the shared conformance
// vectors' cases.json (see ../shared/vectors/README.md).
type metadataVectorCase struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Input string `json:"input"`
	Args  struct {
		IdPEntityID string `json:"idp_entity_id"`
		SPEntityID  string `json:"sp_entity_id"`
		ACSURL      string `json:"acs_url"`
		Now         string `json:"now"`
	} `json:"args"`
	Expect struct {
		OK      bool     `json:"ok"`
		Exit    int      `json:"exit"`
		Fail    []string `json:"fail"`
		NotFail []string `json:"not_fail"`
	} `json:"expect"`
}

// TestMetadataVectors runs every metadata case of the shared vectors through
// Check and reports each disagreement by case name.
func TestMetadataVectors(t *testing.T) {
	dir := enginetest.Vectors(t)
	cases := enginetest.ReadCases[metadataVectorCase](t, dir)
	var disagreements []string
	ran := 0
	for _, tc := range cases {
		if tc.Kind != "metadata" {
			continue
		}
		ran++
		data, err := os.ReadFile(filepath.Join(dir, tc.Input))
		if err != nil {
			disagreements = append(disagreements, tc.Name+": cannot read input: "+err.Error())
			continue
		}
		now, err := time.Parse(time.RFC3339, tc.Args.Now)
		if err != nil {
			disagreements = append(disagreements, tc.Name+": bad now: "+err.Error())
			continue
		}
		r := Check(data, Options{
			IdPEntityID: tc.Args.IdPEntityID,
			SPEntityID:  tc.Args.SPEntityID,
			ACSURL:      tc.Args.ACSURL,
			Now:         now,
		})
		var problems []string
		if r.OK != tc.Expect.OK {
			problems = append(problems, "ok is "+boolWord(r.OK)+", expected "+boolWord(tc.Expect.OK))
		}
		for _, id := range tc.Expect.Fail {
			if !hasSeverity(r.Findings, id, samlcheck.SeverityFail) {
				problems = append(problems, id+" should fail")
			}
		}
		for _, id := range tc.Expect.NotFail {
			if hasSeverity(r.Findings, id, samlcheck.SeverityFail) {
				problems = append(problems, id+" should not fail")
			}
		}
		if len(problems) > 0 {
			var fails []string
			for _, f := range r.Findings {
				if f.Severity == samlcheck.SeverityFail {
					fails = append(fails, f.ID+" ("+f.Message+")")
				}
			}
			disagreements = append(disagreements, tc.Name+": "+strings.Join(problems, "; ")+"\n    fails: "+strings.Join(fails, "\n           "))
		}
	}
	if ran == 0 {
		t.Fatal("cases.json has no metadata cases")
	}
	for _, d := range disagreements {
		t.Error(d)
	}
	t.Logf("%d metadata cases, %d disagreements", ran, len(disagreements))
}

func hasSeverity(fs samlcheck.Findings, id string, s samlcheck.Severity) bool {
	for _, f := range fs.ByID(id) {
		if f.Severity == s {
			return true
		}
	}
	return false
}

func boolWord(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
