package metadata

import (
	"fmt"
	"testing"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
)

// metadataVectorCase is one "metadata" entry of the shared conformance
// vectors' cases.json (see ../shared/vectors/README.md).
type metadataVectorCase struct {
	enginetest.CaseHead
	Args struct {
		IdPEntityID string `json:"idp_entity_id"`
		SPEntityID  string `json:"sp_entity_id"`
		ACSURL      string `json:"acs_url"`
		Now         string `json:"now"`
	} `json:"args"`
}

// TestMetadataVectors runs every metadata case of the shared vectors through
// Check and reports each disagreement by case name.
func TestMetadataVectors(t *testing.T) {
	enginetest.RunCases(t, "metadata", func(_ string, tc metadataVectorCase, data []byte) ([]string, samlcheck.Findings) {
		now, err := time.Parse(time.RFC3339, tc.Args.Now)
		if err != nil {
			return []string{fmt.Sprintf("bad now: %v", err)}, nil
		}
		r := Check(data, Options{
			IdPEntityID: tc.Args.IdPEntityID,
			SPEntityID:  tc.Args.SPEntityID,
			ACSURL:      tc.Args.ACSURL,
			Now:         now,
		})
		return tc.Expect.Problems(r.OK, r.Findings), r.Findings
	})
}
