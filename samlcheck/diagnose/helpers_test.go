package diagnose_test

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
	"github.com/jcsso/jcsso/samlcheck/drift"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/response"
)

// avomaWords and vomeWords are two service providers' words, as the
// caller fills them from a profile (steps/troubleshoot does it from
// internal/profile; here they are written out).
func avomaWords() diagnose.Words {
	return diagnose.Words{Profile: "avoma", SP: "Avoma", SPCap: "Avoma", SupportHandoff: true,
		HandoffWhere: "Avoma's support team", SessionsEnd: true,
		SignIn: "On Avoma's login screen, choose the SSO option and enter your work e-mail.",
		Sign:   "Assertion and Response", DeclareRedirect: true, IdPEntityIDExample: "jumpcloud-acmecorp", Console: console()}
}

func vomeWords() diagnose.Words {
	return diagnose.Words{Profile: "vome", SP: "Vome", SPCap: "Vome", AdminsMustExist: true,
		HandoffWhere: "Vome's SSO settings page", SignIn: "On Vome's sign-in page, choose the SSO option.",
		Sign: "Assertion and Response", DeclareRedirect: true, Console: console()}
}

func console() diagnose.Console {
	return diagnose.Console{Name: "JumpCloud admin console", Apps: "SSO Applications", SSOTab: "SSO", UserGroupsTab: "User Groups",
		ExportMetadata: "Export Metadata", CopyMetadataURL: "Copy Metadata URL", Save: "Save", UserPortal: "User Portal",
		IdPEntityID: "IdP Entity ID", SPEntityID: "SP Entity ID", ACSURL: "ACS URL", NameID: "SAMLSubject NameID",
		Sign: "Sign", SignatureAlgorithm: "Signature Algorithm", IdPURL: "IdP URL", DeclareRedirect: "Declare Redirect Endpoint"}
}

var (
	judgedAt = samltest.DefaultIssueInstant.Add(5 * time.Second)
	expect   = diagnose.Expect{SPEntityID: samltest.DefaultSPEntityID, ACSURL: samltest.DefaultACSURL, IdPEntityID: samltest.DefaultIdPEntityID}
)

// keys are the IdP's certificate now (0) and from before a rotation (1).
func keys(t testing.TB) (now, before samltest.KeyPair) {
	return samltest.NewKeyPair(t, 0, samltest.CertOptions{}), samltest.NewKeyPair(t, 1, samltest.CertOptions{})
}

// checked is metadata of kp with the options, checked as troubleshooting checks it.
func checked(t testing.TB, kp samltest.KeyPair, o samltest.MetadataOptions, appName string) *metadata.Report {
	t.Helper()
	return metadata.Check(samltest.Metadata(kp, o), metadata.Options{SPEntityID: expect.SPEntityID, ACSURL: expect.ACSURL, Now: judgedAt, AppName: appName})
}

// inspected is a response signed as o says, verified with trusted.
func inspected(t testing.TB, o samltest.ResponseOptions, trusted samltest.KeyPair) (*response.Report, []byte) {
	t.Helper()
	xml := samltest.ResponseXML(t, o)
	r := response.Inspect(xml, response.Options{TrustedCerts: trustOf(trusted), IdPEntityID: expect.IdPEntityID,
		SPEntityID: expect.SPEntityID, ACSURL: expect.ACSURL, Now: judgedAt})
	return r, xml
}

func trustOf(kp samltest.KeyPair) []*x509.Certificate { return []*x509.Certificate{kp.Cert} }

// savedFrom is what a configuration saved from metadata of kp records.
func savedFrom(kp samltest.KeyPair) *drift.SavedIdP {
	md := metadata.Check(samltest.Metadata(kp, samltest.MetadataOptions{}), metadata.Options{Now: judgedAt})
	s := drift.SavedIdP{EntityID: md.IdP.EntityID, SSOURL: md.IdP.SSO[0].URL}
	for _, c := range md.IdP.Certificates {
		s.CertSHA256 = append(s.CertSHA256, c.SHA256)
	}
	return &s
}

func walk(t testing.TB, symptom string, ev diagnose.Evidence, w diagnose.Words) *diagnose.Result {
	t.Helper()
	res, err := diagnose.Walk(symptom, ev, w)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// wantDiagnosis fails unless the walk settled on cause.
func wantDiagnosis(t testing.TB, res *diagnose.Result, cause string) *diagnose.Diagnosis {
	t.Helper()
	if res.Diagnosis == nil || res.Diagnosis.Cause != cause {
		t.Fatalf("diagnosis %+v, want %s; causes %+v; next %+v", res.Diagnosis, cause, res.Causes, res.Next)
	}
	return res.Diagnosis
}

func statusOf(res *diagnose.Result, cause string) diagnose.Status {
	for _, c := range res.Causes {
		if c.ID == cause {
			return c.Status
		}
	}
	return ""
}
