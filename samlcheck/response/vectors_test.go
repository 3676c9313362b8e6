package response_test

import (
	"os"
	"path/filepath"
	"strings"
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
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Input string `json:"input"`
	Args  struct {
		Cert           []string `json:"cert"`
		Metadata       string   `json:"metadata"`
		IdPEntityID    string   `json:"idp_entity_id"`
		SPEntityID     string   `json:"sp_entity_id"`
		ACSURL         string   `json:"acs_url"`
		RequireSigning string   `json:"require_signing"`
		Now            string   `json:"now"`
		RequestID      string   `json:"request_id"`
	} `json:"args"`
	Expect struct {
		OK           bool     `json:"ok"`
		Exit         int      `json:"exit"`
		Fail         []string `json:"fail"`
		NotFail      []string `json:"not_fail"`
		SubjectEmail *string  `json:"subject_email"`
	} `json:"expect"`
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
// through response.Inspect with the options the command line would give, and
// reports each disagreement by case name.
func TestResponseVectors(t *testing.T) {
	dir := enginetest.Vectors(t)
	cases := enginetest.ReadCases[responseVectorCase](t, dir)
	var disagreements []string
	ran := 0
	for _, tc := range cases {
		if tc.Kind != "response" {
			continue
		}
		ran++
		input, err := os.ReadFile(filepath.Join(dir, tc.Input))
		if err != nil {
			disagreements = append(disagreements, tc.Name+": cannot read input: "+err.Error())
			continue
		}
		opts, err := vectorInspectOptions(dir, tc)
		if err != nil {
			disagreements = append(disagreements, tc.Name+": "+err.Error())
			continue
		}
		r := response.Inspect(input, opts)
		var problems []string
		if r.OK != tc.Expect.OK {
			problems = append(problems, "ok is "+map[bool]string{true: "true", false: "false"}[r.OK])
		}
		if exit := map[bool]int{true: 0, false: 1}[r.OK]; exit != tc.Expect.Exit {
			problems = append(problems, "exit would be "+string(rune('0'+exit)))
		}
		for _, id := range tc.Expect.Fail {
			if !findingFails(r.Findings, id) {
				problems = append(problems, id+" should fail")
			}
		}
		for _, id := range tc.Expect.NotFail {
			if findingFails(r.Findings, id) {
				problems = append(problems, id+" should not fail")
			}
		}
		if tc.Expect.SubjectEmail != nil && r.Subject.Email != *tc.Expect.SubjectEmail {
			problems = append(problems, "subject.email is "+r.Subject.Email+", expected "+*tc.Expect.SubjectEmail)
		}
		if len(problems) > 0 {
			var fails []string
			for _, f := range r.Findings {
				if f.Severity == samlcheck.SeverityFail {
					fails = append(fails, f.ID+": "+f.Message)
				}
			}
			disagreements = append(disagreements, tc.Name+": "+strings.Join(problems, "; ")+"\n    fails: "+strings.Join(fails, "\n           "))
		}
	}
	if ran == 0 {
		t.Fatal("cases.json has no response cases")
	}
	for _, d := range disagreements {
		t.Error(d)
	}
	t.Logf("%d response cases, %d disagreements", ran, len(disagreements))
}

// findingFails reports whether some finding with the id has severity fail.
func findingFails(fs samlcheck.Findings, id string) bool {
	for _, f := range fs.ByID(id) {
		if f.Severity == samlcheck.SeverityFail {
			return true
		}
	}
	return false
}
