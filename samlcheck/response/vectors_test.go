package response_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// responseVectorCase is one "response" entry of the shared conformance
// vectors' cases.json (see ../shared/vectors/README.md).
type responseVectorCase struct {
	enginetest.CaseHead
	Args struct {
		Cert           []string `json:"cert"`
		Metadata       string   `json:"metadata"`
		IdPEntityID    string   `json:"idp_entity_id"`
		SPEntityID     string   `json:"sp_entity_id"`
		ACSURL         string   `json:"acs_url"`
		RequireSigning string   `json:"require_signing"`
		Now            string   `json:"now"`
		RequestID      string   `json:"request_id"`
	} `json:"args"`
}

// vectorInspectOptions builds the options the command's flags would give
// for a case: certificates from --cert files or --metadata, the rest as is.
func vectorInspectOptions(dir string, tc responseVectorCase) (response.Options, error) {
	now, err := time.Parse(time.RFC3339, tc.Args.Now)
	if err != nil {
		return response.Options{}, err
	}
	o := response.Options{
		IdPEntityID:    tc.Args.IdPEntityID,
		SPEntityID:     tc.Args.SPEntityID,
		ACSURL:         tc.Args.ACSURL,
		RequireSigning: response.SigningRequirement(tc.Args.RequireSigning),
		RequestID:      tc.Args.RequestID,
		Now:            now,
	}
	for _, p := range tc.Args.Cert {
		pem, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return o, err
		}
		certs, err := samlcheck.ParseCertsPEM(pem)
		if err != nil {
			return o, err
		}
		o.TrustedCerts = append(o.TrustedCerts, certs...)
	}
	if tc.Args.Metadata != "" {
		md, err := os.ReadFile(filepath.Join(dir, tc.Args.Metadata))
		if err != nil {
			return o, err
		}
		o.TrustMetadata(metadata.Check(md, metadata.Options{Now: now, SPEntityID: o.SPEntityID, ACSURL: o.ACSURL}).IdP)
	}
	return o, nil
}

// TestResponseVectors runs every response case of the shared vectors
// through Inspect with the options the command line would give, and
// reports each disagreement by case name.
func TestResponseVectors(t *testing.T) {
	enginetest.RunCases(t, "response", func(dir string, tc responseVectorCase, input []byte) ([]string, samlcheck.Findings) {
		opts, err := vectorInspectOptions(dir, tc)
		if err != nil {
			return []string{err.Error()}, nil
		}
		r := response.Inspect(input, opts)
		problems := tc.Expect.Problems(r.OK, r.Findings)
		if exit := map[bool]int{true: 0, false: 1}[r.OK]; exit != tc.Expect.Exit {
			problems = append(problems, fmt.Sprintf("exit would be %d, expected %d", exit, tc.Expect.Exit))
		}
		if tc.Expect.SubjectEmail != nil && r.Subject.Email != *tc.Expect.SubjectEmail {
			problems = append(problems, "subject.email is "+r.Subject.Email+", expected "+*tc.Expect.SubjectEmail)
		}
		return problems, r.Findings
	})
}
